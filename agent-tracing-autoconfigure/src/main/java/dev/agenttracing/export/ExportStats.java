package dev.agenttracing.export;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the spans handed to each span exporter, by what came of each export call.
 * An exporter is named by its class's simple name ({@code OtlpHttpSpanExporter},
 * {@code FlightRecorderSpanExporter}): the OTLP endpoint can be down while the flight
 * recorder still takes every span.
 */
public final class ExportStats {

	private final Map<String, Counts> byExporter = new ConcurrentHashMap<>();

	/**
	 * The counts of one exporter, created on first use.
	 * @param exporter the exporter's name
	 * @return its counts
	 */
	Counts of(String exporter) {
		return this.byExporter.computeIfAbsent(exporter, (key) -> new Counts());
	}

	/**
	 * The names of the exporters counted.
	 * @return the names
	 */
	public Set<String> exporters() {
		return Set.copyOf(this.byExporter.keySet());
	}

	/**
	 * Spans an exporter delivered.
	 * @param exporter the exporter's name
	 * @return the count
	 */
	public long exportedSpans(String exporter) {
		Counts counts = this.byExporter.get(exporter);
		return (counts != null) ? counts.exported.sum() : 0;
	}

	/**
	 * Spans whose export by an exporter failed (refused, timed out, rejected by the
	 * endpoint, after the exporter's own retries); they are not exported again.
	 * @param exporter the exporter's name
	 * @return the count
	 */
	public long failedSpans(String exporter) {
		Counts counts = this.byExporter.get(exporter);
		return (counts != null) ? counts.failed.sum() : 0;
	}

	static final class Counts {

		private final LongAdder exported = new LongAdder();

		private final LongAdder failed = new LongAdder();

		void exported(int spans) {
			this.exported.add(spans);
		}

		void failed(int spans) {
			this.failed.add(spans);
		}

	}

}
