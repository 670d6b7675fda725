package dev.agenttracing.run;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.agenttracing.run.AgentRunObservationDocumentation.HighCardinalityKeyNames;
import dev.agenttracing.run.AgentRunObservationDocumentation.LowCardinalityKeyNames;
import dev.agenttracing.semconv.GenAiOperations;

/**
 * The default {@link AgentRunObservationConvention}: observation
 * {@code gen_ai.invoke_agent}, contextual name {@code invoke_agent {agent}}.
 */
public class DefaultAgentRunObservationConvention implements AgentRunObservationConvention {

	/** The observation name, also the name of its timer. */
	public static final String NAME = "gen_ai.invoke_agent";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(AgentRunObservationContext context) {
		return GenAiOperations.INVOKE_AGENT + " " + context.getAgentName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AgentRunObservationContext context) {
		KeyValues keyValues = KeyValues.of(
				KeyValue.of(LowCardinalityKeyNames.OPERATION_NAME, GenAiOperations.INVOKE_AGENT),
				KeyValue.of(LowCardinalityKeyNames.AGENT_NAME, context.getAgentName()));
		AgentOutcome outcome = context.getOutcome();
		return (outcome != null) ? keyValues.and(KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome.value()))
				: keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(AgentRunObservationContext context) {
		KeyValues keyValues = KeyValues.of(KeyValue.of(HighCardinalityKeyNames.WORKFLOW_RUN_ID, context.getRunId()));
		if (context.getConversationId() != null) {
			keyValues = keyValues.and(KeyValue.of(HighCardinalityKeyNames.CONVERSATION_ID, context.getConversationId()));
		}
		if (context.getUserId() != null) {
			keyValues = keyValues.and(KeyValue.of(HighCardinalityKeyNames.USER_ID, context.getUserId()));
		}
		if (context.getSessionId() != null) {
			keyValues = keyValues.and(KeyValue.of(HighCardinalityKeyNames.SESSION_ID, context.getSessionId()));
		}
		return keyValues;
	}

}
