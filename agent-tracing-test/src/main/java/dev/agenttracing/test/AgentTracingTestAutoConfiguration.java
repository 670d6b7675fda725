package dev.agenttracing.test;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@link AgentTracingTest} adds to a test's application context: the
 * {@link AgentTraces} and its span processor, which Boot's OpenTelemetry auto-configuration
 * adds to the tracer provider with the application's other span processors; and, for a
 * {@link ReplayChatModel}, Spring AI's tool loop made to consult it, so that it can answer
 * tools from its recording.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass(SpanProcessor.class)
public final class AgentTracingTestAutoConfiguration {

	/** The property that makes every trace of the test recorded. */
	static final String SAMPLE_EVERY_TRACE = "management.tracing.sampling.probability=1.0";

	@Bean
	@ConditionalOnMissingBean
	AgentTraces agentTraces() {
		return new AgentTraces();
	}

	@Bean
	@ConditionalOnMissingBean(name = "agentTracesSpanProcessor")
	SpanProcessor agentTracesSpanProcessor(AgentTraces agentTraces) {
		return agentTraces.spanProcessor();
	}

	/** The tool loop consults a {@link ReplayChatModel} bean, when there is one. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.ai.model.tool.ToolCallingManager")
	static final class ReplayToolStubsConfiguration {

		@Bean
		static BeanPostProcessor replayToolStubs(ObjectProvider<ReplayChatModel> models,
				ObjectProvider<ObservationRegistry> registry) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof ToolCallingManager manager && !(bean instanceof ReplayToolCallingManager)) {
						return new ReplayToolCallingManager(manager, models,
								registry.getIfUnique(() -> ObservationRegistry.NOOP));
					}
					if (bean instanceof ReplayChatModel model) {
						model.toolStubsInstalled();
					}
					return bean;
				}

			};
		}

	}

}
