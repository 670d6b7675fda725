package dev.agenttracing.autoconfigure;

import java.util.List;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import dev.agenttracing.export.CountingSpanExporter;
import dev.agenttracing.export.ExportMetrics;
import dev.agenttracing.export.ExportStats;
import dev.agenttracing.export.SpanProcessorTelemetry;
import dev.agenttracing.sampling.SamplingLimits;
import dev.agenttracing.sampling.SamplingMetrics;
import dev.agenttracing.sampling.SamplingPolicy;
import dev.agenttracing.sampling.SamplingRule;
import dev.agenttracing.sampling.SamplingStats;
import dev.agenttracing.redaction.Redactor;
import dev.agenttracing.sampling.TraceSampling;
import dev.agenttracing.sampling.TraceSamplingProcessor;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of what happens to finished spans before they are exported: the
 * tail-sampling {@link TraceSamplingProcessor} and the redaction safety net sit in front
 * of every span processor of Boot's OpenTelemetry tracer provider (the batch export, and
 * any other, such as the flight recorder). With tail sampling on, every trace starts
 * sampled so that the decision can wait for the end of the run. Ordered before Boot's
 * OpenTelemetry tracing auto-configuration, whose
 * {@code SpanExporters} and {@code Sampler} beans back off for ours; its {@code SpanProcessors}
 * (or the application's) are wrapped. The exporters count
 * what came of their exports, and the batch span processor's drops are read from the
 * OpenTelemetry SDK's own measurements: both are published as metrics.
 */
@AutoConfiguration(after = AgentRedactionAutoConfiguration.class,
		beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass({ SdkTracerProvider.class, SpanProcessors.class })
@ConditionalOnBooleanProperty(name = "agent-tracing.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ AgentSamplingProperties.class, AgentTracingProperties.class })
public final class AgentExportAutoConfiguration {

	/** The property of Boot's head-sampling share. */
	static final String HEAD_SAMPLING_PROBABILITY = "management.tracing.sampling.probability";

	/** Boot's default head-sampling share. */
	static final double DEFAULT_HEAD_SAMPLING_PROBABILITY = 0.1;

	/**
	 * Every span processor of Boot's tracer provider, the application's own
	 * {@code SpanProcessors} included, behind the sampling processor (when tail sampling is
	 * on) and the redaction safety net: they see only the spans of kept traces, with
	 * content stripped where the policy says so and the safety-net keys redacted.
	 */
	@Bean
	static ExportPipelinePostProcessor agentExportPipelinePostProcessor(
			ObjectProvider<AgentTracingProperties> properties, ObjectProvider<Redactor> redactor,
			ObjectProvider<TraceSampling> sampling, ObjectProvider<TracingFailures> failures) {
		return new ExportPipelinePostProcessor(properties, redactor, sampling, failures);
	}

	@Bean
	@ConditionalOnMissingBean
	ExportStats agentExportStats() {
		return new ExportStats();
	}

	/**
	 * The span exporters of Boot's batch span processor, each counting what came of its
	 * exports.
	 */
	@Bean
	@ConditionalOnMissingBean
	SpanExporters spanExporters(ObjectProvider<SpanExporter> spanExporters, ExportStats stats) {
		return SpanExporters.of(spanExporters.orderedStream()
			.map((exporter) -> (SpanExporter) new CountingSpanExporter(exporter, stats))
			.toList());
	}

	/**
	 * The OpenTelemetry SDK's measurements of Boot's batch span processor (queue size,
	 * spans dropped), read back in memory, when the application has no OpenTelemetry
	 * meter provider of its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SdkMeterProvider.class)
	static class SpanProcessorTelemetryConfiguration {

		@Bean
		@ConditionalOnMissingBean(MeterProvider.class)
		SpanProcessorTelemetry agentSpanProcessorTelemetry() {
			return new SpanProcessorTelemetry();
		}

	}

	/**
	 * Export outcomes as metrics.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ExportMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ExportMetrics agentExportMetrics(ExportStats stats, ObjectProvider<SpanExporters> exporters,
				ObjectProvider<SpanProcessorTelemetry> telemetry) {
			// The exporters are counted from their creation: their meters are known then.
			exporters.ifAvailable((created) -> {
			});
			return new ExportMetrics(stats, telemetry.getIfAvailable());
		}

	}

	/**
	 * Tail sampling.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "agent-tracing.sampling.enabled", matchIfMissing = true)
	static class TailSamplingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SamplingPolicy agentSamplingPolicy(AgentSamplingProperties properties, AgentTracingProperties tracing,
				Environment environment) {
			double headShare = environment.getProperty(HEAD_SAMPLING_PROBABILITY, Double.class,
					DEFAULT_HEAD_SAMPLING_PROBABILITY);
			double successRatio = (properties.getSuccessRatio() != null) ? properties.getSuccessRatio() : headShare;
			SamplingRule defaultRule = SamplingRule.defaults()
				.withSuccessRatio(successRatio)
				.withSlowRunThreshold(properties.getSlowRunThreshold())
				.withContentRetention(tracing.getCapture().getKeep())
				.withContentRatio(tracing.getCapture().getKeepSuccessRatio());
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

		@Bean
		@ConditionalOnMissingBean
		TraceSampling agentTraceSampling(SamplingPolicy policy, SamplingLimits limits, SamplingStats stats) {
			return new TraceSampling(policy, limits, stats);
		}

		/**
		 * Every trace starts sampled (unless its remote parent was not): the decision is
		 * taken when the run has ended.
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

}
