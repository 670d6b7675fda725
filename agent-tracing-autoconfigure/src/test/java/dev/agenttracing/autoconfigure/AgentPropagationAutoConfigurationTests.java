package dev.agenttracing.autoconfigure;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.agenttracing.mcp.McpClientTracing;
import dev.agenttracing.mcp.McpConnections;
import dev.agenttracing.mcp.McpServerToolTracing;
import dev.agenttracing.mcp.McpToolSpanConvention;
import dev.agenttracing.mcp.TraceContextMcpMetaConverter;
import dev.agenttracing.propagation.MessageTracing;
import dev.agenttracing.propagation.RemoteParentTracingObservationHandler;
import dev.agenttracing.propagation.RunBaggage;
import dev.agenttracing.run.InheritedRunContext;

import org.springframework.ai.mcp.ToolContextToMcpMetaConverter;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every condition and override of {@link AgentPropagationAutoConfiguration}.
 */
class AgentPropagationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, AopAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class, ToolCallingAutoConfiguration.class,
				AgentTracingAutoConfiguration.class, AgentPropagationAutoConfiguration.class));

	@Test
	void withTracingSpringAiAndMcpEveryPartIsThere() {
		this.runner.withUserConfiguration(McpServerTools.class).run((context) -> {
			assertThat(context).hasSingleBean(MessageTracing.class)
				.hasSingleBean(RunBaggage.class)
				.hasSingleBean(InheritedRunContext.class)
				.hasSingleBean(RemoteParentTracingObservationHandler.class)
				.hasSingleBean(McpConnections.class)
				.hasSingleBean(McpClientTracing.class)
				.hasSingleBean(McpToolSpanConvention.class)
				.hasSingleBean(McpServerToolTracing.class);
			assertThat(context.getBean(ToolContextToMcpMetaConverter.class))
				.isInstanceOf(TraceContextMcpMetaConverter.class);
			assertToolsWrapped(context.getBean("syncTools", List.class), true);
			assertToolsWrapped(context.getBean("asyncTools", List.class), true);
			assertToolsWrapped(context.getBean("statelessAsyncTools", List.class), true);
		});
	}

	@Test
	void switchedOffByEitherPropertyCreatesNothing() {
		for (String property : List.of("agent-tracing.enabled=false", "agent-tracing.propagation.enabled=false")) {
			this.runner.withUserConfiguration(McpServerTools.class).withPropertyValues(property).run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(MessageTracing.class)
					.doesNotHaveBean(RunBaggage.class)
					.doesNotHaveBean(RemoteParentTracingObservationHandler.class)
					.doesNotHaveBean(McpClientTracing.class)
					.doesNotHaveBean(McpServerToolTracing.class)
					.doesNotHaveBean(ToolContextToMcpMetaConverter.class);
				assertToolsWrapped(context.getBean("asyncTools", List.class), false);
			});
		}
	}

	@Test
	void mcpPropagationCanBeSwitchedOffAlone() {
		this.runner.withUserConfiguration(McpServerTools.class)
			.withPropertyValues("agent-tracing.propagation.mcp=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(RunBaggage.class)
					.hasSingleBean(RemoteParentTracingObservationHandler.class)
					.doesNotHaveBean(McpConnections.class)
					.doesNotHaveBean(McpClientTracing.class)
					.doesNotHaveBean(McpToolSpanConvention.class)
					.doesNotHaveBean(McpServerToolTracing.class)
					.doesNotHaveBean(ToolContextToMcpMetaConverter.class);
				assertToolsWrapped(context.getBean("syncTools", List.class), false);
				assertToolsWrapped(context.getBean("asyncTools", List.class), false);
			});
	}

	@Test
	void withoutMcpOnTheClassPathTheRestStillWorks() {
		this.runner.withClassLoader(new FilteredClassLoader("io.modelcontextprotocol", "org.springframework.ai.mcp"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RunBaggage.class)
				.hasSingleBean(RemoteParentTracingObservationHandler.class)
				.doesNotHaveBean(McpClientTracing.class)
				.doesNotHaveBean(McpServerToolTracing.class)
				.doesNotHaveBean(McpToolSpanConvention.class));
	}

	@Test
	void anMcpServerWithoutSpringAiMcpClientStillContinuesTraces() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.ai.mcp"))
			.withUserConfiguration(McpServerTools.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(McpServerToolTracing.class)
					.doesNotHaveBean(McpClientTracing.class);
				assertToolsWrapped(context.getBean("asyncTools", List.class), true);
			});
	}

	@Test
	void withoutKafkaRabbitOrRedisTheRestStillWorks() {
		this.runner
			.withClassLoader(new FilteredClassLoader("org.springframework.kafka", "org.springframework.amqp",
					"org.springframework.data.redis", "org.apache.kafka", "com.rabbitmq"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MessageTracing.class)
				.hasSingleBean(RunBaggage.class)
				.hasSingleBean(RemoteParentTracingObservationHandler.class));
	}

	@Test
	void withoutATracerOnlyTheMessageApiIsThere() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					AgentTracingAutoConfiguration.class, AgentPropagationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MessageTracing.class)
				.doesNotHaveBean(RunBaggage.class)
				.doesNotHaveBean(RemoteParentTracingObservationHandler.class)
				.doesNotHaveBean(ToolContextToMcpMetaConverter.class));
	}

	@Test
	void withoutMicrometerTracingOnTheClassPathOnlyTheMessageApiIsThere() {
		this.runner.withClassLoader(new FilteredClassLoader(Tracer.class, Propagator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MessageTracing.class)
				.doesNotHaveBean(RunBaggage.class)
				.doesNotHaveBean(McpServerToolTracing.class)
				.doesNotHaveBean(McpClientTracing.class));
	}

	@Test
	void userBeansReplaceTheDefaults() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(MessageTracing.class)).isSameAs(context.getBean(UserBeans.class).messages);
			assertThat(context.getBean(RunBaggage.class)).isSameAs(context.getBean(UserBeans.class).baggage);
			assertThat(context).hasSingleBean(InheritedRunContext.class)
				.hasSingleBean(RemoteParentTracingObservationHandler.class)
				.hasSingleBean(McpConnections.class);
			assertThat(context.getBean(InheritedRunContext.class).valueOf("user.id")).isEqualTo("from-user-bean");
			assertThat(context.getBean(RemoteParentTracingObservationHandler.class))
				.isSameAs(context.getBean(UserBeans.class).remoteParents);
			assertThat(context.getBean(McpConnections.class)).isSameAs(UserBeans.STATIC_CONNECTIONS);
		});
	}

	private static void assertToolsWrapped(List<?> tools, boolean wrapped) {
		Object tool = tools.get(0);
		Object original;
		if (tool instanceof McpServerFeatures.SyncToolSpecification) {
			original = McpServerTools.SYNC.get(0);
		}
		else if (tool instanceof McpServerFeatures.AsyncToolSpecification) {
			original = McpServerTools.ASYNC.get(0);
		}
		else {
			original = McpServerTools.STATELESS_ASYNC.get(0);
		}
		if (wrapped) {
			assertThat(tool).isNotSameAs(original).hasFieldOrPropertyWithValue("tool", tool(original));
		}
		else {
			assertThat(tool).isSameAs(original);
		}
	}

	private static McpSchema.Tool tool(Object specification) {
		if (specification instanceof McpServerFeatures.SyncToolSpecification sync) {
			return sync.tool();
		}
		if (specification instanceof McpServerFeatures.AsyncToolSpecification async) {
			return async.tool();
		}
		return ((McpStatelessServerFeatures.AsyncToolSpecification) specification).tool();
	}

	@Configuration(proxyBeanMethods = false)
	static class McpServerTools {

		static final McpSchema.Tool TOOL = McpSchema.Tool.builder("orderStatus").description("d").build();

		static final List<McpServerFeatures.SyncToolSpecification> SYNC = List
			.of(new McpServerFeatures.SyncToolSpecification(TOOL, (exchange, request) -> null));

		static final List<McpServerFeatures.AsyncToolSpecification> ASYNC = List
			.of(new McpServerFeatures.AsyncToolSpecification(TOOL, (exchange, request) -> Mono.empty()));

		static final List<McpStatelessServerFeatures.AsyncToolSpecification> STATELESS_ASYNC = List
			.of(new McpStatelessServerFeatures.AsyncToolSpecification(TOOL, (context, request) -> Mono.empty()));

		@Bean
		List<McpServerFeatures.SyncToolSpecification> syncTools() {
			return SYNC;
		}

		@Bean
		List<McpServerFeatures.AsyncToolSpecification> asyncTools() {
			return ASYNC;
		}

		@Bean
		List<McpStatelessServerFeatures.AsyncToolSpecification> statelessAsyncTools() {
			return STATELESS_ASYNC;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final MessageTracing messages = new MessageTracing(ObservationRegistry.NOOP);

		RunBaggage baggage;

		RemoteParentTracingObservationHandler remoteParents;

		@Bean
		MessageTracing userMessageTracing() {
			return this.messages;
		}

		@Bean
		RunBaggage userRunBaggage(Tracer tracer) {
			this.baggage = new RunBaggage(tracer, List.of("user.id"), new dev.agenttracing.trace.TracingFailures());
			return this.baggage;
		}

		@Bean
		InheritedRunContext userInheritedRunContext() {
			return (attribute) -> "from-user-bean";
		}

		@Bean
		RemoteParentTracingObservationHandler userRemoteParents(Tracer tracer, Propagator propagator) {
			this.remoteParents = new RemoteParentTracingObservationHandler(tracer, propagator);
			return this.remoteParents;
		}

		@Bean
		static McpConnections userMcpConnections() {
			return STATIC_CONNECTIONS;
		}

		static final McpConnections STATIC_CONNECTIONS = new McpConnections();

	}

}
