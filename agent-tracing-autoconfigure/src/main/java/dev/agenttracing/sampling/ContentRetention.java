package dev.agenttracing.sampling;

/**
 * Which kept traces are exported with their captured content (prompts, completions, tool
 * arguments and results, retrieval queries and documents). Content is only there when
 * capture is on; this decides where it may go once captured. Declared from the most
 * restrictive to the most generous: a trace whose runs have different rules gets the most
 * generous.
 */
public enum ContentRetention {

	/** No kept trace exports content; it stays in the application (the flight recorder). */
	NONE,

	/**
	 * Traces kept for a reason (error, refusal, failed span, budget, slow run) keep their
	 * content; of the successes kept by the ratio, only the share set by
	 * {@link SamplingRule#contentRatio()} does.
	 */
	EARNED,

	/** Every kept trace exports its content. */
	ALL

}
