package dev.agenttracing.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.run.AgentRunObservationContext;

/**
 * One GenAI operation (an agent run, a model call, a tool execution, a retrieval) from its
 * start to its end, as the operation pipeline keeps it: the only object agent-tracing puts
 * on an observation's context. It holds the operation's clock, the run it belongs to, its
 * span, the events waiting for that span, and the two claims that make its stop and its
 * end happen once.
 * <p>
 * Internal: not part of agent-tracing's API.
 */
public final class GenAiOperation {

	private final long startNanos = System.nanoTime();

	private final @Nullable AgentRunObservationContext run;

	private final long sequence;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile @Nullable Span span;

	private volatile @Nullable SpanEnding deferredEnd;

	private volatile @Nullable Throwable recordedError;

	private @Nullable List<PendingEvent> events;

	GenAiOperation(@Nullable AgentRunObservationContext run, long sequence) {
		this.run = run;
		this.sequence = sequence;
	}

	/**
	 * The operation of an observation.
	 * @param context the observation's context
	 * @return its operation, or {@code null} when the pipeline does not handle it
	 */
	public static @Nullable GenAiOperation of(Observation.ContextView context) {
		return context.get(GenAiOperation.class);
	}

	/**
	 * The run this operation belongs to; {@code null} for a run itself and outside runs.
	 * @return the run
	 */
	public @Nullable AgentRunObservationContext run() {
		return this.run;
	}

	/**
	 * Nanoseconds since the operation started.
	 * @return the elapsed time
	 */
	public long elapsedNanos() {
		return System.nanoTime() - this.startNanos;
	}

	/**
	 * Add an event to the operation's span, written before the span ends with the time it
	 * was added; dropped when the operation has no span.
	 * @param name the event's name
	 * @param attributes its attributes (String, Long/Integer, Double, Boolean or
	 * List&lt;String&gt; values)
	 */
	public void event(String name, Map<String, Object> attributes) {
		PendingEvent event = new PendingEvent(name, Map.copyOf(attributes), Instant.now());
		synchronized (this) {
			if (this.events == null) {
				this.events = new ArrayList<>(2);
			}
			this.events.add(event);
		}
	}

	/**
	 * Let something else end the span: the pipeline hands it the end instead of ending the
	 * span when the operation stops (a streamed model call whose first chunk has not yet
	 * crossed the ChatClient's thread hop). Set before the span starts.
	 * @param ending what ends the span
	 */
	public void deferEnd(SpanEnding ending) {
		this.deferredEnd = ending;
	}

	/**
	 * What ends the span instead of the pipeline, if anything.
	 * @return the deferred end, or {@code null}
	 */
	public @Nullable SpanEnding deferredEnd() {
		return this.deferredEnd;
	}

	long sequence() {
		return this.sequence;
	}

	void started(Span span) {
		this.span = span;
	}

	@Nullable Span span() {
		return this.span;
	}

	/**
	 * True for the first stop of the operation only: Micrometer passes every
	 * {@code stop()} on, and a stream's observation can be stopped again on cancellation.
	 */
	boolean claimStop() {
		return this.stopped.compareAndSet(false, true);
	}

	/**
	 * True once per operation: the operation's stop and the application's shutdown race to
	 * end its span, and whichever claims first ends it.
	 */
	boolean claimEnd() {
		return this.ended.compareAndSet(false, true);
	}

	boolean isEnded() {
		return this.ended.get();
	}

	/**
	 * Record a failure once: Spring AI and the tool interceptor may report the same
	 * failure more than once.
	 * @return whether this failure is new
	 */
	boolean recordError(Throwable error) {
		if (this.recordedError == error) {
			return false;
		}
		this.recordedError = error;
		return true;
	}

	List<PendingEvent> drainEvents() {
		synchronized (this) {
			List<PendingEvent> drained = (this.events != null) ? this.events : List.of();
			this.events = null;
			return drained;
		}
	}

	record PendingEvent(String name, Map<String, Object> attributes, Instant time) {
	}

}
