package dev.agenttracing.recorder;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One recorded run, as listed: the facts of the trace's top-level {@code invoke_agent}
 * span, and counts over the whole trace.
 *
 * @param traceId the trace id, which finds the run's tree
 * @param agentName {@code gen_ai.agent.name} of the top-level run (its span name when it
 * names no agent)
 * @param agents the agents of the top-level run and of the runs nested in it, in the
 * order they started
 * @param outcome {@code agent.outcome} of the top-level run: {@code success},
 * {@code error} or {@code refused} (for a run span without it: {@code error} when the
 * span failed, else {@code success})
 * @param refusalReason {@code agent.refusal.reason}, when refused
 * @param userId {@code user.id}
 * @param conversationId {@code gen_ai.conversation.id}
 * @param workflowRunId {@code workflow.run_id}
 * @param startTime when the top-level run started
 * @param durationNanos how long the top-level run lasted
 * @param spanCount how many spans of the trace are kept
 * @param errorSpanCount how many of them have status ERROR
 * @param droppedSpanCount how many spans of the trace the recorder's bounds dropped
 * @param firstErrorSpanId the span with status ERROR that ended first: where the
 * failure started
 * @param firstErrorSpanName its name
 * @param findings {@code agent.findings} of the trace's runs, the top-level run's first,
 * then its sub-agents': the kinds of what the detectors found
 * ({@code empty_tool_result}, {@code ungrounded_value}...), each once; empty when nothing
 * was found. A finding is a suspicion, not a failure: it leaves the outcome as it was
 * @param findingCount the sum of {@code agent.finding.count} over the trace's runs: how
 * many findings there are (a kind may be found more than once)
 * @param firstFindingSpanId the span with the earliest {@code agent.finding} event: the
 * step to look at first
 * @param firstFindingSpanName its name
 */
public record RunSummary(String traceId, String agentName, List<String> agents, String outcome,
		@Nullable String refusalReason, @Nullable String userId, @Nullable String conversationId,
		@Nullable String workflowRunId, Instant startTime, long durationNanos, int spanCount, int errorSpanCount,
		int droppedSpanCount, @Nullable String firstErrorSpanId, @Nullable String firstErrorSpanName,
		List<String> findings, int findingCount, @Nullable String firstFindingSpanId,
		@Nullable String firstFindingSpanName) {

	/** The outcome of a run that returned normally. */
	static final String SUCCESS = "success";

	/**
	 * Whether the run is kept with the failures: its outcome is not {@code success}, or
	 * one of its spans failed (a tool error the agent got over is worth keeping too).
	 * @return whether the run failed
	 */
	public boolean failed() {
		return !SUCCESS.equals(this.outcome) || this.errorSpanCount > 0;
	}

	/**
	 * Whether a detector found something wrong in the run.
	 * @return whether it has a finding
	 */
	public boolean hasFindings() {
		return !this.findings.isEmpty() || this.findingCount > 0;
	}

}
