package dev.agenttracing.mcp;

import org.jspecify.annotations.Nullable;

/**
 * Put on the observation of a tool execution when the tool turns out to be an MCP
 * tool, so that its span gets the MCP attributes.
 *
 * @param method the MCP method ({@code tools/call})
 * @param transport the {@code network.transport} of the connection, if known
 */
record McpToolCall(String method, @Nullable String transport) {

}
