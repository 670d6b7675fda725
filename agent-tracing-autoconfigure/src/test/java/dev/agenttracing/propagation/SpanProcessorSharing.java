package dev.agenttracing.propagation;

import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Registers one span processor in every application a test starts, so that all their
 * spans reach one in-memory exporter.
 */
final class SpanProcessorSharing implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private final SpanProcessor processor;

	SpanProcessorSharing(SpanProcessor processor) {
		this.processor = processor;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("sharedSpanProcessor", this.processor);
	}

}
