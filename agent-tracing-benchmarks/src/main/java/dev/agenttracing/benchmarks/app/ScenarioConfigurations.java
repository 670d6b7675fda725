package dev.agenttracing.benchmarks.app;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import dev.agenttracing.benchmarks.handwritten.HandTracedSupportAgent;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The parts a scenario adds to {@link BenchmarkApplication}. Not nested in it, so that
 * only the ones a scenario names are registered.
 */
public final class ScenarioConfigurations {

	private ScenarioConfigurations() {
	}

	/** The agent with annotations, traced by the starter or by Spring AI's observations. */
	@Configuration(proxyBeanMethods = false)
	public static class ObservedAgent {

		@Bean
		ObservedSupportAgent supportAgent(ChatClient.Builder chatClient, SupportTools tools) {
			return new ObservedSupportAgent(chatClient.build(), tools);
		}

	}

	/** The agent with hand-written OpenTelemetry spans. */
	@Configuration(proxyBeanMethods = false)
	public static class HandTracedAgent {

		@Bean
		HandTracedSupportAgent supportAgent(ChatModel model, SupportTools tools, OpenTelemetry openTelemetry) {
			return new HandTracedSupportAgent(model, tools, openTelemetry);
		}

	}

	/** No observations at all: Spring AI and the starter see a no-op registry. */
	@Configuration(proxyBeanMethods = false)
	public static class NoObservations {

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.NOOP;
		}

	}

	/** Spans go to an exporter that counts and drops them: export I/O is not measured. */
	@Configuration(proxyBeanMethods = false)
	public static class NoOpExport {

		@Bean
		SpanExporter countingSpanExporter(SpanCounters counters) {
			return counters.exporter();
		}

	}

	/**
	 * Spans go to Boot's OTLP exporter, configured by
	 * {@code management.opentelemetry.tracing.export.otlp.endpoint}: nothing to add.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class OtlpExport {

	}

}
