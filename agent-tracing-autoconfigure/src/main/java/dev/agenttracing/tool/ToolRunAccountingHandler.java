package dev.agenttracing.tool;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;

/**
 * Counts each tool execution in the run around it, whichever way the tool was executed,
 * and tells the run when it ends.
 */
public final class ToolRunAccountingHandler implements ObservationHandler<Observation.Context> {

	private final FrameworkToolSpans frameworkToolSpans;

	private final RunLocator runs;

	/**
	 * Create the handler.
	 * @param frameworkToolSpans recognises framework tool executions
	 * @param runs finds the run of an observation
	 */
	public ToolRunAccountingHandler(FrameworkToolSpans frameworkToolSpans, RunLocator runs) {
		this.frameworkToolSpans = frameworkToolSpans;
		this.runs = runs;
	}

	@Override
	public void onStart(Observation.Context context) {
		this.runs.runOf(context).ifPresent((run) -> {
			run.recordToolCall();
			run.operationStarted();
		});
	}

	@Override
	public void onStop(Observation.Context context) {
		this.runs.runOf(context).ifPresent(AgentRunObservationContext::operationEnded);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof AgentToolObservationContext || this.frameworkToolSpans.toolNameOf(context) != null;
	}

}
