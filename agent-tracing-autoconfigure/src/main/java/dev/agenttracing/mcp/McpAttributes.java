package dev.agenttracing.mcp;

/**
 * The OpenTelemetry MCP attribute keys and values agent-tracing writes (semantic
 * conventions for MCP, all strings).
 */
public final class McpAttributes {

	public static final String METHOD_NAME = "mcp.method.name";

	public static final String SESSION_ID = "mcp.session.id";

	public static final String NETWORK_TRANSPORT = "network.transport";

	public static final String RPC_RESPONSE_STATUS_CODE = "rpc.response.status_code";

	/** {@code mcp.method.name} of a tool call. */
	public static final String TOOLS_CALL = "tools/call";

	/** {@code network.transport} of the stdio transport. */
	public static final String TRANSPORT_PIPE = "pipe";

	/** {@code network.transport} of the HTTP transports (streamable HTTP, SSE). */
	public static final String TRANSPORT_TCP = "tcp";

	/** {@code error.type} of a tool call whose result says it failed ({@code isError}). */
	public static final String TOOL_ERROR = "tool_error";

	private McpAttributes() {
	}

}
