package dev.agenttracing.benchmarks.app;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The benchmark's Spring Boot application: the scripted model, the tools, and the span
 * counters. Which agent it runs, and how its spans leave, is added per scenario from
 * {@link ScenarioConfigurations}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchmarkApplication {

	@Bean
	ScriptedAgentModel scriptedAgentModel(ObjectProvider<ObservationRegistry> registry) {
		return new ScriptedAgentModel(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	SupportTools supportTools() {
		return new SupportTools();
	}

	@Bean
	SpanCounters spanCounters() {
		return new SpanCounters();
	}

	@Bean
	SdkTracerProviderBuilderCustomizer spanStartCounter(SpanCounters counters) {
		return (builder) -> builder.addSpanProcessor(counters.startCounter());
	}

}
