package dev.agenttracing.budget;

/**
 * Thrown, when budgets are enforced, before a model call of a run that has gone over one
 * of its run budgets. The run ends with outcome {@code error} and
 * {@code error.type=dev.agenttracing.budget.AgentBudgetExceededException}.
 */
public class AgentBudgetExceededException extends RuntimeException {

	private final Budget budget;

	private final double limit;

	private final double actual;

	/**
	 * Create the exception.
	 * @param agent the agent
	 * @param budget the budget gone over
	 * @param limit its limit
	 * @param actual the run's value
	 */
	public AgentBudgetExceededException(String agent, Budget budget, double limit, double actual) {
		super("Agent '" + agent + "' went over its " + budget.value() + " budget: " + actual + " > " + limit);
		this.budget = budget;
		this.limit = limit;
		this.actual = actual;
	}

	public Budget getBudget() {
		return this.budget;
	}

	public double getLimit() {
		return this.limit;
	}

	public double getActual() {
		return this.actual;
	}

}
