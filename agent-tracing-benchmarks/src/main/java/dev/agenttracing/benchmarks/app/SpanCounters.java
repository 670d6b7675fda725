package dev.agenttracing.benchmarks.app;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * How many spans a scenario starts and exports: a span processor that counts starts (it
 * sits on the tracer provider beside the others, so it sees every span, sampled out or
 * not) and an exporter that counts and drops what it is given. Both cost an increment.
 */
public final class SpanCounters {

	private final LongAdder started = new LongAdder();

	private final LongAdder exported = new LongAdder();

	private final LongAdder exportedAttributes = new LongAdder();

	private final SpanProcessor startCounter = new StartCounter();

	private final SpanExporter exporter = new CountingExporter();

	/**
	 * The processor that counts started spans.
	 * @return the processor
	 */
	public SpanProcessor startCounter() {
		return this.startCounter;
	}

	/**
	 * The exporter that counts exported spans and drops them.
	 * @return the exporter
	 */
	public SpanExporter exporter() {
		return this.exporter;
	}

	public long started() {
		return this.started.sum();
	}

	public long exported() {
		return this.exported.sum();
	}

	/** Attributes on the exported spans, all spans together. */
	public long exportedAttributes() {
		return this.exportedAttributes.sum();
	}

	private final class StartCounter implements SpanProcessor {

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
			SpanCounters.this.started.increment();
		}

		@Override
		public boolean isStartRequired() {
			return true;
		}

		@Override
		public void onEnd(ReadableSpan span) {
		}

		@Override
		public boolean isEndRequired() {
			return false;
		}

	}

	private final class CountingExporter implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			SpanCounters.this.exported.add(spans.size());
			for (SpanData span : spans) {
				SpanCounters.this.exportedAttributes.add(span.getAttributes().size());
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

	}

}
