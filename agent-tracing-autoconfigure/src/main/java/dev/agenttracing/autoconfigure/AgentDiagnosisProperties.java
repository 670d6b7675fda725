package dev.agenttracing.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The diagnosis of agent runs, under {@code agent-tracing.diagnosis.*}: the built-in
 * detectors that record findings ({@code agent.finding} events, {@code agent.findings} on
 * the run's span) and their thresholds.
 */
@ConfigurationProperties("agent-tracing.diagnosis")
public class AgentDiagnosisProperties {

	/**
	 * Whether runs are diagnosed at all: the built-in detectors and the application's
	 * FindingDetector beans.
	 */
	private boolean enabled = true;

	/**
	 * The 'empty_tool_result' detector: a tool returned nothing useful.
	 */
	private final Detector emptyToolResult = new Detector();

	/**
	 * The 'ungrounded_value' detector: a final answer states a value found in none of the
	 * run's inputs.
	 */
	private final Detector ungroundedValue = new Detector();

	/**
	 * The 'tool_error_ignored' detector: a tool failed and the final answer does not say so.
	 */
	private final Detector toolErrorIgnored = new Detector();

	/**
	 * The 'repeated_tool_call' detector: the same tool called with equal arguments again
	 * and again in one run.
	 */
	private final RepeatedToolCall repeatedToolCall = new RepeatedToolCall();

	/**
	 * The 'truncated_response' detector: an answer cut by its token limit, or tool-call
	 * arguments that are not valid JSON.
	 */
	private final Detector truncatedResponse = new Detector();

	/**
	 * The 'budget_exceeded' detector: the run went over one of its budgets.
	 */
	private final Detector budgetExceeded = new Detector();

	/**
	 * The 'max_iterations' detector: the run's loop ended on its iteration limit.
	 */
	private final Detector maxIterations = new Detector();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Detector getEmptyToolResult() {
		return this.emptyToolResult;
	}

	public Detector getUngroundedValue() {
		return this.ungroundedValue;
	}

	public Detector getToolErrorIgnored() {
		return this.toolErrorIgnored;
	}

	public RepeatedToolCall getRepeatedToolCall() {
		return this.repeatedToolCall;
	}

	public Detector getTruncatedResponse() {
		return this.truncatedResponse;
	}

	public Detector getBudgetExceeded() {
		return this.budgetExceeded;
	}

	public Detector getMaxIterations() {
		return this.maxIterations;
	}

	/**
	 * One built-in detector.
	 */
	public static class Detector {

		/**
		 * Whether this detector records findings.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The 'repeated_tool_call' detector.
	 */
	public static class RepeatedToolCall extends Detector {

		/**
		 * The number of calls of one tool with equal arguments (JSON compared with its keys
		 * sorted) in one run that is a finding, recorded once on that call's span.
		 */
		private int threshold = 3;

		public int getThreshold() {
			return this.threshold;
		}

		public void setThreshold(int threshold) {
			this.threshold = threshold;
		}

	}

}
