package dev.agenttracing.recorder;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import dev.agenttracing.trace.TracingFailures;

/**
 * Feeds a {@link FlightRecorder} with exported spans.
 *
 * <p>
 * Being an exporter, it sits where the other exporters sit, so it receives exactly what
 * they export: as a {@code SpanExporter} bean, Spring Boot puts it behind its
 * {@code BatchSpanProcessor} with the OTLP exporter, after Micrometer's
 * {@code SpanExportingPredicate}s and {@code SpanFilter}s (which a span processor of its own
 * would skip), and behind the tail sampling and redaction safety net that agent-tracing puts
 * in front of every span processor ({@code AgentExportAutoConfiguration}). A pipeline assembled
 * by hand feeds the recorder by adding this exporter to the exporters of the processor
 * that runs last: <pre class="code">
 * SpanExporter exporters = SpanExporter.composite(otlpExporter, flightRecorderSpanExporter);
 * SpanProcessor processor = TraceSamplingProcessor.builder(BatchSpanProcessor.builder(exporters).build())
 *     .build();
 * </pre>
 *
 * <p>
 * Recording never fails the export: a failure is reported to {@link TracingFailures}.
 */
public final class FlightRecorderSpanExporter implements SpanExporter {

	private final FlightRecorder recorder;

	private final TracingFailures failures;

	/**
	 * An exporter that records into a recorder.
	 * @param recorder the recorder
	 * @param failures where recording failures go
	 */
	public FlightRecorderSpanExporter(FlightRecorder recorder, TracingFailures failures) {
		this.recorder = recorder;
		this.failures = failures;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		try {
			this.recorder.record(spans);
		}
		catch (Throwable ex) {
			this.failures.record("flight recorder", ex);
		}
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "FlightRecorderSpanExporter";
	}

}
