package dev.agenttracing.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opentelemetry.sdk.trace.SpanProcessor;

import dev.agenttracing.conformance.OtlpTestReceiver.Transport;
import dev.agenttracing.sample.SupportRouterSample;

/**
 * Starts the sample's two applications with Spring Boot's own OTLP exporter pointed at an
 * endpoint: the configuration a user writes, and nothing else. The sample routes its
 * example tickets while it starts.
 */
final class ExportingSample {

	/** The resource attributes the tests configure, as a user would. */
	static final Map<String, String> RESOURCE_ATTRIBUTES = Map.of("deployment.environment.name", "conformance",
			"service.namespace", "acme-support", "service.version", "1.4.2");

	private ExportingSample() {
	}

	/**
	 * Start the sample.
	 * @param endpoint the OTLP endpoint
	 * @param transport the OTLP transport
	 * @param spanProcessors span processors both applications share besides the exporter
	 * @param properties further properties, {@code name=value}
	 * @return the running sample, after it routed the example tickets
	 */
	static SupportRouterSample.Running start(String endpoint, Transport transport, List<SpanProcessor> spanProcessors,
			String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--sample.model.latency=0ms",
				"--management.tracing.sampling.probability=1.0",
				"--management.opentelemetry.tracing.export.otlp.endpoint=" + endpoint,
				"--management.opentelemetry.tracing.export.otlp.transport=" + transport.propertyValue()));
		RESOURCE_ATTRIBUTES.forEach((key, value) -> args
			.add("--management.opentelemetry.resource-attributes." + key + "=" + value));
		for (String property : properties) {
			args.add("--" + property);
		}
		return SupportRouterSample.start(spanProcessors, args.toArray(String[]::new));
	}

}
