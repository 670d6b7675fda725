package dev.agenttracing.metrics;

import io.micrometer.observation.Observation;

import dev.agenttracing.run.AgentOutcome;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.tool.AgentToolObservationContext;
import dev.agenttracing.trace.ErrorTypes;
import dev.agenttracing.trace.GenAiOperation;
import dev.agenttracing.trace.OperationStep;

/**
 * Records the metrics of agent runs and of {@code @AgentTool} methods called outside
 * Spring AI.
 */
public final class AgentMetricsStep implements OperationStep {

	private final GenAiMeters meters;

	/**
	 * Create the handler.
	 * @param meters the meters
	 */
	public AgentMetricsStep(GenAiMeters meters) {
		this.meters = meters;
	}

	@Override
	public void onStop(Observation.Context context, GenAiOperation operation) {
		double seconds = operation.elapsedNanos() / 1e9;
		String errorType = (context.getError() != null) ? ErrorTypes.of(context.getError()) : null;
		if (context instanceof AgentRunObservationContext run) {
			AgentOutcome outcome = (run.getOutcome() != null) ? run.getOutcome() : AgentOutcome.SUCCESS;
			this.meters.run(run.getAgentName(), outcome.value(), errorType, seconds, run.getModelCalls(),
					run.getToolCalls());
			if (run.getFindingCount() > 0) {
				run.ledger().findingCounts().forEach((kind, count) -> this.meters.findings(run.getAgentName(), kind, count));
			}
		}
		else if (context instanceof AgentToolObservationContext tool) {
			AgentRunObservationContext run = operation.run();
			String agent = (run != null) ? run.getAgentName() : null;
			this.meters.toolCall(tool.getToolName(), tool.getToolType(), agent, errorType, seconds);
		}
	}

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof AgentRunObservationContext || context instanceof AgentToolObservationContext;
	}

}
