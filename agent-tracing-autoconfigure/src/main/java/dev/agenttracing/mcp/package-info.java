/**
 * MCP: the trace context carried in a tool call's _meta, the MCP attributes of tool spans,
 * and the SERVER span of a tool served over MCP.
 */
@NullMarked
package dev.agenttracing.mcp;

import org.jspecify.annotations.NullMarked;
