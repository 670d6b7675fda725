package dev.agenttracing.mcp;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import org.jspecify.annotations.Nullable;

/**
 * What agent-tracing knows of the application's MCP client connections: the transport
 * of each connection, and the connection each tool comes from. It learns them as Spring
 * AI's MCP client auto-configuration creates its transports and names its tools.
 */
public final class McpConnections {

	private static final String NAMED_TRANSPORT = "org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport";

	private final Map<String, String> transportByConnection = new ConcurrentHashMap<>();

	private final Map<String, String> connectionByTool = new ConcurrentHashMap<>();

	/**
	 * Record a connection.
	 * @param connection its name ({@code spring.ai.mcp.client.*.connections.<name>})
	 * @param transport its transport
	 */
	public void connection(String connection, McpClientTransport transport) {
		this.transportByConnection.put(connection, networkTransportOf(transport));
	}

	/**
	 * Record the connection a tool comes from.
	 * @param toolName the tool's name as the model sees it
	 * @param connection the connection's name
	 */
	public void tool(String toolName, String connection) {
		this.connectionByTool.put(toolName, connection);
	}

	/**
	 * The {@code network.transport} of a tool's connection: the one of its connection, or,
	 * for a tool of unknown origin, the one all connections share.
	 * @param toolName the tool's name
	 * @return {@code pipe}, {@code tcp}, or {@code null} when it cannot be told
	 */
	public @Nullable String networkTransportOf(String toolName) {
		String connection = this.connectionByTool.get(toolName);
		if (connection != null && this.transportByConnection.containsKey(connection)) {
			return this.transportByConnection.get(connection);
		}
		Set<String> all = new HashSet<>(this.transportByConnection.values());
		return (all.size() == 1) ? all.iterator().next() : null;
	}

	static String networkTransportOf(McpClientTransport transport) {
		return (transport instanceof StdioClientTransport) ? McpAttributes.TRANSPORT_PIPE
				: McpAttributes.TRANSPORT_TCP;
	}

	/**
	 * Record every connection of a collection of Spring AI's named transports (records of
	 * a name and a transport, read by their components so that Spring AI's MCP client
	 * auto-configuration need not be on agent-tracing's class path).
	 * @param items the collection (other elements are ignored)
	 */
	void connections(Collection<?> items) {
		for (Object item : items) {
			if (item != null && item.getClass().getName().equals(NAMED_TRANSPORT)) {
				try {
					RecordComponent[] components = item.getClass().getRecordComponents();
					Object name = components[0].getAccessor().invoke(item);
					Object transport = components[1].getAccessor().invoke(item);
					if (name instanceof String connection && transport instanceof McpClientTransport client) {
						connection(connection, client);
					}
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					// An unknown shape: the tools of this connection get no network.transport.
				}
			}
		}
	}

}
