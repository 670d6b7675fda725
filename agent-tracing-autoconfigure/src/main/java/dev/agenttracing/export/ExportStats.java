package dev.agenttracing.export;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the spans handed to the span exporters, by what came of each export call.
 */
public final class ExportStats {

	private final LongAdder exported = new LongAdder();

	private final LongAdder failed = new LongAdder();

	void exported(int spans) {
		this.exported.add(spans);
	}

	void failed(int spans) {
		this.failed.add(spans);
	}

	/**
	 * Spans the exporters delivered.
	 * @return the count
	 */
	public long exportedSpans() {
		return this.exported.sum();
	}

	/**
	 * Spans whose export failed (refused, timed out, rejected by the endpoint); they are
	 * not exported again.
	 * @return the count
	 */
	public long failedSpans() {
		return this.failed.sum();
	}

}
