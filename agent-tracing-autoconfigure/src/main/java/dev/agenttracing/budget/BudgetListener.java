package dev.agenttracing.budget;

/**
 * Told each time a run goes over a budget (once per run and budget for run budgets, once
 * per step for step budgets); the metrics count it.
 */
@FunctionalInterface
public interface BudgetListener {

	/** Does nothing. */
	BudgetListener NONE = (agent, budget) -> {
	};

	/**
	 * A budget was exceeded.
	 * @param agent the agent
	 * @param budget the budget
	 */
	void exceeded(String agent, Budget budget);

}
