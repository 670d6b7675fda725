package dev.agenttracing.run;

import java.util.UUID;

/**
 * Makes the {@code workflow.run_id} of each top-level run. Declare a bean of this type to
 * use your own ids (for example the id your API already hands to its callers).
 */
@FunctionalInterface
public interface RunIdGenerator {

	/** The default: a random UUID. */
	RunIdGenerator RANDOM_UUID = () -> UUID.randomUUID().toString();

	/**
	 * A new run id.
	 * @return the id, never {@code null}
	 */
	String nextRunId();

}
