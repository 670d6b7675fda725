package dev.agenttracing.test;

import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * What {@link AgentTracingTest} adds to a test's application context: the
 * {@link AgentTraces} and its span processor, which Boot's OpenTelemetry auto-configuration
 * adds to the tracer provider with the application's other span processors.
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

}
