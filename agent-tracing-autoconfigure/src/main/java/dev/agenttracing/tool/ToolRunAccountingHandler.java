package dev.agenttracing.tool;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import dev.agenttracing.budget.Budget;
import dev.agenttracing.budget.BudgetGuard;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;

/**
 * Counts each tool execution in the run around it, whichever way the tool was executed,
 * and tells the run when it ends.
 */
public final class ToolRunAccountingHandler implements ObservationHandler<Observation.Context> {

	private final FrameworkToolSpans frameworkToolSpans;

	private final RunLocator runs;

	private final BudgetGuard budgets;

	/**
	 * Create the handler.
	 * @param frameworkToolSpans recognises framework tool executions
	 * @param runs finds the run of an observation
	 * @param budgets checks the run's budgets
	 */
	public ToolRunAccountingHandler(FrameworkToolSpans frameworkToolSpans, RunLocator runs, BudgetGuard budgets) {
		this.frameworkToolSpans = frameworkToolSpans;
		this.runs = runs;
		this.budgets = budgets;
	}

	@Override
	public void onStart(Observation.Context context) {
		BudgetGuard.stepStarted(context);
		this.runs.runOf(context).ifPresent((run) -> {
			run.recordToolCall();
			run.operationStarted();
			this.budgets.runProgressed(run);
		});
	}

	@Override
	public void onStop(Observation.Context context) {
		this.runs.runOf(context).ifPresent((run) -> {
			try {
				Long nanos = BudgetGuard.stepNanos(context);
				if (nanos != null) {
					this.budgets.stepEnded(run, context, Budget.TOOL_CALL_LATENCY, nanos);
				}
			}
			finally {
				run.operationEnded();
			}
		});
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof AgentToolObservationContext || this.frameworkToolSpans.toolNameOf(context) != null;
	}

}
