package dev.agenttracing.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import dev.agenttracing.run.AgentOutcome;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.tool.AgentToolObservationContext;
import dev.agenttracing.trace.ErrorTypes;

/**
 * Records the metrics of agent runs and of {@code @AgentTool} methods called outside
 * Spring AI.
 */
public final class AgentMetricsHandler implements ObservationHandler<Observation.Context> {

	private final GenAiMeters meters;

	private final RunLocator runs;

	/**
	 * Create the handler.
	 * @param meters the meters
	 * @param runs finds the run of an observation
	 */
	public AgentMetricsHandler(GenAiMeters meters, RunLocator runs) {
		this.meters = meters;
		this.runs = runs;
	}

	@Override
	public void onStart(Observation.Context context) {
		OperationClock.start(context);
	}

	@Override
	public void onStop(Observation.Context context) {
		double seconds = OperationClock.seconds(context);
		String errorType = (context.getError() != null) ? ErrorTypes.of(context.getError()) : null;
		if (context instanceof AgentRunObservationContext run) {
			AgentOutcome outcome = (run.getOutcome() != null) ? run.getOutcome() : AgentOutcome.SUCCESS;
			this.meters.run(run.getAgentName(), outcome.value(), errorType, seconds, run.getModelCalls(),
					run.getToolCalls());
		}
		else if (context instanceof AgentToolObservationContext tool) {
			String agent = this.runs.runOf(context).map(AgentRunObservationContext::getAgentName).orElse(null);
			this.meters.toolCall(tool.getToolName(), tool.getToolType(), agent, errorType, seconds);
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof AgentRunObservationContext || context instanceof AgentToolObservationContext;
	}

}
