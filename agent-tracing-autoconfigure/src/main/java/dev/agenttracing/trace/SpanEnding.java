package dev.agenttracing.trace;

/**
 * Put in an observation's context by a convention that still has something to write when
 * the observation stops: {@link GenAiTracingObservationHandler} then hands it the end of
 * the span instead of ending it. The span keeps the end time of the stop; its attributes
 * stay writable until {@code end} runs. A streamed model call uses it: Spring AI stops its
 * observation when the provider's stream completes, which can be before the first chunk
 * has reached the {@code ChatClient}'s advisors across a thread hop.
 */
public interface SpanEnding {

	/**
	 * Take over the end of the span: run {@code end} exactly once, now or later, after
	 * writing what is still to be written.
	 * @param attributes the span's attributes, writable until {@code end} runs
	 * @param end ends the span at the time of the stop; never throws
	 */
	void endSpan(SpanAttributes attributes, Runnable end);

}
