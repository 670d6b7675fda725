package dev.agenttracing.budget;

import java.util.Map;

import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.trace.GenAiOperation;

/**
 * Checks agent runs against their budgets. A step budget (one model call's or one tool
 * execution's latency) gone over puts an {@code agent.budget.exceeded} event on that
 * step's span; a run budget gone over puts it on the run's span, once. Either way the run
 * gets {@code agent.budget.exceeded=true} and the listener is told. With enforcement on,
 * {@link #enforce(AgentRunObservationContext)} stops a run over a run budget.
 */
public final class BudgetGuard {

	private static final Budget[] RUN_BUDGETS = { Budget.TOTAL_TOKENS, Budget.MODEL_CALLS, Budget.TOOL_CALLS,
			Budget.COST, Budget.WALL_TIME };

	private final AgentBudgets budgets;

	private final BudgetListener listener;

	/**
	 * Create the guard.
	 * @param budgets the budgets
	 * @param listener told of every budget gone over
	 */
	public BudgetGuard(AgentBudgets budgets, BudgetListener listener) {
		this.budgets = budgets;
		this.listener = listener;
	}

	/**
	 * Check a step that ended against its latency budget.
	 * @param run the run it belongs to
	 * @param step the step's operation
	 * @param budget {@link Budget#MODEL_CALL_LATENCY} or {@link Budget#TOOL_CALL_LATENCY}
	 * @param nanos how long it took
	 */
	public void stepEnded(AgentRunObservationContext run, GenAiOperation step, Budget budget, long nanos) {
		Double limit = this.budgets.limitsFor(run.getAgentName()).limit(budget);
		double actual = nanos / 1e9;
		if (limit == null || actual <= limit) {
			return;
		}
		step.event(AgentAttributes.BUDGET_EXCEEDED_EVENT, event(budget, limit, actual));
		run.budgetExceeded(budget.value());
		this.listener.exceeded(run.getAgentName(), budget);
	}

	/**
	 * Check a run against its run budgets, after its usage changed or when it ends.
	 * @param run the run
	 */
	public void runProgressed(AgentRunObservationContext run) {
		exceededRunBudget(run);
	}

	/**
	 * With enforcement on, stop a run that is over a run budget, or whose next model call
	 * would go over its model-call budget. Called before each model call.
	 * @param run the run
	 * @throws AgentBudgetExceededException when the run must stop
	 */
	public void enforce(AgentRunObservationContext run) {
		if (!this.budgets.enforce()) {
			return;
		}
		BudgetLimits limits = this.budgets.limitsFor(run.getAgentName());
		exceededRunBudget(run);
		for (Budget budget : RUN_BUDGETS) {
			Double limit = limits.limit(budget);
			// The call about to be made counts: a budget of N model calls allows N.
			double actual = (budget == Budget.MODEL_CALLS) ? run.getModelCalls() + 1 : actual(run, budget);
			if (limit != null && actual > limit) {
				if (run.budgetExceeded(budget.value())) {
					run.event(AgentAttributes.BUDGET_EXCEEDED_EVENT, event(budget, limit, actual));
					this.listener.exceeded(run.getAgentName(), budget);
				}
				throw new AgentBudgetExceededException(run.getAgentName(), budget, limit, actual);
			}
		}
	}

	private void exceededRunBudget(AgentRunObservationContext run) {
		BudgetLimits limits = this.budgets.limitsFor(run.getAgentName());
		for (Budget budget : RUN_BUDGETS) {
			Double limit = limits.limit(budget);
			if (limit == null) {
				continue;
			}
			double actual = actual(run, budget);
			if (actual > limit && run.budgetExceeded(budget.value())) {
				run.event(AgentAttributes.BUDGET_EXCEEDED_EVENT, event(budget, limit, actual));
				this.listener.exceeded(run.getAgentName(), budget);
			}
		}
	}

	private static double actual(AgentRunObservationContext run, Budget budget) {
		return switch (budget) {
			case TOTAL_TOKENS -> run.getInputTokens() + run.getOutputTokens();
			case MODEL_CALLS -> run.getModelCalls();
			case TOOL_CALLS -> run.getToolCalls();
			case COST -> run.getCost();
			case WALL_TIME -> run.elapsedNanos() / 1e9;
			default -> 0;
		};
	}

	private static Map<String, Object> event(Budget budget, double limit, double actual) {
		return Map.of(AgentAttributes.BUDGET_NAME, budget.value(), AgentAttributes.BUDGET_LIMIT, limit,
				AgentAttributes.BUDGET_ACTUAL, actual);
	}

	/**
	 * A guard that never fires.
	 * @return the guard
	 */
	public static BudgetGuard none() {
		return new BudgetGuard(AgentBudgets.NONE, BudgetListener.NONE);
	}

}
