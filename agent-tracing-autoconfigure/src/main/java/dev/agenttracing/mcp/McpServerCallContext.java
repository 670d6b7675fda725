package dev.agenttracing.mcp;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.propagation.RemoteParentContext;

/**
 * A tool call served by an MCP server: its span is the SERVER child of the client span
 * whose context came in {@code params._meta}.
 */
public class McpServerCallContext extends RemoteParentContext {

	private final String toolName;

	private volatile boolean toolError;

	/**
	 * Create it.
	 * @param toolName the tool's name
	 * @param meta the request's {@code params._meta}, if any
	 */
	public McpServerCallContext(String toolName, @Nullable Map<String, Object> meta) {
		super((meta != null) ? meta : Map.of(), Kind.SERVER);
		this.toolName = toolName;
	}

	public String getToolName() {
		return this.toolName;
	}

	public boolean isToolError() {
		return this.toolError;
	}

	void toolError() {
		this.toolError = true;
	}

}
