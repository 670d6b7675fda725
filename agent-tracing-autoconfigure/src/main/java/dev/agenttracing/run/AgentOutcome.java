package dev.agenttracing.run;

/**
 * How an agent run ended, written as {@code agent.outcome}.
 */
public enum AgentOutcome {

	/** The run returned normally and was not refused. */
	SUCCESS("success"),

	/** The run threw (or its asynchronous result failed or was cancelled). */
	ERROR("error"),

	/**
	 * The run declined to answer: a configured refusal exception, a call to
	 * {@link AgentRuns#refuse(String)}, or a model answer stopped by its content filter.
	 */
	REFUSED("refused");

	private final String value;

	AgentOutcome(String value) {
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
