package dev.agenttracing.run;

/**
 * Why an agent loop ended, on the {@code agent.loop_terminated} event.
 */
public enum LoopTermination {

	/** The model gave its final answer. */
	FINAL_ANSWER("final_answer"),

	/** The loop hit its iteration limit. */
	MAX_ITERATIONS("max_iterations"),

	/** The run failed. */
	ERROR("error"),

	/** The run was stopped for going over a budget. */
	BUDGET("budget"),

	/** The agent or the model refused. */
	REFUSAL("refusal");

	private final String value;

	LoopTermination(String value) {
		this.value = value;
	}

	/**
	 * The attribute value.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

}
