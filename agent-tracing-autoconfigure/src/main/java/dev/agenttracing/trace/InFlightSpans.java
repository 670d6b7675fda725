package dev.agenttracing.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	private final Map<GenAiOperation, Observation.Context> open = new ConcurrentHashMap<>();

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
	 * @param operation its operation, holding the span
	 */
	void started(Observation.Context context, GenAiOperation operation) {
		this.open.put(operation, context);
	}

	/**
	 * The operation of a span stopped and is about to end it. True once per span: a stop
	 * after the span was ended at shutdown gets {@code false}.
	 * @param context the observation
	 * @param operation its operation
	 * @return whether the caller ends the span
	 */
	boolean claimEnd(Observation.Context context, GenAiOperation operation) {
		this.open.remove(operation, context);
		return operation.claimEnd();
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
		List<Map.Entry<GenAiOperation, Observation.Context>> entries = new ArrayList<>(this.open.entrySet());
		entries.sort(Comparator.comparingLong(
				(Map.Entry<GenAiOperation, Observation.Context> entry) -> entry.getKey().sequence())
			.reversed());
		int ended = 0;
		for (Map.Entry<GenAiOperation, Observation.Context> entry : entries) {
			GenAiOperation operation = entry.getKey();
			Span span = operation.span();
			if (this.open.remove(operation, entry.getValue()) && span != null && operation.claimEnd()) {
				try {
					endAtShutdown(span, entry.getValue());
					ended++;
				}
				catch (Throwable ex) {
					this.failures.record("span end at shutdown", ex);
				}
			}
		}
		return ended;
	}

	private static void endAtShutdown(Span span, Observation.Context context) {
		span.tag(GenAiAttributes.ERROR_TYPE.getKey(), SHUTDOWN_ERROR_TYPE);
		if (context instanceof AgentRunObservationContext) {
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

}
