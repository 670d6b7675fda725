package dev.agenttracing.trace;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.semconv.GenAiAttributes;

/**
 * The one way through for every GenAI operation. At start: one {@link GenAiOperation} (the
 * clock, the run it belongs to), the declared steps' start, then the span with its start
 * attributes. At stop, once: the declared steps in their order (run accounting, budgets,
 * metrics), then the span's end attributes and events, then one end (or the deferred end
 * of a stream), and only then the run is told the operation ended, so that a run's span
 * never ends before the spans of its steps.
 * <p>
 * Every failure inside the pipeline is recorded and the operation goes on untouched.
 */
final class OperationPipeline {

	private final @Nullable Tracer tracer;

	private final List<GenAiSpanConvention<?>> conventions;

	private final List<OperationStep> steps;

	private final RunLocator runs;

	private final TracingFailures failures;

	private final InFlightSpans inFlight;

	private final AtomicLong sequence = new AtomicLong();

	OperationPipeline(@Nullable Tracer tracer, List<GenAiSpanConvention<?>> conventions, List<OperationStep> steps,
			RunLocator runs, TracingFailures failures, InFlightSpans inFlight) {
		this.tracer = tracer;
		this.conventions = List.copyOf(conventions);
		this.steps = List.copyOf(steps);
		this.runs = runs;
		this.failures = failures;
		this.inFlight = inFlight;
	}

	boolean supports(Observation.Context context) {
		if (this.tracer != null && conventionFor(context) != null) {
			return true;
		}
		for (OperationStep step : this.steps) {
			if (step.supports(context)) {
				return true;
			}
		}
		return false;
	}

	void start(Observation.Context context, TracingObservationHandler.@Nullable TracingContext tracing) {
		AgentRunObservationContext run = null;
		try {
			run = (context instanceof AgentRunObservationContext) ? null : this.runs.runOf(context).orElse(null);
		}
		catch (Throwable ex) {
			// The operation goes on outside its run rather than without a span.
			this.failures.record("operation start of " + context.getName(), ex);
		}
		GenAiOperation operation = new GenAiOperation(run, this.sequence.incrementAndGet());
		context.put(GenAiOperation.class, operation);
		if (run != null) {
			run.operationStarted();
		}
		for (OperationStep step : this.steps) {
			try {
				if (step.supports(context)) {
					step.onStart(context, operation);
				}
			}
			catch (Throwable ex) {
				this.failures.record("operation start of " + context.getName(), ex);
			}
		}
		if (this.tracer != null && tracing != null) {
			startSpan(context, operation, this.tracer, tracing);
		}
	}

	private void startSpan(Observation.Context context, GenAiOperation operation, Tracer tracer,
			TracingObservationHandler.TracingContext tracing) {
		GenAiSpanConvention<Observation.Context> convention = conventionFor(context);
		Span.Builder builder = tracer.spanBuilder();
		Span parent = parentSpan(context);
		if (parent != null) {
			builder.setParent(parent.context());
		}
		String name = context.getName();
		try {
			if (convention != null) {
				name = convention.spanName(context);
				Span.Kind kind = convention.spanKind(context);
				if (kind != null) {
					builder.kind(kind);
				}
				convention.onStart(context, SpanAttributes.of(builder));
			}
			else if (context.getContextualName() != null) {
				// Only a step knows this operation: named as Micrometer's default handler would.
				name = context.getContextualName();
			}
		}
		catch (Throwable ex) {
			this.failures.record("span start of " + context.getName(), ex);
		}
		builder.name(name);
		Span span = builder.start();
		tracing.setSpan(span);
		operation.started(span);
		SpanEnding ending = operation.deferredEnd();
		if (ending != null) {
			ending.spanStarted();
		}
		this.inFlight.started(context, operation);
	}

	void error(Observation.Context context) {
		GenAiOperation operation = GenAiOperation.of(context);
		Throwable error = context.getError();
		Span span = (operation != null) ? operation.span() : null;
		if (error == null || span == null || operation.isEnded()) {
			return;
		}
		Throwable cause = ErrorTypes.rootOfWrappers(error);
		if (operation.recordError(cause)) {
			span.error(cause);
		}
	}

	/**
	 * Writes an event with attributes (an {@code AgentEvent} of a run) on the span.
	 * @return whether the event was written here
	 */
	void event(Observation.Event event, Observation.Context context) {
		GenAiOperation operation = GenAiOperation.of(context);
		Span span = (operation != null) ? operation.span() : null;
		if (span == null) {
			return;
		}
		try {
			if (event instanceof dev.agenttracing.run.AgentEvent agentEvent) {
				SpanAttributes.of(span).event(agentEvent.name(), SpanAttributes.attributesOf(agentEvent.attributes()));
			}
			else {
				span.event(event.getContextualName(), event.getWallTime(), java.util.concurrent.TimeUnit.MILLISECONDS);
			}
		}
		catch (Throwable ex) {
			this.failures.record("span event of " + context.getName(), ex);
		}
	}

	void stop(Observation.Context context, TracingObservationHandler.@Nullable TracingContext tracing) {
		GenAiOperation operation = GenAiOperation.of(context);
		if (operation == null || !operation.claimStop()) {
			return;
		}
		for (OperationStep step : this.steps) {
			try {
				if (step.supports(context)) {
					step.onStop(context, operation);
				}
			}
			catch (Throwable ex) {
				this.failures.record("operation stop of " + context.getName(), ex);
			}
		}
		Runnable ended = ended(operation);
		Span span = operation.span();
		if (span == null || tracing == null || operation.isEnded()) {
			// No span, or ended at shutdown with its status saying so.
			ended.run();
			return;
		}
		writeEnd(context, operation, span);
		try {
			tracing.close();
		}
		catch (Throwable ex) {
			this.failures.record("span end of " + context.getName(), ex);
		}
		AtomicBoolean once = new AtomicBoolean();
		Runnable end = () -> {
			if (!once.compareAndSet(false, true)) {
				return;
			}
			try {
				// The shutdown may have ended it while its end was deferred.
				if (this.inFlight.claimEnd(context, operation) && !SpanAttributes.endKeepingStatus(span)) {
					span.end();
				}
			}
			catch (Throwable ex) {
				this.failures.record("span end of " + context.getName(), ex);
			}
			finally {
				ended.run();
			}
		};
		SpanEnding ending = operation.deferredEnd();
		if (ending == null) {
			end.run();
			return;
		}
		try {
			ending.endSpan(SpanAttributes.of(span), end);
		}
		catch (Throwable ex) {
			this.failures.record("span end of " + context.getName(), ex);
			end.run();
		}
	}

	/**
	 * What runs once the operation's span has ended (or when it has none): the run is told
	 * that one of its operations ended.
	 */
	private Runnable ended(GenAiOperation operation) {
		AgentRunObservationContext run = operation.run();
		if (run == null) {
			return () -> {
			};
		}
		return () -> {
			try {
				run.operationEnded();
			}
			catch (Throwable ex) {
				this.failures.record("run accounting", ex);
			}
		};
	}

	private void writeEnd(Observation.Context context, GenAiOperation operation, Span span) {
		try {
			SpanAttributes attributes = SpanAttributes.of(span);
			for (GenAiOperation.PendingEvent event : operation.drainEvents()) {
				attributes.event(event.name(), SpanAttributes.attributesOf(event.attributes()), event.time());
			}
			GenAiSpanConvention<Observation.Context> convention = conventionFor(context);
			if (convention == null) {
				// Only a step knows this operation: tagged as Micrometer's default handler would.
				for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
					span.tag(keyValue.getKey(), keyValue.getValue());
				}
				if (context.getContextualName() != null) {
					span.name(context.getContextualName());
				}
			}
			else {
				copyKeyValues(context, convention, span);
				convention.onStop(context, attributes);
				// A custom observation convention may only set its contextual name now.
				span.name(convention.spanName(context));
				Throwable error = context.getError();
				if (error != null) {
					attributes.put(GenAiAttributes.ERROR_TYPE,
							convention.errorType(context, ErrorTypes.rootOfWrappers(error)));
				}
			}
		}
		catch (Throwable ex) {
			this.failures.record("span end of " + context.getName(), ex);
		}
	}

	private static void copyKeyValues(Observation.Context context, GenAiSpanConvention<Observation.Context> convention,
			Span span) {
		for (KeyValue keyValue : context.getAllKeyValues()) {
			String key = keyValue.getKey();
			if (!key.equalsIgnoreCase("error") && convention.copiesKeyValue(key)) {
				span.tag(key, keyValue.getValue());
			}
		}
	}

	private static @Nullable Span parentSpan(Observation.Context context) {
		io.micrometer.observation.ObservationView parent = context.getParentObservation();
		if (parent == null) {
			return null;
		}
		TracingObservationHandler.TracingContext tracing = parent.getContextView()
			.get(TracingObservationHandler.TracingContext.class);
		return (tracing != null) ? tracing.getSpan() : null;
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

}
