package dev.agenttracing.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import dev.agenttracing.trace.TracingFailures;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.mcp.ToolContextToMcpMetaConverter;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Puts the trace context of the current span (the {@code execute_tool} span of the
 * tool call) into {@code params._meta} of every MCP tool call, unprefixed, as the MCP
 * conventions ask: {@code traceparent}, {@code tracestate} and {@code baggage} (the
 * configured propagators' fields). Whatever the wrapped converter puts there comes
 * first; the trace context replaces any stale copy of the same keys. Transport-neutral:
 * the context travels in the JSON-RPC message, over streamable HTTP, SSE or stdio.
 */
public final class TraceContextMcpMetaConverter implements ToolContextToMcpMetaConverter {

	private final ToolContextToMcpMetaConverter delegate;

	private final Supplier<Tracer> tracer;

	private final Supplier<Propagator> propagator;

	private final Supplier<ObservationRegistry> registry;

	private final McpConnections connections;

	private final TracingFailures failures;

	/**
	 * Create it.
	 * @param delegate the converter whose entries are kept (Spring AI's default copies the
	 * tool context)
	 * @param tracer the tracer, looked up when first needed
	 * @param propagator the configured propagator, looked up when first needed
	 * @param registry the observation registry, looked up when first needed
	 * @param connections the MCP connections known
	 * @param failures where tracing failures go
	 */
	public TraceContextMcpMetaConverter(ToolContextToMcpMetaConverter delegate, Supplier<Tracer> tracer,
			Supplier<Propagator> propagator, Supplier<ObservationRegistry> registry, McpConnections connections,
			TracingFailures failures) {
		this.delegate = delegate;
		this.tracer = tracer;
		this.propagator = propagator;
		this.registry = registry;
		this.connections = connections;
		this.failures = failures;
	}

	@Override
	public Map<String, Object> convert(ToolContext toolContext) {
		Map<String, Object> meta = new LinkedHashMap<>(this.delegate.convert(toolContext));
		try {
			Span span = this.tracer.get().currentSpan();
			if (span != null) {
				this.propagator.get().inject(span.context(), meta, Map::put);
			}
			Observation current = this.registry.get().getCurrentObservation();
			if (current != null && current.getContext() instanceof ToolCallingObservationContext tool) {
				tool.put(McpToolCall.class, new McpToolCall(McpAttributes.TOOLS_CALL,
						this.connections.networkTransportOf(tool.getToolDefinition().name())));
			}
		}
		catch (Throwable ex) {
			this.failures.record("MCP trace context", ex);
		}
		return meta;
	}

}
