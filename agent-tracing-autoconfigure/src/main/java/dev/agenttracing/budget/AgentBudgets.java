package dev.agenttracing.budget;

import java.util.Map;

/**
 * The budgets of every agent: default limits, overridden per agent, and whether going
 * over a run budget stops the run.
 *
 * @param defaults the limits of every agent
 * @param agents limits by {@code gen_ai.agent.name}, over the defaults
 * @param enforce whether a run over a run budget is stopped before its next model call
 */
public record AgentBudgets(BudgetLimits defaults, Map<String, BudgetLimits> agents, boolean enforce) {

	/** No budgets. */
	public static final AgentBudgets NONE = new AgentBudgets(BudgetLimits.NONE, Map.of(), false);

	public AgentBudgets {
		agents = Map.copyOf(agents);
	}

	/**
	 * The limits of one agent.
	 * @param agent the agent's name
	 * @return its limits
	 */
	public BudgetLimits limitsFor(String agent) {
		BudgetLimits specific = this.agents.get(agent);
		return (specific != null) ? this.defaults.overriddenBy(specific) : this.defaults;
	}

}
