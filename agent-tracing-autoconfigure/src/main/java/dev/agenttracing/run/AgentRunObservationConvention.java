package dev.agenttracing.run;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key-values of the agent run observation. Declare a bean of this type to
 * change them; extend {@link DefaultAgentRunObservationConvention} to add to them.
 */
public interface AgentRunObservationConvention extends ObservationConvention<AgentRunObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof AgentRunObservationContext;
	}

}
