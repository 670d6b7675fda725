package dev.agenttracing.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * An ended span handed on with rewritten data in place of its own, so that the
 * downstream processor (and its exporter) sees the rewritten attributes and events:
 * ended spans are immutable, so export-time changes (tail sampling's content stripping,
 * the redaction safety net) are made this way.
 */
public final class RewrittenSpan implements ReadableSpan {

	private final ReadableSpan span;

	private final SpanData data;

	/**
	 * Wrap an ended span.
	 * @param span the span
	 * @param data what it is to say it holds
	 */
	public RewrittenSpan(ReadableSpan span, SpanData data) {
		this.span = span;
		this.data = data;
	}

	@Override
	public SpanContext getSpanContext() {
		return this.span.getSpanContext();
	}

	@Override
	public SpanContext getParentSpanContext() {
		return this.span.getParentSpanContext();
	}

	@Override
	public String getName() {
		return this.span.getName();
	}

	@Override
	public SpanData toSpanData() {
		return this.data;
	}

	@Override
	@Deprecated
	public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
		return this.span.getInstrumentationLibraryInfo();
	}

	@Override
	public InstrumentationScopeInfo getInstrumentationScopeInfo() {
		return this.span.getInstrumentationScopeInfo();
	}

	@Override
	public boolean hasEnded() {
		return true;
	}

	@Override
	public long getLatencyNanos() {
		return this.span.getLatencyNanos();
	}

	@Override
	public SpanKind getKind() {
		return this.span.getKind();
	}

	@Override
	public <T> T getAttribute(AttributeKey<T> key) {
		return this.data.getAttributes().get(key);
	}

	@Override
	public Attributes getAttributes() {
		return this.data.getAttributes();
	}

}
