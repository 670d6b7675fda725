package dev.agenttracing.sampling;

/**
 * Why a trace was kept. When several apply, the first in declaration order is the one
 * recorded: a failed run outranks a refusal, which outranks a failed span, and so on.
 */
public enum SamplingReason {

	/** A run in the trace ended with {@code agent.outcome=error}. */
	ERROR("error"),

	/** A run in the trace ended with {@code agent.outcome=refused}. */
	REFUSED("refused"),

	/** A span of the trace has status ERROR although no run failed (a failed tool, say). */
	SPAN_ERROR("span_error"),

	/** A run in the trace went over one of its budgets. */
	BUDGET_EXCEEDED("budget_exceeded"),

	/**
	 * A run in the trace has a finding of its diagnosis ({@code agent.finding.count} above
	 * zero): it went wrong without throwing, as far as its detectors can tell.
	 */
	FINDING("finding"),

	/** A run in the trace lasted longer than its rule's slow-run threshold. */
	SLOW("slow"),

	/** Nothing went wrong: the trace fell within the share of successes that is kept. */
	RATIO("ratio");

	private final String value;

	SamplingReason(String value) {
		this.value = value;
	}

	/**
	 * The value used in metrics and in the {@code agent.sampling.reason} attribute.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Whether the trace was kept for something that happened in it, rather than by the
	 * ratio. Such traces keep their content unless content is never exported.
	 * @return {@code true} for every reason but {@link #RATIO}
	 */
	public boolean isEarned() {
		return this != RATIO;
	}

	SamplingReason strongest(SamplingReason other) {
		return (other.ordinal() < ordinal()) ? other : this;
	}

}
