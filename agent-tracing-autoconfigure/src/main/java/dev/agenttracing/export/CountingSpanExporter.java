package dev.agenttracing.export;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A span exporter that counts, in {@link ExportStats}, the spans its delegate delivered
 * and those whose export failed, when each export completes. It adds nothing to the
 * export itself.
 */
public final class CountingSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final ExportStats.Counts stats;

	/**
	 * Count the exports of an exporter, under its class's simple name.
	 * @param delegate the exporter
	 * @param stats where the counts go
	 */
	public CountingSpanExporter(SpanExporter delegate, ExportStats stats) {
		this.delegate = delegate;
		this.stats = stats.of(nameOf(delegate));
	}

	/**
	 * The name an exporter is counted under.
	 * @param exporter the exporter
	 * @return its class's simple name
	 */
	static String nameOf(SpanExporter exporter) {
		String name = exporter.getClass().getSimpleName();
		return name.isEmpty() ? exporter.getClass().getName() : name;
	}

	/**
	 * The exporter counted.
	 * @return the delegate
	 */
	public SpanExporter delegate() {
		return this.delegate;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		int count = spans.size();
		CompletableResultCode result;
		try {
			result = this.delegate.export(spans);
		}
		catch (RuntimeException ex) {
			this.stats.failed(count);
			throw ex;
		}
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				this.stats.exported(count);
			}
			else {
				this.stats.failed(count);
			}
		});
		return result;
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public String toString() {
		return "CountingSpanExporter{" + this.delegate + "}";
	}

}
