package dev.agenttracing.tool;

import io.micrometer.tracing.Span;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.capture.ContentCapture;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;
import dev.agenttracing.trace.GenAiSpanConvention;
import dev.agenttracing.trace.SpanAttributes;

import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.util.StringUtils;

/**
 * A tool execution by Spring AI ({@code @Tool} beans, function tools, MCP tools) as an
 * {@code execute_tool} INTERNAL span in today's conventions, in place of Spring AI's
 * {@code spring.ai.tool.*} strings.
 */
public final class SpringAiToolSpanConvention implements GenAiSpanConvention<ToolCallingObservationContext> {

	private final RunLocator runs;

	private final ContentCapture capture;

	/**
	 * Create it.
	 * @param runs finds the run of an observation
	 * @param capture what content is captured, and how
	 */
	public SpringAiToolSpanConvention(RunLocator runs, ContentCapture capture) {
		this.runs = runs;
		this.capture = capture;
	}

	@Override
	public Class<ToolCallingObservationContext> contextType() {
		return ToolCallingObservationContext.class;
	}

	@Override
	public Span.@Nullable Kind spanKind(ToolCallingObservationContext context) {
		return null;
	}

	@Override
	public String spanName(ToolCallingObservationContext context) {
		return GenAiOperations.EXECUTE_TOOL + " " + context.getToolDefinition().name();
	}

	@Override
	public void onStart(ToolCallingObservationContext context, SpanAttributes attributes) {
		String description = context.getToolDefinition().description();
		attributes.put(GenAiAttributes.OPERATION_NAME, GenAiOperations.EXECUTE_TOOL)
			.put(GenAiAttributes.TOOL_NAME, context.getToolDefinition().name())
			.put(GenAiAttributes.TOOL_CALL_ID, StringUtils.hasText(context.getToolCallId()) ? context.getToolCallId() : null)
			.put(GenAiAttributes.TOOL_TYPE,
					StringUtils.hasText(context.getToolType()) ? context.getToolType() : GenAiOperations.TOOL_TYPE_FUNCTION)
			.put(GenAiAttributes.TOOL_DESCRIPTION, StringUtils.hasText(description) ? description : null)
			.put(GenAiAttributes.AGENT_NAME,
					this.runs.runOf(context).map(AgentRunObservationContext::getAgentName).orElse(null));
	}

	@Override
	public void onStop(ToolCallingObservationContext context, SpanAttributes attributes) {
		String agent = this.runs.runOf(context).map(AgentRunObservationContext::getAgentName).orElse(null);
		if (this.capture.enabledFor(agent, context.getToolDefinition().name())) {
			this.capture.content(attributes.traceId(), spanName(context), false)
				.json(GenAiAttributes.TOOL_CALL_ARGUMENTS, this.capture.jsonOf(context.getToolCallArguments()))
				.json(GenAiAttributes.TOOL_CALL_RESULT,
						(context.getToolCallResult() != null) ? this.capture.jsonOf(context.getToolCallResult()) : null)
				.writeTo(attributes);
		}
	}

	@Override
	public boolean copiesKeyValue(String key) {
		return !(key.startsWith("spring.ai.") || key.startsWith("gen_ai."));
	}

}
