package dev.agenttracing.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The agent run the current code runs in, as the application sees it: who runs it and for
 * whom, what it is tagged with, whether it was refused, and the two things the agent may
 * do to it ({@link #refuse(String)}, {@link #tag(String, String)}). Read from
 * {@link AgentRuns#current()}. The run's totals and its accounting stay inside
 * agent-tracing: they are on the run's span.
 */
public final class CurrentRun {

	private final AgentRunObservationContext run;

	CurrentRun(AgentRunObservationContext run) {
		this.run = run;
	}

	/**
	 * The run's {@code workflow.run_id} (a nested run has its top-level run's).
	 * @return the run id
	 */
	public String runId() {
		return this.run.getRunId();
	}

	/**
	 * The agent's name ({@code gen_ai.agent.name}).
	 * @return the name
	 */
	public String agentName() {
		return this.run.getAgentName();
	}

	/**
	 * The conversation id ({@code gen_ai.conversation.id}), if any.
	 * @return the id
	 */
	public Optional<String> conversationId() {
		return Optional.ofNullable(this.run.getConversationId());
	}

	/**
	 * The user id ({@code user.id}), if any.
	 * @return the id
	 */
	public Optional<String> userId() {
		return Optional.ofNullable(this.run.getUserId());
	}

	/**
	 * The session id ({@code session.id}), if any.
	 * @return the id
	 */
	public Optional<String> sessionId() {
		return Optional.ofNullable(this.run.getSessionId());
	}

	/**
	 * The run's extra span attributes so far, in the order they were given.
	 * @return a snapshot of the tags
	 */
	public Map<String, String> tags() {
		return this.run.getTags();
	}

	/**
	 * Whether the run was marked refused so far.
	 * @return whether it was
	 */
	public boolean isRefused() {
		return this.run.isRefused();
	}

	/**
	 * Why the run was refused, if it was.
	 * @return the reason
	 */
	public Optional<String> refusalReason() {
		return Optional.ofNullable(this.run.getRefusalReason());
	}

	/**
	 * The run this one is nested in, if any.
	 * @return the enclosing run
	 */
	public Optional<CurrentRun> parent() {
		AgentRunObservationContext parent = this.run.getParentRun();
		return (parent != null) ? Optional.of(new CurrentRun(parent)) : Optional.empty();
	}

	/**
	 * Mark the run refused; its outcome becomes {@code refused} unless it fails. The first
	 * reason given is kept.
	 * @param reason why the agent refused (kept on the span as
	 * {@code agent.refusal.reason})
	 */
	public void refuse(String reason) {
		this.run.refuse(reason);
	}

	/**
	 * Add a string attribute to the run's span.
	 * @param key the key
	 * @param value the value
	 */
	public void tag(String key, String value) {
		this.run.tag(key, value);
	}

	/**
	 * The kinds of the run's findings so far ({@code empty_tool_result}, a kind of an
	 * application's detector...), each once, the first found first.
	 * @return the kinds, empty when the run has none
	 */
	public List<String> findingKinds() {
		return this.run.getFindingKinds();
	}

	@Override
	public String toString() {
		return "CurrentRun[" + agentName() + ", " + runId() + "]";
	}

	static @Nullable CurrentRun of(@Nullable AgentRunObservationContext run) {
		return (run != null) ? new CurrentRun(run) : null;
	}

}
