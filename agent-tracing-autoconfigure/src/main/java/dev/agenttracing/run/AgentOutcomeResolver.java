package dev.agenttracing.run;

import org.jspecify.annotations.Nullable;

/**
 * Decides the outcome of a finished run. Declare a bean of this type to replace the
 * default, which treats the configured refusal exception types as refusals.
 */
@FunctionalInterface
public interface AgentOutcomeResolver {

	/**
	 * The outcome of a run.
	 * @param context the run, including whether it was refused while it ran
	 * @param error what the run threw, unwrapped, or {@code null}
	 * @return the outcome
	 */
	AgentOutcome resolve(AgentRunObservationContext context, @Nullable Throwable error);

}
