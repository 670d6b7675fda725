package dev.agenttracing.mcp;

import java.util.Collection;
import java.util.function.Function;

import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.ai.mcp.McpConnectionInfo;
import org.springframework.ai.mcp.McpToolNamePrefixGenerator;
import org.springframework.ai.mcp.ToolContextToMcpMetaConverter;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Hooks agent-tracing into the beans of Spring AI's MCP client auto-configuration: an
 * application's own {@link ToolContextToMcpMetaConverter} is wrapped so that the trace
 * context still travels in {@code params._meta}; the tool name prefix generator and the
 * named transports tell {@link McpConnections} which connection (and so which
 * transport) each tool comes from.
 */
public final class McpClientTracing implements BeanPostProcessor {

	private final McpConnections connections;

	private final Function<ToolContextToMcpMetaConverter, ToolContextToMcpMetaConverter> tracing;

	/**
	 * Create it.
	 * @param connections what is known of the connections
	 * @param tracing wraps a converter into one that adds the trace context
	 */
	public McpClientTracing(McpConnections connections,
			Function<ToolContextToMcpMetaConverter, ToolContextToMcpMetaConverter> tracing) {
		this.connections = connections;
		this.tracing = tracing;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ToolContextToMcpMetaConverter converter
				&& !(bean instanceof TraceContextMcpMetaConverter)) {
			return this.tracing.apply(converter);
		}
		if (bean instanceof McpToolNamePrefixGenerator generator && !(bean instanceof RecordingPrefixGenerator)) {
			return new RecordingPrefixGenerator(generator, this.connections);
		}
		if (bean instanceof Collection<?> items) {
			this.connections.connections(items);
		}
		return bean;
	}

	/** Names tools as the wrapped generator does, and remembers where each comes from. */
	private static final class RecordingPrefixGenerator implements McpToolNamePrefixGenerator {

		private final McpToolNamePrefixGenerator delegate;

		private final McpConnections connections;

		RecordingPrefixGenerator(McpToolNamePrefixGenerator delegate, McpConnections connections) {
			this.delegate = delegate;
			this.connections = connections;
		}

		@Override
		public String prefixedToolName(McpConnectionInfo info, McpSchema.Tool tool) {
			String name = this.delegate.prefixedToolName(info, tool);
			McpSchema.Implementation client = (info != null) ? info.clientInfo() : null;
			if (name != null && client != null && client.title() != null) {
				this.connections.tool(name, client.title());
			}
			return name;
		}

	}

}
