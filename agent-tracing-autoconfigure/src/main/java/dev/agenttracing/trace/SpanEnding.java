package dev.agenttracing.trace;

/**
 * Put in an observation's context by a convention that still has something to write when
 * the observation stops: {@link GenAiTracingObservationHandler} then hands it the end of
 * the span instead of ending it; the span's attributes stay writable until {@code end}
 * runs. A streamed model call uses it: Spring AI stops its observation when the
 * provider's stream completes, which can be before the first chunk has reached the
 * {@code ChatClient}'s advisors across a thread hop.
 */
public interface SpanEnding {

	/**
	 * The span has just started.
	 */
	void spanStarted();

	/**
	 * Take over the end of the span: run {@code end} exactly once, now or later, after
	 * writing what is still to be written.
	 * @param attributes the span's attributes, writable until {@code end} runs
	 * @param end ends the span; never throws
	 */
	void endSpan(SpanAttributes attributes, Runnable end);

}
