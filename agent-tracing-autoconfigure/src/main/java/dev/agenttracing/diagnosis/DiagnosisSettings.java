package dev.agenttracing.diagnosis;

/**
 * Which built-in detectors are on, and their thresholds.
 * <p>
 * Internal: not part of agent-tracing's API (the properties under
 * {@code agent-tracing.diagnosis} are).
 *
 * @param emptyToolResult whether {@code empty_tool_result} is on
 * @param ungroundedValue whether {@code ungrounded_value} is on
 * @param toolErrorIgnored whether {@code tool_error_ignored} is on
 * @param repeatedToolCall whether {@code repeated_tool_call} is on
 * @param repeatedToolCallThreshold the number of equal calls that is a finding
 * @param truncatedResponse whether {@code truncated_response} is on
 * @param budgetExceeded whether {@code budget_exceeded} is on
 * @param maxIterations whether {@code max_iterations} is on
 */
public record DiagnosisSettings(boolean emptyToolResult, boolean ungroundedValue, boolean toolErrorIgnored,
		boolean repeatedToolCall, int repeatedToolCallThreshold, boolean truncatedResponse, boolean budgetExceeded,
		boolean maxIterations) {

	/** Every built-in detector on, three equal calls a loop. */
	public static final DiagnosisSettings DEFAULTS = new DiagnosisSettings(true, true, true, true, 3, true, true, true);

}
