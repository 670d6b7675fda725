package dev.agenttracing.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Continues the caller's trace in an MCP server: wraps every tool specification the
 * server is given as a bean (Spring AI turns {@code ToolCallback}s and {@code @McpTool}
 * methods into lists of them) so that each call runs inside a
 * {@code tools/call {tool}} SERVER span whose parent is the context in the request's
 * {@code params._meta}, with a link to the transport's own span when there is one.
 * Baggage from {@code _meta} is current while the tool runs, so an agent run in the
 * tool inherits the caller's run id, user, session and conversation.
 */
public final class McpServerToolTracing implements BeanPostProcessor {

	private final Supplier<ObservationRegistry> registry;

	private final String networkTransport;

	/**
	 * Create it.
	 * @param registry the observation registry, looked up when a tool is called
	 * @param networkTransport the server's {@code network.transport}
	 */
	public McpServerToolTracing(Supplier<ObservationRegistry> registry, String networkTransport) {
		this.registry = registry;
		this.networkTransport = networkTransport;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof List<?> list) || list.isEmpty()) {
			return bean;
		}
		Object first = list.get(0);
		if (first instanceof McpServerFeatures.SyncToolSpecification) {
			List<McpServerFeatures.SyncToolSpecification> traced = new ArrayList<>(list.size());
			for (Object item : list) {
				traced.add(traced((McpServerFeatures.SyncToolSpecification) item));
			}
			return traced;
		}
		if (first instanceof McpStatelessServerFeatures.SyncToolSpecification) {
			List<McpStatelessServerFeatures.SyncToolSpecification> traced = new ArrayList<>(list.size());
			for (Object item : list) {
				traced.add(traced((McpStatelessServerFeatures.SyncToolSpecification) item));
			}
			return traced;
		}
		return bean;
	}

	McpServerFeatures.SyncToolSpecification traced(McpServerFeatures.SyncToolSpecification spec) {
		return new McpServerFeatures.SyncToolSpecification(spec.tool(),
				(exchange, request) -> observe(request, (exchange != null) ? exchange.sessionId() : null,
						() -> spec.callHandler().apply(exchange, request)));
	}

	McpStatelessServerFeatures.SyncToolSpecification traced(McpStatelessServerFeatures.SyncToolSpecification spec) {
		return new McpStatelessServerFeatures.SyncToolSpecification(spec.tool(),
				(transportContext, request) -> observe(request, null,
						() -> spec.callHandler().apply(transportContext, request)));
	}

	private McpSchema.CallToolResult observe(McpSchema.CallToolRequest request, @Nullable String sessionId,
			Supplier<McpSchema.CallToolResult> call) {
		McpServerCallContext context = new McpServerCallContext(request.name(), request.meta());
		Observation observation = Observation.createNotStarted("mcp.server.operation", () -> context, this.registry.get())
			.contextualName(McpAttributes.TOOLS_CALL + " " + request.name())
			.lowCardinalityKeyValue(McpAttributes.METHOD_NAME, McpAttributes.TOOLS_CALL)
			.lowCardinalityKeyValue(GenAiAttributes.OPERATION_NAME.getKey(), GenAiOperations.EXECUTE_TOOL)
			.lowCardinalityKeyValue(GenAiAttributes.TOOL_NAME.getKey(), request.name())
			.lowCardinalityKeyValue(McpAttributes.NETWORK_TRANSPORT, this.networkTransport);
		if (sessionId != null) {
			observation.highCardinalityKeyValue(McpAttributes.SESSION_ID, sessionId);
		}
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			McpSchema.CallToolResult result = call.get();
			if (result != null && Boolean.TRUE.equals(result.isError())) {
				context.toolError();
				observation.lowCardinalityKeyValue(GenAiAttributes.ERROR_TYPE.getKey(), McpAttributes.TOOL_ERROR);
				observation.error(new McpToolErrorResult(request.name()));
			}
			return result;
		}
		catch (RuntimeException ex) {
			observation.lowCardinalityKeyValue(GenAiAttributes.ERROR_TYPE.getKey(), ex.getClass().getName());
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/** Marks the server span failed for a result with {@code isError=true}. */
	static final class McpToolErrorResult extends RuntimeException {

		McpToolErrorResult(String toolName) {
			super("Tool " + toolName + " returned an error result", null, false, false);
		}

	}

}
