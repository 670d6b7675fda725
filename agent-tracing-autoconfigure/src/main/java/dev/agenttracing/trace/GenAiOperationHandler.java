package dev.agenttracing.trace;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import dev.agenttracing.run.RunLocator;

/**
 * The operation pipeline of every GenAI observation when there is no tracer: the declared
 * {@link OperationStep}s (run accounting, budgets, metrics) run in their order, and no span
 * is made.
 */
public final class GenAiOperationHandler implements ObservationHandler<Observation.Context> {

	private final OperationPipeline pipeline;

	/**
	 * Create the handler.
	 * @param steps what happens to an operation, in this order
	 * @param runs finds the run an operation belongs to
	 * @param failures where tracing failures go
	 */
	public GenAiOperationHandler(List<OperationStep> steps, RunLocator runs, TracingFailures failures) {
		this.pipeline = new OperationPipeline(null, List.of(), steps, runs, failures, new InFlightSpans(failures));
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.pipeline.supports(context);
	}

	@Override
	public void onStart(Observation.Context context) {
		this.pipeline.start(context, null);
	}

	@Override
	public void onStop(Observation.Context context) {
		this.pipeline.stop(context, null);
	}

}
