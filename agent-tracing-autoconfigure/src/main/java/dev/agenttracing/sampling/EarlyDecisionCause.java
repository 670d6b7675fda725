package dev.agenttracing.sampling;

/**
 * Why a trace was decided before its local root ended.
 *
 * @see TraceSamplingProcessor
 */
public enum EarlyDecisionCause {

	/** Holding one more span would have gone over {@link SamplingLimits#maxHeldSpans()}. */
	SPANS_LIMIT("spans_limit"),

	/** Holding one more trace would have gone over {@link SamplingLimits#maxHeldTraces()}. */
	TRACES_LIMIT("traces_limit"),

	/** The trace was held for {@link SamplingLimits#maxTraceAge()}. */
	AGE_LIMIT("age_limit"),

	/** The processor was flushed or shut down. */
	FLUSH("flush");

	private final String value;

	EarlyDecisionCause(String value) {
		this.value = value;
	}

	/**
	 * The value used in metrics.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

}
