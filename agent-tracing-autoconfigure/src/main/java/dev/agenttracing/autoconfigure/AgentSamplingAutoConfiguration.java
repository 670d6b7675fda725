package dev.agenttracing.autoconfigure;

import java.util.List;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import dev.agenttracing.sampling.SamplingLimits;
import dev.agenttracing.sampling.SamplingMetrics;
import dev.agenttracing.sampling.SamplingPolicy;
import dev.agenttracing.sampling.SamplingRule;
import dev.agenttracing.sampling.SamplingStats;
import dev.agenttracing.sampling.TraceSamplingProcessor;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of tail sampling: puts a {@link TraceSamplingProcessor} in front of
 * every span processor of Boot's OpenTelemetry tracer provider (the batch export, and
 * any other, such as the flight recorder), and makes every trace start sampled so that
 * the decision can wait for the end of the run. Ordered before Boot's OpenTelemetry
 * tracing auto-configuration, whose {@code SpanProcessors} and {@code Sampler} beans back
 * off for ours.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass({ SdkTracerProvider.class, SpanProcessors.class })
@ConditionalOnBooleanProperty(name = "agent-tracing.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "agent-tracing.sampling.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AgentSamplingProperties.class)
public final class AgentSamplingAutoConfiguration {

	/** The property of Boot's head-sampling share. */
	static final String HEAD_SAMPLING_PROBABILITY = "management.tracing.sampling.probability";

	/** Boot's default head-sampling share. */
	static final double DEFAULT_HEAD_SAMPLING_PROBABILITY = 0.1;

	@Bean
	@ConditionalOnMissingBean
	SamplingPolicy agentSamplingPolicy(AgentSamplingProperties properties, Environment environment) {
		double headShare = environment.getProperty(HEAD_SAMPLING_PROBABILITY, Double.class,
				DEFAULT_HEAD_SAMPLING_PROBABILITY);
		double successRatio = (properties.getSuccessRatio() != null) ? properties.getSuccessRatio() : headShare;
		SamplingRule defaultRule = SamplingRule.defaults()
			.withSuccessRatio(successRatio)
			.withSlowRunThreshold(properties.getSlowRunThreshold());
		SamplingPolicy.Builder policy = SamplingPolicy.builder()
			.defaultRule(defaultRule)
			.otherTracesRatio(headShare)
			.reasonAttribute(properties.isReasonAttribute());
		properties.getAgents().forEach((agent, rule) -> policy.agent(agent, (inherited) -> {
			SamplingRule result = inherited;
			if (rule.getSuccessRatio() != null) {
				result = result.withSuccessRatio(rule.getSuccessRatio());
			}
			if (rule.getSlowRunThreshold() != null) {
				result = result.withSlowRunThreshold(rule.getSlowRunThreshold());
			}
			return result;
		}));
		return policy.build();
	}

	@Bean
	@ConditionalOnMissingBean
	SamplingLimits agentSamplingLimits(AgentSamplingProperties properties) {
		return SamplingLimits.defaults()
			.withMaxHeldSpans(properties.getBuffer().getMaxSpans())
			.withMaxHeldTraces(properties.getBuffer().getMaxTraces())
			.withMaxTraceAge(properties.getBuffer().getMaxAge());
	}

	@Bean
	@ConditionalOnMissingBean
	SamplingStats agentSamplingStats() {
		return new SamplingStats();
	}

	/**
	 * Every span processor, behind the sampling processor: they see only the spans of
	 * kept traces, with content stripped where the policy says so.
	 */
	@Bean
	@ConditionalOnMissingBean
	SpanProcessors spanProcessors(ObjectProvider<SpanProcessor> spanProcessors, SamplingPolicy policy,
			SamplingLimits limits, SamplingStats stats, ObjectProvider<TracingFailures> failures) {
		SpanProcessor downstream = SpanProcessor.composite(spanProcessors.orderedStream().toList());
		TraceSamplingProcessor sampling = TraceSamplingProcessor.builder(downstream)
			.policy(policy)
			.limits(limits)
			.stats(stats)
			.failures(failures.getIfAvailable(TracingFailures::new))
			.build();
		return SpanProcessors.of(List.of(sampling));
	}

	/**
	 * Every trace starts sampled (unless its remote parent was not): the decision is taken
	 * when the run has ended.
	 */
	@Bean
	@ConditionalOnMissingBean
	Sampler agentTailSamplingHeadSampler() {
		return Sampler.parentBased(Sampler.alwaysOn());
	}

	/**
	 * Sampling decisions and bound drops as metrics.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class SamplingMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SamplingMetrics agentSamplingMetrics(SamplingStats stats) {
			return new SamplingMetrics(stats);
		}

	}

}
