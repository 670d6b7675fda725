package dev.agenttracing.budget;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The limits of one agent's runs; a {@code null} limit is no limit.
 *
 * @param modelCallLatency longest model call
 * @param toolCallLatency longest tool execution
 * @param totalTokens most input plus output tokens per run
 * @param modelCalls most model calls per run
 * @param toolCalls most tool executions per run
 * @param cost highest cost per run
 * @param wallTime longest run
 */
public record BudgetLimits(@Nullable Duration modelCallLatency, @Nullable Duration toolCallLatency,
		@Nullable Long totalTokens, @Nullable Long modelCalls, @Nullable Long toolCalls, @Nullable Double cost,
		@Nullable Duration wallTime) {

	/** No limits. */
	public static final BudgetLimits NONE = new BudgetLimits(null, null, null, null, null, null, null);

	/**
	 * These limits with those another set of limits sets replacing them.
	 * @param override the more specific limits
	 * @return the merged limits
	 */
	public BudgetLimits overriddenBy(BudgetLimits override) {
		return new BudgetLimits(pick(override.modelCallLatency, this.modelCallLatency),
				pick(override.toolCallLatency, this.toolCallLatency), pick(override.totalTokens, this.totalTokens),
				pick(override.modelCalls, this.modelCalls), pick(override.toolCalls, this.toolCalls),
				pick(override.cost, this.cost), pick(override.wallTime, this.wallTime));
	}

	/**
	 * The limit of one budget, as a number (seconds for durations).
	 * @param budget the budget
	 * @return the limit, or {@code null}
	 */
	public @Nullable Double limit(Budget budget) {
		return switch (budget) {
			case MODEL_CALL_LATENCY -> seconds(this.modelCallLatency);
			case TOOL_CALL_LATENCY -> seconds(this.toolCallLatency);
			case TOTAL_TOKENS -> number(this.totalTokens);
			case MODEL_CALLS -> number(this.modelCalls);
			case TOOL_CALLS -> number(this.toolCalls);
			case COST -> this.cost;
			case WALL_TIME -> seconds(this.wallTime);
		};
	}

	private static @Nullable Double seconds(@Nullable Duration duration) {
		return (duration != null) ? duration.toNanos() / 1e9 : null;
	}

	private static @Nullable Double number(@Nullable Long value) {
		return (value != null) ? value.doubleValue() : null;
	}

	private static <T> @Nullable T pick(@Nullable T preferred, @Nullable T fallback) {
		return (preferred != null) ? preferred : fallback;
	}

}
