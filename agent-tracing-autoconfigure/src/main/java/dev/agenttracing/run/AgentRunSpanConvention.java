package dev.agenttracing.run;

import java.util.List;
import java.util.Map;

import io.micrometer.tracing.Span;
import org.jspecify.annotations.Nullable;
import io.opentelemetry.api.common.Attributes;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;
import dev.agenttracing.trace.ErrorTypes;
import dev.agenttracing.trace.GenAiSpanConvention;
import dev.agenttracing.trace.SpanAttributes;

/**
 * An agent run as an {@code invoke_agent} INTERNAL span (GenAI "invoke agent,
 * in-process"): no provider, agent id or server attributes, run totals on the span.
 */
public final class AgentRunSpanConvention implements GenAiSpanConvention<AgentRunObservationContext> {

	private final String currency;

	/**
	 * Create it.
	 * @param currency the currency of the run's cost
	 */
	public AgentRunSpanConvention(String currency) {
		this.currency = currency;
	}

	@Override
	public Class<AgentRunObservationContext> contextType() {
		return AgentRunObservationContext.class;
	}

	@Override
	public Span.@Nullable Kind spanKind(AgentRunObservationContext context) {
		return null;
	}

	@Override
	public String spanName(AgentRunObservationContext context) {
		String contextual = context.getContextualName();
		return (contextual != null && !contextual.isBlank()) ? contextual
				: GenAiOperations.INVOKE_AGENT + " " + context.getAgentName();
	}

	@Override
	public void onStart(AgentRunObservationContext context, SpanAttributes attributes) {
		attributes.put(GenAiAttributes.OPERATION_NAME, GenAiOperations.INVOKE_AGENT)
			.put(GenAiAttributes.AGENT_NAME, context.getAgentName())
			.put(GenAiAttributes.AGENT_DESCRIPTION, context.getAgentDescription())
			.put(GenAiAttributes.CONVERSATION_ID, context.getConversationId())
			.put(AgentAttributes.USER_ID, context.getUserId())
			.put(AgentAttributes.SESSION_ID, context.getSessionId())
			.put(AgentAttributes.WORKFLOW_RUN_ID, context.getRunId());
		writeTags(context, attributes);
	}

	@Override
	public void onStop(AgentRunObservationContext context, SpanAttributes attributes) {
		writeTags(context, attributes);
		attributes.put(GenAiAttributes.CONVERSATION_ID, context.getConversationId());
		AgentOutcome outcome = (context.getOutcome() != null) ? context.getOutcome() : AgentOutcome.SUCCESS;
		attributes.put(AgentAttributes.OUTCOME, outcome.value());
		if (outcome == AgentOutcome.REFUSED) {
			String reason = (context.getRefusalReason() != null) ? context.getRefusalReason() : "refused";
			attributes.put(AgentAttributes.REFUSAL_REASON, reason);
			attributes.event(AgentAttributes.REFUSED_EVENT, Attributes.of(AgentAttributes.REFUSAL_REASON, reason));
		}
		if (context.isUsageReported()) {
			attributes.put(GenAiAttributes.USAGE_INPUT_TOKENS, context.getInputTokens())
				.put(GenAiAttributes.USAGE_OUTPUT_TOKENS, context.getOutputTokens());
		}
		attributes.put(AgentAttributes.MODEL_CALLS, context.getModelCalls())
			.put(AgentAttributes.TOOL_CALLS, context.getToolCalls());
		if (context.isCostReported()) {
			attributes.put(AgentAttributes.COST, context.getCost()).put(AgentAttributes.COST_CURRENCY, this.currency);
		}
		List<String> exceeded = context.getBudgetsExceeded();
		if (!exceeded.isEmpty()) {
			attributes.put(AgentAttributes.BUDGET_EXCEEDED, true).put(AgentAttributes.BUDGETS_EXCEEDED, exceeded);
		}
		long findings = context.getFindingCount();
		if (findings > 0) {
			attributes.put(AgentAttributes.FINDINGS, context.getFindingKinds())
				.put(AgentAttributes.FINDING_COUNT, findings);
		}
	}

	@Override
	public String errorType(AgentRunObservationContext context, Throwable error) {
		return ErrorTypes.of(error);
	}

	private void writeTags(AgentRunObservationContext context, SpanAttributes attributes) {
		for (Map.Entry<String, String> tag : context.getTags().entrySet()) {
			attributes.put(io.opentelemetry.api.common.AttributeKey.stringKey(tag.getKey()), tag.getValue());
		}
	}

}
