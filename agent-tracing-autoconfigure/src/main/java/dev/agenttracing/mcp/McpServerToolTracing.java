package dev.agenttracing.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Continues the caller's trace in an MCP server: wraps every tool specification the
 * server is given as a bean, synchronous or asynchronous, stateful or stateless (Spring AI turns {@code ToolCallback}s and {@code @McpTool}
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
			return traced(list, McpServerFeatures.SyncToolSpecification.class, this::traced);
		}
		if (first instanceof McpStatelessServerFeatures.SyncToolSpecification) {
			return traced(list, McpStatelessServerFeatures.SyncToolSpecification.class, this::traced);
		}
		if (first instanceof McpServerFeatures.AsyncToolSpecification) {
			return traced(list, McpServerFeatures.AsyncToolSpecification.class, this::traced);
		}
		if (first instanceof McpStatelessServerFeatures.AsyncToolSpecification) {
			return traced(list, McpStatelessServerFeatures.AsyncToolSpecification.class, this::traced);
		}
		return bean;
	}

	private static <S> List<S> traced(List<?> specifications, Class<S> type, UnaryOperator<S> tracing) {
		List<S> traced = new ArrayList<>(specifications.size());
		for (Object specification : specifications) {
			traced.add(tracing.apply(type.cast(specification)));
		}
		return traced;
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

	McpServerFeatures.AsyncToolSpecification traced(McpServerFeatures.AsyncToolSpecification spec) {
		return new McpServerFeatures.AsyncToolSpecification(spec.tool(),
				(exchange, request) -> observeAsync(request, (exchange != null) ? exchange.sessionId() : null,
						() -> spec.callHandler().apply(exchange, request)));
	}

	McpStatelessServerFeatures.AsyncToolSpecification traced(McpStatelessServerFeatures.AsyncToolSpecification spec) {
		return new McpStatelessServerFeatures.AsyncToolSpecification(spec.tool(),
				(transportContext, request) -> observeAsync(request, null,
						() -> spec.callHandler().apply(transportContext, request)));
	}

	private McpSchema.CallToolResult observe(McpSchema.CallToolRequest request, @Nullable String sessionId,
			Supplier<McpSchema.CallToolResult> call) {
		McpServerCallContext context = new McpServerCallContext(request.name(), request.meta());
		Observation observation = start(context, request, sessionId);
		try (Observation.Scope scope = observation.openScope()) {
			McpSchema.CallToolResult result = call.get();
			recordResult(observation, context, result);
			return result;
		}
		catch (RuntimeException ex) {
			recordFailure(observation, ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * The call of an asynchronous tool: the handler is called with the server span
	 * current, so work it does before returning its {@code Mono} is a child, and the
	 * span is current in the {@code Mono}'s Reactor context too. The span ends once,
	 * when the {@code Mono} completes, fails or is cancelled.
	 */
	private @Nullable Mono<McpSchema.CallToolResult> observeAsync(McpSchema.CallToolRequest request,
			@Nullable String sessionId, Supplier<@Nullable Mono<McpSchema.CallToolResult>> call) {
		McpServerCallContext context = new McpServerCallContext(request.name(), request.meta());
		Observation observation = start(context, request, sessionId);
		Mono<McpSchema.CallToolResult> result;
		try (Observation.Scope scope = observation.openScope()) {
			result = call.get();
		}
		catch (RuntimeException ex) {
			recordFailure(observation, ex);
			observation.stop();
			throw ex;
		}
		if (result == null) {
			observation.stop();
			return null;
		}
		AtomicBoolean stopped = new AtomicBoolean();
		return result.doOnNext((value) -> recordResult(observation, context, value))
			.doOnError((ex) -> recordFailure(observation, ex))
			.doFinally((signal) -> {
				if (stopped.compareAndSet(false, true)) {
					observation.stop();
				}
			})
			.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
	}

	private Observation start(McpServerCallContext context, McpSchema.CallToolRequest request,
			@Nullable String sessionId) {
		Observation observation = Observation.createNotStarted("mcp.server.operation", () -> context, this.registry.get())
			.contextualName(McpAttributes.TOOLS_CALL + " " + request.name())
			.lowCardinalityKeyValue(McpAttributes.METHOD_NAME, McpAttributes.TOOLS_CALL)
			.lowCardinalityKeyValue(GenAiAttributes.OPERATION_NAME.getKey(), GenAiOperations.EXECUTE_TOOL)
			.lowCardinalityKeyValue(GenAiAttributes.TOOL_NAME.getKey(), request.name())
			.lowCardinalityKeyValue(McpAttributes.NETWORK_TRANSPORT, this.networkTransport);
		if (sessionId != null) {
			observation.highCardinalityKeyValue(McpAttributes.SESSION_ID, sessionId);
		}
		return observation.start();
	}

	private static void recordResult(Observation observation, McpServerCallContext context,
			McpSchema.@Nullable CallToolResult result) {
		if (result != null && Boolean.TRUE.equals(result.isError())) {
			context.toolError();
			observation.lowCardinalityKeyValue(GenAiAttributes.ERROR_TYPE.getKey(), McpAttributes.TOOL_ERROR);
			observation.error(new McpToolErrorResult(context.getToolName()));
		}
	}

	private static void recordFailure(Observation observation, Throwable ex) {
		observation.lowCardinalityKeyValue(GenAiAttributes.ERROR_TYPE.getKey(), ex.getClass().getName());
		observation.error(ex);
	}

	/** Marks the server span failed for a result with {@code isError=true}. */
	static final class McpToolErrorResult extends RuntimeException {

		McpToolErrorResult(String toolName) {
			super("Tool " + toolName + " returned an error result", null, false, false);
		}

	}

}
