package dev.agenttracing.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.agenttracing.budget.BudgetLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Budgets of agent runs, under {@code agent-tracing.budgets.*}. Going over one adds an
 * {@code agent.budget.exceeded} event and attribute and counts in the
 * {@code agent.budget.exceeded} metric; with {@code enforce=true} a run over a run budget
 * is stopped.
 */
@ConfigurationProperties("agent-tracing.budgets")
public class AgentBudgetProperties {

	/**
	 * Whether a run that went over a run budget (tokens, model calls, tool calls, cost,
	 * wall time) is stopped before its next model call with an
	 * AgentBudgetExceededException (outcome 'error'). Needs the ChatClient to come from
	 * Spring AI's auto-configured ChatClient.Builder.
	 */
	private boolean enforce = false;

	/**
	 * Budgets of every agent.
	 */
	private Limits defaults = new Limits();

	/**
	 * Budgets of individual agents, by 'gen_ai.agent.name', over the defaults.
	 */
	private Map<String, Limits> agents = new LinkedHashMap<>();

	public boolean isEnforce() {
		return this.enforce;
	}

	public void setEnforce(boolean enforce) {
		this.enforce = enforce;
	}

	public Limits getDefaults() {
		return this.defaults;
	}

	public void setDefaults(Limits defaults) {
		this.defaults = defaults;
	}

	public Map<String, Limits> getAgents() {
		return this.agents;
	}

	public void setAgents(Map<String, Limits> agents) {
		this.agents = agents;
	}

	/**
	 * The budgets of one agent; empty for no limit.
	 */
	public static class Limits {

		/**
		 * Longest single model call.
		 */
		private @Nullable Duration modelCallLatency;

		/**
		 * Longest single tool execution.
		 */
		private @Nullable Duration toolCallLatency;

		/**
		 * Most input plus output tokens per run.
		 */
		private @Nullable Long totalTokens;

		/**
		 * Most model calls per run.
		 */
		private @Nullable Long modelCalls;

		/**
		 * Most tool executions per run.
		 */
		private @Nullable Long toolCalls;

		/**
		 * Highest cost per run, in the price table's currency.
		 */
		private @Nullable Double cost;

		/**
		 * Longest run.
		 */
		private @Nullable Duration wallTime;

		public @Nullable Duration getModelCallLatency() {
			return this.modelCallLatency;
		}

		public void setModelCallLatency(@Nullable Duration modelCallLatency) {
			this.modelCallLatency = modelCallLatency;
		}

		public @Nullable Duration getToolCallLatency() {
			return this.toolCallLatency;
		}

		public void setToolCallLatency(@Nullable Duration toolCallLatency) {
			this.toolCallLatency = toolCallLatency;
		}

		public @Nullable Long getTotalTokens() {
			return this.totalTokens;
		}

		public void setTotalTokens(@Nullable Long totalTokens) {
			this.totalTokens = totalTokens;
		}

		public @Nullable Long getModelCalls() {
			return this.modelCalls;
		}

		public void setModelCalls(@Nullable Long modelCalls) {
			this.modelCalls = modelCalls;
		}

		public @Nullable Long getToolCalls() {
			return this.toolCalls;
		}

		public void setToolCalls(@Nullable Long toolCalls) {
			this.toolCalls = toolCalls;
		}

		public @Nullable Double getCost() {
			return this.cost;
		}

		public void setCost(@Nullable Double cost) {
			this.cost = cost;
		}

		public @Nullable Duration getWallTime() {
			return this.wallTime;
		}

		public void setWallTime(@Nullable Duration wallTime) {
			this.wallTime = wallTime;
		}

		BudgetLimits toLimits() {
			return new BudgetLimits(this.modelCallLatency, this.toolCallLatency, this.totalTokens, this.modelCalls,
					this.toolCalls, this.cost, this.wallTime);
		}

	}

}
