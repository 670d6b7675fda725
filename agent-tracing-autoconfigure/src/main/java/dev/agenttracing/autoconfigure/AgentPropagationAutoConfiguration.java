package dev.agenttracing.autoconfigure;

import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;

import dev.agenttracing.mcp.McpAttributes;
import dev.agenttracing.mcp.McpClientTracing;
import dev.agenttracing.mcp.McpConnections;
import dev.agenttracing.mcp.McpServerToolTracing;
import dev.agenttracing.mcp.McpToolSpanConvention;
import dev.agenttracing.mcp.TraceContextMcpMetaConverter;
import dev.agenttracing.propagation.MessageTracing;
import dev.agenttracing.propagation.PropagationDefaults;
import dev.agenttracing.propagation.RemoteParentTracingObservationHandler;
import dev.agenttracing.propagation.RunBaggage;
import dev.agenttracing.run.InheritedRunContext;
import dev.agenttracing.tool.SpringAiToolSpanConvention;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.ai.mcp.ToolContextToMcpMetaConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of one trace across boundaries: the business context of agent runs
 * as W3C baggage (sent on every instrumented call, inherited by the runs of the
 * receiving service), the message tracing API, and the trace context in MCP's
 * {@code params._meta} on both sides. The defaults that carry the context across
 * threads and Reactor pipelines, and that switch on Spring Kafka's and Spring AMQP's
 * observations, are set by {@link PropagationDefaults} before the context starts.
 */
@AutoConfiguration(after = AgentTracingAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass(Observation.class)
@ConditionalOnBooleanProperty(name = "agent-tracing.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "agent-tracing.propagation.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AgentPropagationProperties.class)
public final class AgentPropagationAutoConfiguration {

	/**
	 * Order of {@link RemoteParentTracingObservationHandler} among the tracing handlers:
	 * after the GenAI handler, ahead of Micrometer's propagating handlers, so that it
	 * makes the spans of message processing and MCP server calls.
	 */
	public static final int REMOTE_PARENT_HANDLER_ORDER = AgentTracingAutoConfiguration.GENAI_TRACING_HANDLER_ORDER
			+ 10;

	/**
	 * Order of {@link McpToolSpanConvention} among the GenAI span conventions: ahead of
	 * the convention of every Spring AI tool span, which it extends.
	 */
	public static final int MCP_TOOL_SPAN_CONVENTION_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ObservationRegistry.class)
	MessageTracing messageTracing(ObservationRegistry observationRegistry) {
		return new MessageTracing(observationRegistry);
	}

	/**
	 * Baggage and remote parents, when Micrometer Tracing has a tracer.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tracer.class, Propagator.class })
	@ConditionalOnBean(Tracer.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunBaggage runBaggage(Tracer tracer, AgentPropagationProperties properties, TracingFailures failures) {
			return new RunBaggage(tracer, properties.getBaggageKeys(), failures);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(RunBaggage.class)
		InheritedRunContext baggageInheritedRunContext(RunBaggage runBaggage) {
			return runBaggage::valueOf;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(Propagator.class)
		@Order(REMOTE_PARENT_HANDLER_ORDER)
		RemoteParentTracingObservationHandler remoteParentTracingObservationHandler(Tracer tracer,
				Propagator propagator) {
			return new RemoteParentTracingObservationHandler(tracer, propagator);
		}

	}

	/**
	 * The trace context in {@code params._meta} of the tool calls of Spring AI's MCP
	 * client, and the MCP attributes on their {@code execute_tool} spans.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ToolContextToMcpMetaConverter.class, McpSchema.class,
			Tracer.class, Propagator.class })
	@ConditionalOnBooleanProperty(name = "agent-tracing.propagation.mcp", matchIfMissing = true)
	static class McpClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static McpConnections agentMcpConnections() {
			return new McpConnections();
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static McpClientTracing agentMcpClientTracing(McpConnections connections, ObjectProvider<Tracer> tracer,
				ObjectProvider<Propagator> propagator, ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<TracingFailures> failures) {
			return new McpClientTracing(connections,
					traceContextConverter(connections, tracer, propagator, observationRegistry, failures));
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean({ Tracer.class, Propagator.class })
		ToolContextToMcpMetaConverter traceContextMcpMetaConverter(McpConnections connections,
				ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
				ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<TracingFailures> failures) {
			return traceContextConverter(connections, tracer, propagator, observationRegistry, failures)
				.apply(ToolContextToMcpMetaConverter.defaultConverter());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(SpringAiToolSpanConvention.class)
		@Order(MCP_TOOL_SPAN_CONVENTION_ORDER)
		McpToolSpanConvention mcpToolSpanConvention(SpringAiToolSpanConvention toolSpans) {
			return new McpToolSpanConvention(toolSpans);
		}

		private static Function<ToolContextToMcpMetaConverter, ToolContextToMcpMetaConverter> traceContextConverter(
				McpConnections connections, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
				ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<TracingFailures> failures) {
			return (delegate) -> new TraceContextMcpMetaConverter(delegate, tracer::getObject, propagator::getObject,
					() -> observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), connections,
					failures.getIfAvailable(TracingFailures::new));
		}

	}

	/**
	 * The tool calls of a Spring AI MCP server continue the caller's trace from
	 * {@code params._meta}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ McpServerFeatures.class, Tracer.class })
	@ConditionalOnBooleanProperty(name = "agent-tracing.propagation.mcp", matchIfMissing = true)
	static class McpServerConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static McpServerToolTracing agentMcpServerToolTracing(ObjectProvider<ObservationRegistry> observationRegistry,
				Environment environment) {
			boolean stdio = environment.getProperty("spring.ai.mcp.server.stdio", Boolean.class, false);
			return new McpServerToolTracing(() -> observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
					stdio ? McpAttributes.TRANSPORT_PIPE : McpAttributes.TRANSPORT_TCP);
		}

	}

}
