package dev.agenttracing.tool;

import io.micrometer.tracing.Span;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.agenttracing.capture.ContentCapture;
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

	private final ContentCapture capture;

	/**
	 * Create it.
	 * @param runs finds the run of an observation
	 * @param capture what content is captured, and how
	 */
	public AgentToolSpanConvention(RunLocator runs, ContentCapture capture) {
		this.runs = runs;
		this.capture = capture;
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

	/** The arguments as a JSON object, each serialised on its own so one bad value spoils only itself. */
	private ObjectNode arguments(AgentToolObservationContext context) {
		ObjectNode arguments = JsonNodeFactory.instance.objectNode();
		context.getArguments().forEach((name, value) -> arguments.set(name, this.capture.jsonOfObject(value)));
		return arguments;
	}

	@Override
	public void onStop(AgentToolObservationContext context, SpanAttributes attributes) {
		String agent = this.runs.runOf(context).map(AgentRunObservationContext::getAgentName).orElse(null);
		if (this.capture.enabledFor(agent, context.getToolName())) {
			this.capture.content(attributes.traceId(), spanName(context), false)
				.json(GenAiAttributes.TOOL_CALL_ARGUMENTS, arguments(context))
				.json(GenAiAttributes.TOOL_CALL_RESULT,
						(context.getError() == null) ? this.capture.jsonOfObject(context.getResult()) : null)
				.writeTo(attributes);
		}
	}

}
