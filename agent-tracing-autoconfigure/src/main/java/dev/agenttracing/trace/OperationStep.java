package dev.agenttracing.trace;

import io.micrometer.observation.Observation;

/**
 * One declared step of the operation pipeline: what happens to a kind of GenAI operation
 * when it starts, before its span starts, and when it stops, before its span ends (run
 * accounting, budgets, metrics). The pipeline calls the steps in the order it was given
 * them, each once per start and per stop, and records a step's failure without letting it
 * reach the operation.
 * <p>
 * Internal: not an extension point.
 */
public interface OperationStep {

	/**
	 * Whether this step applies to an operation.
	 * @param context the operation's observation context
	 * @return whether it applies
	 */
	boolean supports(Observation.Context context);

	/**
	 * The operation started; its span has not started yet.
	 * @param context the observation context
	 * @param operation the operation
	 */
	default void onStart(Observation.Context context, GenAiOperation operation) {
	}

	/**
	 * The operation stopped (once); its span is still open.
	 * @param context the observation context
	 * @param operation the operation
	 */
	default void onStop(Observation.Context context, GenAiOperation operation) {
	}

}
