package dev.agenttracing.export;

import java.util.Map;

import io.micrometer.registry.otlp.OtlpMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.agenttracing.run.AgentRun;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new application with the starter and nothing configured for export, no collector
 * listening anywhere: it starts, runs agents and stops without a warning or a stack trace.
 * Before {@link MetricsExportDefaults}, the OTLP metrics registry that the starter brings in
 * pushed to {@code localhost:4318} and logged a failure with a stack trace at shutdown.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoCollectorShutdownTests {

	/** What a new application has to say anyway: no real model provider in this test. */
	static final String[] NO_MODELS = { "spring.ai.model.chat=none", "spring.ai.model.embedding=none",
			"spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
			"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none" };

	@Test
	void anApplicationWithNoCollectorStartsRunsAndStopsWithoutWarnings(CapturedOutput output) {
		Map<String, OtlpMeterRegistry> otlpRegistries;
		try (ConfigurableApplicationContext app = start()) {
			assertThat(app.getBean(Agent.class).answer("hello")).isEqualTo("HELLO");
			otlpRegistries = app.getBeansOfType(OtlpMeterRegistry.class);
		}
		assertThat(output.getOut() + output.getErr()).as("the application's whole log")
			.doesNotContain(" WARN ")
			.doesNotContain(" ERROR ")
			.doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(")
			.doesNotContain("Exception");
		assertThat(otlpRegistries).as("metrics registries that push over OTLP").isEmpty();
	}

	/** No collector here either: the registry's last push, at shutdown, would fail loudly. */
	private static final String QUIET_REGISTRY = "logging.level.io.micrometer.registry.otlp=off";

	@Test
	void metricsGoOverOtlpOnceTheApplicationSaysWhere() {
		try (ConfigurableApplicationContext app = start("management.otlp.metrics.export.url=http://127.0.0.1:4318/v1/metrics",
				QUIET_REGISTRY)) {
			assertThat(app.getBeansOfType(OtlpMeterRegistry.class)).hasSize(1);
		}
		try (ConfigurableApplicationContext app = start("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318",
				QUIET_REGISTRY)) {
			assertThat(app.getBeansOfType(OtlpMeterRegistry.class)).hasSize(1);
		}
		try (ConfigurableApplicationContext app = start("management.otlp.metrics.export.enabled=true",
				QUIET_REGISTRY)) {
			assertThat(app.getBeansOfType(OtlpMeterRegistry.class)).hasSize(1);
		}
	}

	@Test
	void withTheStarterSwitchedOffBootsOwnDefaultsStand() {
		try (ConfigurableApplicationContext app = start("agent-tracing.enabled=false",
				QUIET_REGISTRY)) {
			assertThat(app.getEnvironment().getPropertySources().contains(MetricsExportDefaults.PROPERTY_SOURCE_NAME))
				.isFalse();
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(NewApplication.class).web(WebApplicationType.NONE)
			.properties(NO_MODELS)
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class NewApplication {

		@Bean
		Agent agent() {
			return new Agent();
		}

	}

	static class Agent {

		@AgentRun(name = "shouting-agent")
		public String answer(String question) {
			return question.toUpperCase(java.util.Locale.ROOT);
		}

	}

}
