package dev.agenttracing.mcp;

import io.micrometer.tracing.Span;
import io.modelcontextprotocol.spec.McpError;
import io.opentelemetry.api.common.AttributeKey;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.trace.GenAiSpanConvention;
import dev.agenttracing.trace.SpanAttributes;

import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * The {@code execute_tool} span of a tool that Spring AI's MCP client calls: the span of
 * the wrapped convention, plus the MCP attributes the conventions ask an outer GenAI
 * span to carry instead of a separate MCP client span ({@code mcp.method.name},
 * {@code network.transport}), and the MCP {@code error.type}: {@code tool_error} when
 * the server's result says it failed, the JSON-RPC error code when the call itself
 * failed.
 */
public final class McpToolSpanConvention implements GenAiSpanConvention<ToolCallingObservationContext> {

	private static final AttributeKey<String> METHOD_NAME = AttributeKey.stringKey(McpAttributes.METHOD_NAME);

	private static final AttributeKey<String> NETWORK_TRANSPORT = AttributeKey
		.stringKey(McpAttributes.NETWORK_TRANSPORT);

	private static final AttributeKey<String> RPC_STATUS = AttributeKey
		.stringKey(McpAttributes.RPC_RESPONSE_STATUS_CODE);

	/**
	 * The message Spring AI's MCP tool callbacks give the exception they throw for a
	 * result with {@code isError=true}: the only trace of that flag they leave.
	 */
	private static final String TOOL_ERROR_MESSAGE = "Error calling tool:";

	private final GenAiSpanConvention<ToolCallingObservationContext> toolSpans;

	/**
	 * Create it.
	 * @param toolSpans the convention of every tool span, MCP or not
	 */
	public McpToolSpanConvention(GenAiSpanConvention<ToolCallingObservationContext> toolSpans) {
		this.toolSpans = toolSpans;
	}

	@Override
	public Class<ToolCallingObservationContext> contextType() {
		return ToolCallingObservationContext.class;
	}

	@Override
	public boolean supports(io.micrometer.observation.Observation.Context context) {
		return this.toolSpans.supports(context);
	}

	@Override
	public Span.@Nullable Kind spanKind(ToolCallingObservationContext context) {
		return this.toolSpans.spanKind(context);
	}

	@Override
	public String spanName(ToolCallingObservationContext context) {
		return this.toolSpans.spanName(context);
	}

	@Override
	public void onStart(ToolCallingObservationContext context, SpanAttributes attributes) {
		this.toolSpans.onStart(context, attributes);
	}

	@Override
	public void onStop(ToolCallingObservationContext context, SpanAttributes attributes) {
		this.toolSpans.onStop(context, attributes);
		McpToolCall call = context.get(McpToolCall.class);
		if (call != null) {
			attributes.put(METHOD_NAME, call.method()).put(NETWORK_TRANSPORT, call.transport());
			McpError error = mcpError(context.getError());
			if (error != null && error.getJsonRpcError() != null) {
				attributes.put(RPC_STATUS, String.valueOf(error.getJsonRpcError().code()));
			}
		}
	}

	@Override
	public String errorType(ToolCallingObservationContext context, Throwable error) {
		if (context.get(McpToolCall.class) != null) {
			McpError mcpError = mcpError(error);
			if (mcpError != null && mcpError.getJsonRpcError() != null) {
				return String.valueOf(mcpError.getJsonRpcError().code());
			}
			if (error instanceof IllegalStateException && error.getMessage() != null
					&& error.getMessage().startsWith(TOOL_ERROR_MESSAGE)) {
				return McpAttributes.TOOL_ERROR;
			}
		}
		return this.toolSpans.errorType(context, error);
	}

	@Override
	public boolean copiesKeyValue(String key) {
		return this.toolSpans.copiesKeyValue(key);
	}

	private static @Nullable McpError mcpError(@Nullable Throwable error) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < 8; depth++) {
			if (current instanceof McpError mcp) {
				return mcp;
			}
			current = current.getCause();
		}
		return null;
	}

}
