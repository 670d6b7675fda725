package dev.agenttracing.tool;

import io.micrometer.observation.Observation;

import dev.agenttracing.budget.Budget;
import dev.agenttracing.budget.BudgetGuard;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.trace.GenAiOperation;
import dev.agenttracing.trace.OperationStep;

/**
 * Counts each tool execution in the run around it, whichever way the tool was executed,
 * and checks the run's budgets (a latency budget gone over puts its event on the tool's
 * span).
 */
public final class ToolAccountingStep implements OperationStep {

	private final FrameworkToolSpans frameworkToolSpans;

	private final BudgetGuard budgets;

	/**
	 * Create it.
	 * @param frameworkToolSpans recognises framework tool executions
	 * @param budgets checks the run's budgets
	 */
	public ToolAccountingStep(FrameworkToolSpans frameworkToolSpans, BudgetGuard budgets) {
		this.frameworkToolSpans = frameworkToolSpans;
		this.budgets = budgets;
	}

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof AgentToolObservationContext || this.frameworkToolSpans.toolNameOf(context) != null;
	}

	@Override
	public void onStart(Observation.Context context, GenAiOperation operation) {
		AgentRunObservationContext run = operation.run();
		if (run != null) {
			run.recordToolCall();
			this.budgets.runProgressed(run);
		}
	}

	@Override
	public void onStop(Observation.Context context, GenAiOperation operation) {
		AgentRunObservationContext run = operation.run();
		if (run != null) {
			this.budgets.stepEnded(run, operation, Budget.TOOL_CALL_LATENCY, operation.elapsedNanos());
		}
	}

}
