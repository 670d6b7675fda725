package dev.agenttracing.run;

import java.util.Optional;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Reads and marks the agent run the current code runs in. Inject it where the agent
 * needs its {@code workflow.run_id} (to hand it back to its caller) or wants to say that
 * it refused.
 * <p>
 * Outside a run every method is a no-op: the reads are empty and the writes return
 * {@code false}.
 */
public class AgentRuns {

	private final ObservationRegistry registry;

	/**
	 * Create the accessor.
	 * @param registry the observation registry runs are observed with
	 */
	public AgentRuns(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The innermost run around the current code.
	 * @return the run, or empty
	 */
	public Optional<CurrentRun> current() {
		return currentContext().map(CurrentRun::new);
	}

	private Optional<AgentRunObservationContext> currentContext() {
		Observation observation = this.registry.getCurrentObservation();
		return (observation != null) ? AgentRunObservationContext.enclosing(observation.getContextView())
				: Optional.empty();
	}

	/**
	 * The {@code workflow.run_id} of the current run.
	 * @return the run id, or empty outside a run
	 */
	public Optional<String> currentRunId() {
		return currentContext().map(AgentRunObservationContext::getRunId);
	}

	/**
	 * Mark the current run refused; its outcome becomes {@code refused} unless it fails.
	 * @param reason why the agent refused (kept on the span as
	 * {@code agent.refusal.reason})
	 * @return whether there was a run to mark
	 */
	public boolean refuse(String reason) {
		Optional<AgentRunObservationContext> run = currentContext();
		run.ifPresent((context) -> context.refuse(reason));
		return run.isPresent();
	}

	/**
	 * Record one round of a hand-written agent loop: an {@code agent.iteration} event on
	 * the current run (Spring AI's tool loop records its rounds itself).
	 * @param toolCalls the tools the model asked for in that round
	 * @return whether there was a run to record it on
	 */
	public boolean iteration(java.util.List<String> toolCalls) {
		Optional<AgentRunObservationContext> run = currentContext();
		run.ifPresent((context) -> context.recordIteration(toolCalls));
		return run.isPresent();
	}

	/**
	 * Record why a hand-written agent loop ended: the run's
	 * {@code agent.loop_terminated} event (otherwise written when the run ends, from its
	 * outcome).
	 * @param reason why it ended
	 * @return whether this call recorded it
	 */
	public boolean loopTerminated(LoopTermination reason) {
		return currentContext().map((context) -> context.terminateLoop(reason)).orElse(false);
	}

	/**
	 * Add a string attribute to the current run's span.
	 * @param key the key
	 * @param value the value
	 * @return whether there was a run to tag
	 */
	public boolean tag(String key, String value) {
		Optional<AgentRunObservationContext> run = currentContext();
		run.ifPresent((context) -> context.tag(key, value));
		return run.isPresent();
	}

}
