package dev.agenttracing.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import dev.agenttracing.export.CountingSpanExporter;
import dev.agenttracing.export.ExportMetrics;
import dev.agenttracing.export.SpanProcessorTelemetry;
import dev.agenttracing.redaction.DefaultRedactor;
import dev.agenttracing.redaction.RedactionConfig;
import dev.agenttracing.redaction.Redactor;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export metrics of {@link AgentExportAutoConfiguration}: Boot's span exporters are
 * counted, its batch span processor measured, and the application's own OpenTelemetry
 * meter provider is left alone.
 */
class AgentExportAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, AgentExportAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0", "agent-tracing.sampling.enabled=false")
		.withBean(InMemorySpanExporter.class, InMemorySpanExporter::create);

	@Test
	void exportedSpansAreCountedByExporterAndTheBatchQueueIsMeasured() {
		this.runner.run((context) -> {
			assertThat(context.getBean(SpanExporters.class).list()).singleElement()
				.isInstanceOf(CountingSpanExporter.class);
			assertThat(context).hasSingleBean(SpanProcessorTelemetry.class);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(ExportMetrics.class).bindTo(registry);
			SdkTracerProvider tracerProvider = context.getBean(SdkTracerProvider.class);
			for (int i = 0; i < 3; i++) {
				tracerProvider.get("test").spanBuilder("span-" + i).startSpan().end();
			}
			tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);

			assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).hasSize(3);
			assertThat(counter(registry, "InMemorySpanExporter", "exported")).isEqualTo(3);
			assertThat(counter(registry, "InMemorySpanExporter", "failed")).isZero();
			assertThat(counter(registry, "none", "dropped")).isZero();
			assertThat(registry.get("agent.tracing.export.queue.size").gauge().value()).isZero();
		});
	}

	@Test
	void theApplicationsOwnMeterProviderIsLeftToTheBatchProcessor() {
		this.runner.withBean(MeterProvider.class, MeterProvider::noop).run((context) -> {
			assertThat(context).doesNotHaveBean(SpanProcessorTelemetry.class);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(ExportMetrics.class).bindTo(registry);
			assertThat(registry.find("agent.tracing.export.spans").tag("outcome", "exported").functionCounter())
				.isNotNull();
			assertThat(registry.find("agent.tracing.export.spans").tag("outcome", "dropped").functionCounter())
				.isNull();
			assertThat(registry.find("agent.tracing.export.queue.size").gauge()).isNull();
		});
	}

	/**
	 * An application that declares its own {@code SpanProcessors} keeps tail sampling:
	 * with a head share of 0, a trace without an agent run is not exported.
	 */
	@Test
	void theApplicationsOwnSpanProcessorsStayBehindTailSampling() {
		InMemorySpanExporter exported = InMemorySpanExporter.create();
		this.runner
			.withPropertyValues("agent-tracing.sampling.enabled=true", "management.tracing.sampling.probability=0.0")
			.withBean(SpanProcessors.class, () -> SpanProcessors.of(SimpleSpanProcessor.create(exported)))
			.run((context) -> {
				SdkTracerProvider tracerProvider = context.getBean(SdkTracerProvider.class);
				for (int i = 0; i < 3; i++) {
					tracerProvider.get("test").spanBuilder("span-" + i).startSpan().end();
				}
				tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
				assertThat(exported.getFinishedSpanItems()).isEmpty();
			});
	}

	/**
	 * An application that declares its own {@code SpanProcessors} keeps the redaction
	 * safety net.
	 */
	@Test
	void theApplicationsOwnSpanProcessorsStayBehindTheSafetyNet() {
		InMemorySpanExporter exported = InMemorySpanExporter.create();
		this.runner.withBean(SpanProcessors.class, () -> SpanProcessors.of(SimpleSpanProcessor.create(exported)))
			.withBean(Redactor.class, () -> DefaultRedactor.create(RedactionConfig.defaults()))
			.run((context) -> {
				SdkTracerProvider tracerProvider = context.getBean(SdkTracerProvider.class);
				tracerProvider.get("test")
					.spanBuilder("failed")
					.setAttribute("exception.message", "no account for jane.doe@example.com")
					.startSpan()
					.end();
				tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
				assertThat(exported.getFinishedSpanItems()).singleElement()
					.satisfies((span) -> assertThat(span.getAttributes().get(AttributeKey.stringKey("exception.message")))
						.isNotNull()
						.doesNotContain("jane.doe@example.com"));
			});
	}

	private static double counter(SimpleMeterRegistry registry, String exporter, String outcome) {
		FunctionCounter counter = registry.get("agent.tracing.export.spans")
			.tag("exporter", exporter)
			.tag("outcome", outcome)
			.functionCounter();
		return counter.count();
	}

}
