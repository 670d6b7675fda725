package dev.agenttracing.export;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Keeps the OTLP metrics registry that the starter brings in
 * ({@code spring-boot-starter-opentelemetry} has {@code micrometer-registry-otlp}) from
 * pushing to {@code http://localhost:4318/v1/metrics} when nobody said where metrics go:
 * with no collector there, every push, the last one at shutdown included, logs a warning
 * with a stack trace. Traces and logs already leave only once their endpoint is set; this
 * makes metrics follow the same rule. OTLP metrics export is on as soon as the application
 * sets {@code management.otlp.metrics.export.url}, sets
 * {@code management.otlp.metrics.export.enabled} itself, or has one of the OpenTelemetry
 * environment variables Micrometer reads ({@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT},
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}).
 */
final class MetricsExportDefaults implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "agentTracingMetricsExportDefaults";

	static final String ENABLED = "management.otlp.metrics.export.enabled";

	private static final String URL = "management.otlp.metrics.export.url";

	/** After the application's configuration files are loaded, to read its settings. */
	private static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("agent-tracing.enabled", Boolean.class, true)) {
			return;
		}
		if (environment.containsProperty(ENABLED) || hasText(environment.getProperty(URL))
				|| hasText(environment.getProperty("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"))
				|| hasText(environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT"))) {
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		if (!sources.contains(PROPERTY_SOURCE_NAME)) {
			sources.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(ENABLED, "false")));
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
