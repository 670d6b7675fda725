package dev.agenttracing.cost;

/**
 * What one model costs, per million tokens.
 *
 * @param input price of a million input tokens
 * @param output price of a million output tokens
 * @param cachedInput price of a million input tokens read from the provider's cache
 */
public record ModelPrice(double input, double output, double cachedInput) {

	/**
	 * The cost of one model call. Cached input tokens are part of the input tokens, as the
	 * GenAI conventions count them, and are billed at the cached price.
	 * @param inputTokens all input tokens
	 * @param outputTokens output tokens
	 * @param cachedInputTokens input tokens read from cache
	 * @return the cost
	 */
	public double cost(long inputTokens, long outputTokens, long cachedInputTokens) {
		long cached = Math.min(Math.max(cachedInputTokens, 0), Math.max(inputTokens, 0));
		return ((inputTokens - cached) * this.input + cached * this.cachedInput + outputTokens * this.output)
				/ 1_000_000.0;
	}

}
