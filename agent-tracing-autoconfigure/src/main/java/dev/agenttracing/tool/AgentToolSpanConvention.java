package dev.agenttracing.tool;

import io.micrometer.tracing.Span;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;
import dev.agenttracing.trace.GenAiSpanConvention;
import dev.agenttracing.trace.SpanAttributes;

/**
 * An {@link AgentTool} method called outside Spring AI as an {@code execute_tool}
 * INTERNAL span.
 */
public final class AgentToolSpanConvention implements GenAiSpanConvention<AgentToolObservationContext> {

	private final RunLocator runs;

	/**
	 * Create it.
	 * @param runs finds the run of an observation
	 */
	public AgentToolSpanConvention(RunLocator runs) {
		this.runs = runs;
	}

	@Override
	public Class<AgentToolObservationContext> contextType() {
		return AgentToolObservationContext.class;
	}

	@Override
	public Span.@Nullable Kind spanKind(AgentToolObservationContext context) {
		return null;
	}

	@Override
	public String spanName(AgentToolObservationContext context) {
		String contextual = context.getContextualName();
		return (contextual != null && !contextual.isBlank()) ? contextual
				: GenAiOperations.EXECUTE_TOOL + " " + context.getToolName();
	}

	@Override
	public void onStart(AgentToolObservationContext context, SpanAttributes attributes) {
		attributes.put(GenAiAttributes.OPERATION_NAME, GenAiOperations.EXECUTE_TOOL)
			.put(GenAiAttributes.TOOL_NAME, context.getToolName())
			.put(GenAiAttributes.TOOL_TYPE, context.getToolType())
			.put(GenAiAttributes.TOOL_DESCRIPTION, context.getToolDescription())
			.put(GenAiAttributes.AGENT_NAME,
					this.runs.runOf(context).map(AgentRunObservationContext::getAgentName).orElse(null));
	}

	@Override
	public void onStop(AgentToolObservationContext context, SpanAttributes attributes) {
	}

}
