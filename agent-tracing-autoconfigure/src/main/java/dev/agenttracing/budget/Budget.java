package dev.agenttracing.budget;

/**
 * The budgets an agent run can have. Step budgets apply to each model call or tool
 * execution; run budgets to the run as a whole.
 */
public enum Budget {

	/** Latency of one model call. */
	MODEL_CALL_LATENCY("model_call_latency", false),

	/** Latency of one tool execution. */
	TOOL_CALL_LATENCY("tool_call_latency", false),

	/** Input plus output tokens of the run's model calls. */
	TOTAL_TOKENS("total_tokens", true),

	/** Model calls of the run. */
	MODEL_CALLS("model_calls", true),

	/** Tool executions of the run. */
	TOOL_CALLS("tool_calls", true),

	/** Cost of the run's model calls, from the price table. */
	COST("cost", true),

	/** Wall time of the run. */
	WALL_TIME("wall_time", true);

	private final String value;

	private final boolean perRun;

	Budget(String value, boolean perRun) {
		this.value = value;
		this.perRun = perRun;
	}

	/**
	 * The budget's name in attributes and metric tags.
	 * @return the name
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Whether the budget applies to a whole run (rather than to one step).
	 * @return whether it is a run budget
	 */
	public boolean isPerRun() {
		return this.perRun;
	}

}
