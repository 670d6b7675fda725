package dev.agenttracing.export;

import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Publishes what became of the finished spans on their way to the exporters as
 * Micrometer meters:
 * <ul>
 * <li>{@code agent.tracing.export.spans} (counter), tags {@code exporter} (the span
 * exporter's class, such as {@code OtlpHttpSpanExporter}; {@code none} for drops) and
 * {@code outcome}: {@code exported} (delivered), {@code failed} (the export failed:
 * endpoint refused, unreachable, timed out or answered an error; not retried after the
 * exporter's own retries), {@code dropped} (never handed to any exporter: the batch span
 * processor's queue was full);</li>
 * <li>{@code agent.tracing.export.queue.size} (gauge): spans waiting in the batch span
 * processor's queue, never more than its {@code max-queue-size}.</li>
 * </ul>
 * The last two come from the OpenTelemetry SDK's own measurements
 * ({@link SpanProcessorTelemetry}); they are not published when the application brings
 * its own OpenTelemetry {@code MeterProvider}, which then receives them.
 */
public final class ExportMetrics implements MeterBinder {

	private static final String PREFIX = "agent.tracing.export.";

	private static final String NONE = "none";

	private final ExportStats stats;

	private final @Nullable SpanProcessorTelemetry telemetry;

	/**
	 * Create the metrics.
	 * @param stats the counts of the exporters, which must all be known (the
	 * {@code SpanExporters} created) when the meters are bound
	 * @param telemetry the SDK's measurements of the batch span processor, if it has ours
	 */
	public ExportMetrics(ExportStats stats, @Nullable SpanProcessorTelemetry telemetry) {
		this.stats = stats;
		this.telemetry = telemetry;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String exporter : this.stats.exporters()) {
			spans(registry, exporter, "exported", this.stats, (stats) -> stats.exportedSpans(exporter));
			spans(registry, exporter, "failed", this.stats, (stats) -> stats.failedSpans(exporter));
		}
		if (this.telemetry != null) {
			spans(registry, NONE, "dropped", this.telemetry, SpanProcessorTelemetry::droppedSpans);
			Gauge.builder(PREFIX + "queue.size", this.telemetry, SpanProcessorTelemetry::queuedSpans)
				.description("Spans waiting in the batch span processor's queue")
				.register(registry);
		}
	}

	private static <T> void spans(MeterRegistry registry, String exporter, String outcome, T source,
			ToLongFunction<T> count) {
		FunctionCounter.builder(PREFIX + "spans", source, (value) -> count.applyAsLong(value))
			.description("Finished spans by what came of their export")
			.tag("exporter", exporter)
			.tag("outcome", outcome)
			.register(registry);
	}

}
