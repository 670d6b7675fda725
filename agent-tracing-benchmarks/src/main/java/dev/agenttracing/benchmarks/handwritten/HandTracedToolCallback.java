package dev.agenttracing.benchmarks.handwritten;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.GenAiAttributes;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * A hand-written {@code execute_tool {name}} INTERNAL span around each tool execution,
 * with the attributes the starter writes; it adds the call to the run's totals.
 */
final class HandTracedToolCallback implements ToolCallback {

	private final ToolCallback delegate;

	private final Tracer tracer;

	private final String spanName;

	HandTracedToolCallback(ToolCallback delegate, Tracer tracer) {
		this.delegate = delegate;
		this.tracer = tracer;
		this.spanName = "execute_tool " + delegate.getToolDefinition().name();
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.delegate.getToolDefinition();
	}

	@Override
	public ToolMetadata getToolMetadata() {
		return this.delegate.getToolMetadata();
	}

	@Override
	public String call(String toolInput) {
		return call(toolInput, null);
	}

	@Override
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		HandTracedRun run = HandTracedRun.current();
		ToolDefinition definition = this.delegate.getToolDefinition();
		SpanBuilder builder = this.tracer.spanBuilder(this.spanName)
			.setAttribute(GenAiAttributes.OPERATION_NAME, "execute_tool")
			.setAttribute(GenAiAttributes.TOOL_NAME, definition.name())
			.setAttribute(GenAiAttributes.TOOL_TYPE, "function")
			.setAttribute(GenAiAttributes.TOOL_DESCRIPTION, definition.description());
		if (run != null) {
			builder.setAttribute(GenAiAttributes.TOOL_CALL_ID, run.takeCallId(definition.name()))
				.setAttribute(GenAiAttributes.AGENT_NAME, run.agentName);
			synchronized (run) {
				run.toolCalls++;
			}
		}
		Span span = builder.startSpan();
		try (Scope scope = span.makeCurrent()) {
			return this.delegate.call(toolInput, toolContext);
		}
		catch (RuntimeException ex) {
			span.recordException(ex);
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(GenAiAttributes.ERROR_TYPE, ex.getClass().getName());
			throw ex;
		}
		finally {
			span.end();
		}
	}

}
