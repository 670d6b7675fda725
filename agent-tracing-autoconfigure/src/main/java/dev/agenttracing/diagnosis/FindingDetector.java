package dev.agenttracing.diagnosis;

import java.util.List;

import dev.agenttracing.run.CurrentRun;

/**
 * A detector of the application's: declare it as a bean and it sees every step of every
 * agent run when the step stops, and every run when it ends, and reports findings with
 * kinds of its own ({@code refund_above_limit}). A step's findings go on the step's span,
 * a run's on the run's span; all are summed up on the run's span and counted in the
 * {@code agent.findings} metric.
 * <p>
 * Called on the thread that stops the step, while the agent waits: keep it quick and do
 * not block. Whatever it throws is recorded as a tracing failure and never reaches the
 * agent; a finding never changes the run's outcome or result. Detectors run only inside
 * runs and only while {@code agent-tracing.diagnosis.enabled} is true.
 */
public interface FindingDetector {

	/**
	 * A step of a run stopped; its span is still open.
	 * @param step the step, with its live input and output
	 * @return its findings, empty for none
	 */
	default List<Finding> onStep(AgentStep step) {
		return List.of();
	}

	/**
	 * A run ended (every step of it has); its span is still open. The run's findings so
	 * far are {@link CurrentRun#findingKinds()}.
	 * @param run the run
	 * @return its findings, empty for none
	 */
	default List<Finding> onRunEnd(CurrentRun run) {
		return List.of();
	}

}
