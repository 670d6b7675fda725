package dev.agenttracing.export;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * The OpenTelemetry {@link MeterProvider} that Spring Boot hands to its batch span
 * processor and OTLP span exporters: what the SDK measures about itself (spans dropped
 * because the batch queue was full, spans in the queue) is kept in memory and read back
 * here, so that it can be published as Micrometer meters. Without a meter provider the
 * SDK measures nothing and a drop is only a log line.
 * <p>
 * It is not an {@code SdkMeterProvider}: Boot's {@code OpenTelemetrySdk} does not take
 * it, so no other instrumentation records into it and nothing is exported from it.
 */
public final class SpanProcessorTelemetry implements MeterProvider, AutoCloseable {

	/** The batch span processor's counter before OpenTelemetry's semantic conventions. */
	private static final String LEGACY_PROCESSED = "processedSpans";

	private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");

	/** The batch span processor's queue gauge before OpenTelemetry's semantic conventions. */
	private static final String LEGACY_QUEUE_SIZE = "queueSize";

	/** The SDK's own counter of processed spans, by the semantic conventions. */
	private static final String PROCESSED = "otel.sdk.processor.span.processed";

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	/** The SDK's own queue size, by the semantic conventions. */
	private static final String QUEUE_SIZE = "otel.sdk.processor.span.queue.size";

	private final InMemoryReader reader = new InMemoryReader();

	private final SdkMeterProvider meterProvider;

	/**
	 * Create the meter provider.
	 */
	public SpanProcessorTelemetry() {
		this.meterProvider = SdkMeterProvider.builder().registerMetricReader(this.reader).build();
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		return this.meterProvider.meterBuilder(instrumentationScopeName);
	}

	/**
	 * Spans the batch span processors dropped because their queue was full.
	 * @return the count since start
	 */
	public long droppedSpans() {
		Collection<MetricData> metrics = this.reader.collect();
		return sum(metrics, LEGACY_PROCESSED, (attributes) -> Boolean.TRUE.equals(attributes.get(LEGACY_DROPPED)))
				+ sum(metrics, PROCESSED, (attributes) -> "queue_full".equals(attributes.get(ERROR_TYPE)));
	}

	/**
	 * Spans waiting in the queues of the batch span processors.
	 * @return the count now
	 */
	public long queuedSpans() {
		Collection<MetricData> metrics = this.reader.collect();
		return sum(metrics, LEGACY_QUEUE_SIZE, (attributes) -> true) + sum(metrics, QUEUE_SIZE, (attributes) -> true);
	}

	@Override
	public void close() {
		this.meterProvider.close();
	}

	private static long sum(Collection<MetricData> metrics, String name, Predicate<Attributes> matching) {
		long sum = 0;
		for (MetricData metric : metrics) {
			if (!metric.getName().equals(name)) {
				continue;
			}
			for (PointData point : metric.getData().getPoints()) {
				if (!matching.test(point.getAttributes())) {
					continue;
				}
				if (point instanceof LongPointData longPoint) {
					sum += longPoint.getValue();
				}
				else if (point instanceof DoublePointData doublePoint) {
					sum += (long) doublePoint.getValue();
				}
			}
		}
		return sum;
	}

	/**
	 * Reads the measurements on demand, cumulatively.
	 */
	private static final class InMemoryReader implements MetricReader {

		private volatile CollectionRegistration registration = CollectionRegistration.noop();

		@Override
		public void register(CollectionRegistration registration) {
			this.registration = Objects.requireNonNull(registration);
		}

		Collection<MetricData> collect() {
			try {
				return this.registration.collectAllMetrics();
			}
			catch (RuntimeException ex) {
				return List.of();
			}
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return AggregationTemporality.CUMULATIVE;
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			this.registration = CollectionRegistration.noop();
			return CompletableResultCode.ofSuccess();
		}

	}

}
