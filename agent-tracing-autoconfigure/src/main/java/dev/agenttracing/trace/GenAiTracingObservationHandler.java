package dev.agenttracing.trace;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

import dev.agenttracing.run.RunLocator;

/**
 * The operation pipeline of every GenAI observation (agent runs, model calls, tool
 * executions, retrievals) when there is a tracer: it makes the span of the operation
 * itself, instead of Micrometer's default tracing handler, so that the span gets the kind
 * the conventions require (a {@code chat} span is CLIENT) and the sampling-relevant
 * attributes at creation, and every attribute keeps its type; and it runs the declared
 * {@link OperationStep}s (run accounting, budgets, metrics) in their order around the
 * span. Registered ahead of the default handler in Boot's tracing handler group, it takes
 * the observations it has a {@link GenAiSpanConvention} or a step for and leaves every
 * other observation to the default handler.
 * <p>
 * A failure inside a convention or a step is recorded and the span goes on with what it
 * has; the observed operation is never affected.
 */
public final class GenAiTracingObservationHandler implements TracingObservationHandler<Observation.Context> {

	private final Tracer tracer;

	private final OperationPipeline pipeline;

	/**
	 * Create the handler.
	 * @param tracer the tracer
	 * @param conventions how each kind of operation becomes a span, the first that
	 * supports an operation wins
	 * @param steps what happens to an operation around its span, in this order
	 * @param runs finds the run an operation belongs to
	 * @param failures where tracing failures go
	 * @param inFlight where the spans open are kept until they end, for the shutdown
	 */
	public GenAiTracingObservationHandler(Tracer tracer, List<GenAiSpanConvention<?>> conventions,
			List<OperationStep> steps, RunLocator runs, TracingFailures failures, InFlightSpans inFlight) {
		this.tracer = tracer;
		this.pipeline = new OperationPipeline(tracer, conventions, steps, runs, failures, inFlight);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.pipeline.supports(context);
	}

	@Override
	public void onStart(Observation.Context context) {
		this.pipeline.start(context, getTracingContext(context));
	}

	@Override
	public void onError(Observation.Context context) {
		this.pipeline.error(context);
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
		this.pipeline.event(event, context);
	}

	@Override
	public void onStop(Observation.Context context) {
		this.pipeline.stop(context, getTracingContext(context));
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

}
