package dev.agenttracing.run;

import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Finds the agent run an observation belongs to. The parent chain of observations is
 * not always complete: Spring AI starts its blocking tool observations with no parent
 * observation, so the run is then taken from the observation current on the thread
 * when the operation starts. The run found is remembered on the context, so the
 * observations nested in it find it too.
 */
public final class RunLocator {

	private final Supplier<ObservationRegistry> registry;

	/**
	 * Create a locator.
	 * @param registry the observation registry, looked up when first needed
	 */
	public RunLocator(Supplier<ObservationRegistry> registry) {
		this.registry = registry;
	}

	/**
	 * The run around an observation.
	 * @param context the observation's context
	 * @return the innermost run, or empty outside any run
	 */
	public Optional<AgentRunObservationContext> runOf(Observation.Context context) {
		Optional<AgentRunObservationContext> run = AgentRunObservationContext.enclosing(context);
		if (run.isEmpty()) {
			Observation current = currentObservation();
			if (current != null && current.getContext() != context) {
				run = AgentRunObservationContext.enclosing(current.getContextView());
			}
		}
		run.ifPresent((found) -> AgentRunObservationContext.remember(context, found));
		return run;
	}

	/**
	 * The run around the code running now on this thread.
	 * @return the innermost run, or empty outside any run
	 */
	public Optional<AgentRunObservationContext> current() {
		Observation current = currentObservation();
		return (current != null) ? AgentRunObservationContext.enclosing(current.getContextView()) : Optional.empty();
	}

	private @Nullable Observation currentObservation() {
		ObservationRegistry registry = this.registry.get();
		return (registry != null) ? registry.getCurrentObservation() : null;
	}

}
