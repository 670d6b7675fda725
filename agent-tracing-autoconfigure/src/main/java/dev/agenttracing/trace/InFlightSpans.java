package dev.agenttracing.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.opentelemetry.api.trace.StatusCode;

import dev.agenttracing.run.AgentOutcome;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;

import org.springframework.util.ClassUtils;

/**
 * The GenAI spans started and not yet ended (agent runs, model calls, tool executions),
 * so that the application can end them when it shuts down with runs still in flight.
 * Each span is ended once: either by the operation that owns it, when it completes, or
 * by {@link #endAllAtShutdown()}, whichever comes first; the other then leaves the span
 * alone.
 */
public final class InFlightSpans {

	/**
	 * The {@code error.type} of a span ended because the application shut down before the
	 * operation completed.
	 */
	public static final String SHUTDOWN_ERROR_TYPE = "shutdown";

	/** The status description of such a span. */
	public static final String SHUTDOWN_DESCRIPTION = "The application shut down before the operation completed";

	private static final boolean OTEL_BRIDGE_PRESENT = ClassUtils
		.isPresent("io.micrometer.tracing.otel.bridge.OtelSpan", InFlightSpans.class.getClassLoader());

	private final Map<Observation.Context, Entry> open = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final TracingFailures failures;

	/**
	 * Create the registry.
	 * @param failures where failures to end a span go
	 */
	public InFlightSpans(TracingFailures failures) {
		this.failures = failures;
	}

	/**
	 * A span has started.
	 * @param context the observation it belongs to
	 * @param span the span
	 */
	void started(Observation.Context context, Span span) {
		Entry entry = new Entry(context, span, this.sequence.incrementAndGet());
		context.put(Entry.class, entry);
		this.open.put(context, entry);
	}

	/**
	 * The operation of a span stopped and is about to end it. True once per span: a second
	 * stop of the same observation (a stream finished on completion and on cancellation)
	 * and a stop after the span was ended at shutdown both get {@code false}.
	 * @param context the observation
	 * @return whether the caller ends the span
	 */
	boolean claimEnd(Observation.Context context) {
		Entry entry = context.get(Entry.class);
		if (entry == null) {
			return true;
		}
		this.open.remove(context, entry);
		return entry.claim();
	}

	/**
	 * Whether the span of an observation was ended (or is being ended) already.
	 * @param context the observation
	 * @return whether it was
	 */
	boolean ended(Observation.Context context) {
		Entry entry = context.get(Entry.class);
		return entry != null && entry.ended().get();
	}

	/**
	 * Number of spans open now.
	 * @return the count
	 */
	public int size() {
		return this.open.size();
	}

	/**
	 * End every span still open, innermost first, with status ERROR and
	 * {@code error.type} {@value #SHUTDOWN_ERROR_TYPE}; an agent run span also gets
	 * {@code agent.outcome} {@code error}. The operations themselves are not touched: they
	 * go on, and their spans are not ended a second time when they complete.
	 * @return the number of spans ended
	 */
	public int endAllAtShutdown() {
		List<Entry> entries = new ArrayList<>(this.open.values());
		entries.sort(Comparator.comparingLong(Entry::sequence).reversed());
		int ended = 0;
		for (Entry entry : entries) {
			if (this.open.remove(entry.context(), entry) && entry.claim()) {
				try {
					endAtShutdown(entry);
					ended++;
				}
				catch (Throwable ex) {
					this.failures.record("span end at shutdown", ex);
				}
			}
		}
		return ended;
	}

	private static void endAtShutdown(Entry entry) {
		Span span = entry.span();
		span.tag(GenAiAttributes.ERROR_TYPE.getKey(), SHUTDOWN_ERROR_TYPE);
		if (entry.context() instanceof AgentRunObservationContext) {
			span.tag(AgentAttributes.OUTCOME.getKey(), AgentOutcome.ERROR.value());
		}
		if (OTEL_BRIDGE_PRESENT && span instanceof io.micrometer.tracing.otel.bridge.OtelSpan) {
			io.opentelemetry.api.trace.Span otel = io.micrometer.tracing.otel.bridge.OtelSpan.toOtel(span);
			otel.setStatus(StatusCode.ERROR, SHUTDOWN_DESCRIPTION);
			otel.end();
		}
		else {
			span.error(new IllegalStateException(SHUTDOWN_DESCRIPTION));
			span.end();
		}
	}

	private record Entry(Observation.Context context, Span span, long sequence, AtomicBoolean ended) {

		Entry(Observation.Context context, Span span, long sequence) {
			this(context, span, sequence, new AtomicBoolean());
		}

		boolean claim() {
			return this.ended.compareAndSet(false, true);
		}

	}

}
