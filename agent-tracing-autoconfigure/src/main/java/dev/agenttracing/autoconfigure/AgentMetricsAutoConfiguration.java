package dev.agenttracing.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import dev.agenttracing.metrics.AgentMetricsStep;
import dev.agenttracing.metrics.GenAiMeters;
import dev.agenttracing.metrics.SpringAiMetricsStep;

import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of the GenAI metrics: {@code gen_ai.client.operation.duration},
 * {@code gen_ai.client.token.usage}, {@code gen_ai.execute_tool.duration},
 * {@code gen_ai.invoke_agent.duration} and friends, as histograms with the conventions'
 * units and buckets, exported through Micrometer as the application is set up (OTLP
 * metrics, Prometheus...). Spring AI's own token counter is replaced: it has the same
 * name and another type.
 */
@AutoConfiguration(after = AgentTracingAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		beforeName = "org.springframework.ai.model.chat.observation.autoconfigure.ChatObservationAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "agent-tracing.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "agent-tracing.metrics.enabled", matchIfMissing = true)
public final class AgentMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GenAiMeters genAiMeters(MeterRegistry meterRegistry) {
		return new GenAiMeters(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	@Order(AgentTracingAutoConfiguration.METRICS_STEP_ORDER)
	AgentMetricsStep agentMetricsStep(GenAiMeters meters) {
		return new AgentMetricsStep(meters);
	}

	/**
	 * Metrics of Spring AI's model calls and tool executions.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ChatModelObservationContext.class)
	static class SpringAiMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Order(AgentTracingAutoConfiguration.METRICS_STEP_ORDER)
		SpringAiMetricsStep springAiMetricsStep(GenAiMeters meters) {
			return new SpringAiMetricsStep(meters);
		}

		/**
		 * Takes the place of Spring AI's token counter, which backs off for it, and records
		 * nothing: {@link SpringAiMetricsStep} records the token histogram.
		 */
		@Bean
		@ConditionalOnMissingBean
		ChatModelMeterObservationHandler chatModelMeterObservationHandler(MeterRegistry meterRegistry) {
			return new ChatModelMeterObservationHandler(meterRegistry) {
				@Override
				public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
					return false;
				}
			};
		}

	}

}
