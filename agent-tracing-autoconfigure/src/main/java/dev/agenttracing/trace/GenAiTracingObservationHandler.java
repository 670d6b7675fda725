package dev.agenttracing.trace;

import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;

/**
 * Makes the span of every GenAI observation (agent runs, model calls, tool executions)
 * itself, instead of Micrometer's default tracing handler: the span gets the kind the
 * conventions require (a {@code chat} span is CLIENT) and the sampling-relevant
 * attributes at creation, and every attribute keeps its type. Registered ahead of the
 * default handler in Boot's tracing handler group, it takes the observations one of its
 * {@link GenAiSpanConvention}s supports and leaves every other observation to the
 * default handler.
 * <p>
 * A failure inside a convention is recorded and the span goes on with what it has; the
 * observed operation is never affected.
 */
public final class GenAiTracingObservationHandler implements TracingObservationHandler<Observation.Context> {

	private final Tracer tracer;

	private final List<GenAiSpanConvention<?>> conventions;

	private final TracingFailures failures;

	private final InFlightSpans inFlight;

	private final List<OperationStartStep> startSteps;

	/**
	 * Create the handler.
	 * @param tracer the tracer
	 * @param conventions how each kind of observation becomes a span
	 * @param failures where tracing failures go
	 */
	public GenAiTracingObservationHandler(Tracer tracer, List<GenAiSpanConvention<?>> conventions,
			TracingFailures failures) {
		this(tracer, conventions, failures, new InFlightSpans(failures), List.of());
	}

	/**
	 * Create the handler.
	 * @param tracer the tracer
	 * @param conventions how each kind of observation becomes a span
	 * @param failures where tracing failures go
	 * @param inFlight where the spans open are kept until they end, for the shutdown
	 * @param startSteps what prepares an operation before its span starts, whichever
	 * convention writes the span
	 */
	public GenAiTracingObservationHandler(Tracer tracer, List<GenAiSpanConvention<?>> conventions,
			TracingFailures failures, InFlightSpans inFlight, List<OperationStartStep> startSteps) {
		this.tracer = tracer;
		this.conventions = List.copyOf(conventions);
		this.failures = failures;
		this.inFlight = inFlight;
		this.startSteps = List.copyOf(startSteps);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return conventionFor(context) != null;
	}

	@Override
	public void onStart(Observation.Context context) {
		GenAiSpanConvention<Observation.Context> convention = conventionFor(context);
		Span.Builder builder = this.tracer.spanBuilder();
		Span parent = getParentSpan(context);
		if (parent != null) {
			builder.setParent(parent.context());
		}
		String name = context.getName();
		for (OperationStartStep step : this.startSteps) {
			try {
				step.beforeSpanStart(context);
			}
			catch (Throwable ex) {
				this.failures.record("span start of " + context.getName(), ex);
			}
		}
		try {
			if (convention != null) {
				name = convention.spanName(context);
				Span.Kind kind = convention.spanKind(context);
				if (kind != null) {
					builder.kind(kind);
				}
				convention.onStart(context, SpanAttributes.of(builder));
			}
		}
		catch (Throwable ex) {
			this.failures.record("span start of " + context.getName(), ex);
		}
		builder.name(name);
		Span span = builder.start();
		getTracingContext(context).setSpan(span);
		SpanEnding ending = context.get(SpanEnding.class);
		if (ending != null) {
			ending.spanStarted();
		}
		this.inFlight.started(context, span);
	}

	@Override
	public void onError(Observation.Context context) {
		Throwable error = context.getError();
		Span span = getTracingContext(context).getSpan();
		if (error == null || span == null || this.inFlight.ended(context)) {
			return;
		}
		Throwable cause = ErrorTypes.rootOfWrappers(error);
		// Spring AI and our interceptors may report the same tool failure more than once.
		RecordedError recorded = context.computeIfAbsent(RecordedError.class, (key) -> new RecordedError());
		if (recorded.error == cause) {
			return;
		}
		recorded.error = cause;
		span.error(cause);
	}

	/**
	 * Events with attributes (an {@code AgentEvent} of a run) are written with their
	 * attributes; other events as Micrometer writes them.
	 */
	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
		Span span = getTracingContext(context).getSpan();
		if (span == null) {
			return;
		}
		try {
			if (event instanceof dev.agenttracing.run.AgentEvent agentEvent) {
				SpanAttributes.of(span).event(agentEvent.name(), SpanAttributes.attributesOf(agentEvent.attributes()));
			}
			else {
				TracingObservationHandler.super.onEvent(event, context);
			}
		}
		catch (Throwable ex) {
			this.failures.record("span event of " + context.getName(), ex);
		}
	}

	/**
	 * Writes the attributes known at the end and ends the span, on the first stop only.
	 */
	@Override
	public void onStop(Observation.Context context) {
		if (!this.inFlight.claimEnd(context)) {
			// Stopped a second time, or ended at shutdown with its status saying so.
			return;
		}
		Span span = getRequiredSpan(context);
		try {
			SpanAttributes pending = SpanAttributes.of(span);
			for (SpanEvents.Pending event : SpanEvents.drain(context)) {
				pending.event(event.name(), SpanAttributes.attributesOf(event.attributes()), event.time());
			}
			GenAiSpanConvention<Observation.Context> convention = conventionFor(context);
			if (convention != null) {
				SpanAttributes attributes = SpanAttributes.of(span);
				copyKeyValues(context, convention, span);
				convention.onStop(context, attributes);
				// A custom observation convention may only set its contextual name now.
				span.name(convention.spanName(context));
				Throwable error = context.getError();
				if (error != null) {
					attributes.put(dev.agenttracing.semconv.GenAiAttributes.ERROR_TYPE,
							convention.errorType(context, ErrorTypes.rootOfWrappers(error)));
				}
			}
		}
		catch (Throwable ex) {
			this.failures.record("span end of " + context.getName(), ex);
		}
		finally {
			SpanEnding ending = context.get(SpanEnding.class);
			if (ending != null) {
				endLater(context, span, ending);
			}
			else {
				endSpan(context, span);
			}
		}
	}

	private void endLater(Observation.Context context, Span span, SpanEnding ending) {
		getTracingContext(context).close();
		Runnable end = () -> {
			try {
				if (!SpanAttributes.endKeepingStatus(span)) {
					span.end();
				}
			}
			catch (Throwable ex) {
				this.failures.record("span end of " + context.getName(), ex);
			}
		};
		try {
			ending.endSpan(SpanAttributes.of(span), end);
		}
		catch (Throwable ex) {
			this.failures.record("span end of " + context.getName(), ex);
			end.run();
		}
	}

	/**
	 * Ends the span with its status left as it is: UNSET on success, as the conventions ask
	 * (Micrometer's OpenTelemetry bridge would set OK on every span it ends).
	 */
	@Override
	public void endSpan(Observation.Context context, Span span) {
		getTracingContext(context).close();
		if (!SpanAttributes.endKeepingStatus(span)) {
			span.end();
		}
	}

	@Override
	public Tracer getTracer() {
		return this.tracer;
	}

	private void copyKeyValues(Observation.Context context, GenAiSpanConvention<Observation.Context> convention,
			Span span) {
		for (KeyValue keyValue : context.getAllKeyValues()) {
			String key = keyValue.getKey();
			if (!key.equalsIgnoreCase("error") && convention.copiesKeyValue(key)) {
				span.tag(key, keyValue.getValue());
			}
		}
	}

	@SuppressWarnings("unchecked")
	private @Nullable GenAiSpanConvention<Observation.Context> conventionFor(Observation.Context context) {
		for (GenAiSpanConvention<?> convention : this.conventions) {
			if (convention.supports(context)) {
				return (GenAiSpanConvention<Observation.Context>) convention;
			}
		}
		return null;
	}

	private static final class RecordedError {

		private volatile @Nullable Throwable error;

	}

}
