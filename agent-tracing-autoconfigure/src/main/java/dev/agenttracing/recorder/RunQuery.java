package dev.agenttracing.recorder;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Which recorded runs to list. Every criterion is optional (blank counts as absent); a run
 * is listed when it meets them all.
 *
 * @param agent the run, or one of the runs nested in it, is this agent
 * ({@code gen_ai.agent.name})
 * @param outcome the run's {@code agent.outcome}: {@code success}, {@code error} or
 * {@code refused}
 * @param finding {@value #ANY_FINDING}: the run has a finding; a finding kind
 * ({@code empty_tool_result}, {@code ungrounded_value}, your own...): the run's
 * {@code agent.findings} lists it
 * @param user the run's {@code user.id}
 * @param conversation the run's {@code gen_ai.conversation.id}
 * @param workflowRunId the run's {@code workflow.run_id}
 * @param from the run started at or after this instant
 * @param to the run started before this instant
 * @param limit most runs listed, newest first
 */
public record RunQuery(@Nullable String agent, @Nullable String outcome, @Nullable String finding, @Nullable String user,
		@Nullable String conversation, @Nullable String workflowRunId, @Nullable Instant from, @Nullable Instant to,
		int limit) {

	/** Most runs listed when the request does not say. */
	public static final int DEFAULT_LIMIT = 100;

	/** The {@link #finding()} that lists the runs with any finding. */
	public static final String ANY_FINDING = "any";

	public RunQuery {
		agent = blankToNull(agent);
		outcome = blankToNull(outcome);
		finding = blankToNull(finding);
		user = blankToNull(user);
		conversation = blankToNull(conversation);
		workflowRunId = blankToNull(workflowRunId);
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
	}

	/**
	 * The query of a request, where any parameter may be missing.
	 * @param agent see {@link #agent()}
	 * @param outcome see {@link #outcome()}
	 * @param finding see {@link #finding()}
	 * @param user see {@link #user()}
	 * @param conversation see {@link #conversation()}
	 * @param workflowRunId see {@link #workflowRunId()}
	 * @param from see {@link #from()}
	 * @param to see {@link #to()}
	 * @param limit see {@link #limit()}; {@value #DEFAULT_LIMIT} when missing
	 * @return the query
	 */
	public static RunQuery of(@Nullable String agent, @Nullable String outcome, @Nullable String finding,
			@Nullable String user, @Nullable String conversation, @Nullable String workflowRunId,
			@Nullable Instant from, @Nullable Instant to, @Nullable Integer limit) {
		return new RunQuery(agent, outcome, finding, user, conversation, workflowRunId, from, to,
				(limit != null) ? Math.max(limit, 0) : DEFAULT_LIMIT);
	}

	/**
	 * The query that lists every run, up to the default limit.
	 * @return the query
	 */
	public static RunQuery all() {
		return of(null, null, null, null, null, null, null, null, null);
	}

	/**
	 * Whether a run meets every criterion.
	 * @param run the run
	 * @return whether it is listed
	 */
	public boolean matches(RunSummary run) {
		return (this.agent == null || run.agents().contains(this.agent))
				&& (this.outcome == null || this.outcome.equals(run.outcome()))
				&& (this.finding == null || hasFinding(run))
				&& (this.user == null || this.user.equals(run.userId()))
				&& (this.conversation == null || this.conversation.equals(run.conversationId()))
				&& (this.workflowRunId == null || this.workflowRunId.equals(run.workflowRunId()))
				&& (this.from == null || !run.startTime().isBefore(this.from))
				&& (this.to == null || run.startTime().isBefore(this.to));
	}

	private boolean hasFinding(RunSummary run) {
		return ANY_FINDING.equals(this.finding) ? run.hasFindings() : run.findings().contains(this.finding);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
