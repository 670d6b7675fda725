package dev.agenttracing.recorder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;

/**
 * Exported spans, as the recorder receives them, written in a line each.
 */
public final class SpanFixture {

	/** Start of every fixture's timeline: 2026-01-01T00:00:00Z. */
	public static final long EPOCH_NANOS = TimeUnit.SECONDS.toNanos(1_767_225_600L);

	private final String traceId;

	private final String spanId;

	private final String name;

	private String parentSpanId = SpanContext.getInvalid().getSpanId();

	private boolean remoteParent;

	private SpanKind kind = SpanKind.INTERNAL;

	private long startMillis;

	private long endMillis = 1;

	private StatusData status = StatusData.unset();

	private final AttributesBuilder attributes = Attributes.builder();

	private final List<EventData> events = new ArrayList<>();

	private SpanFixture(String traceId, String spanId, String name) {
		this.traceId = traceId;
		this.spanId = spanId;
		this.name = name;
	}

	/**
	 * A span.
	 * @param trace the trace number (any positive number)
	 * @param span the span number, unique in its trace
	 * @param name the span name
	 * @return the fixture
	 */
	public static SpanFixture span(int trace, int span, String name) {
		return new SpanFixture(traceId(trace), spanId(span), name);
	}

	/**
	 * An {@code invoke_agent} span.
	 * @param trace the trace number
	 * @param span the span number
	 * @param agent the agent name
	 * @param outcome its outcome
	 * @return the fixture
	 */
	public static SpanFixture run(int trace, int span, String agent, String outcome) {
		return span(trace, span, "invoke_agent " + agent).with(GenAiAttributes.OPERATION_NAME, GenAiOperations.INVOKE_AGENT)
			.with(GenAiAttributes.AGENT_NAME, agent)
			.with(AgentAttributes.OUTCOME, outcome);
	}

	public static String traceId(int trace) {
		return String.format("%032x", trace);
	}

	public static String spanId(int span) {
		return String.format("%016x", span);
	}

	public SpanFixture parent(int span) {
		this.parentSpanId = spanId(span);
		return this;
	}

	/** A parent in another process: the context came with the request. */
	public SpanFixture remoteParent(int span) {
		this.parentSpanId = spanId(span);
		this.remoteParent = true;
		return this;
	}

	public SpanFixture kind(SpanKind kind) {
		this.kind = kind;
		return this;
	}

	/**
	 * When it ran, in milliseconds on the fixture's timeline.
	 * @param startMillis start
	 * @param endMillis end
	 * @return this
	 */
	public SpanFixture at(long startMillis, long endMillis) {
		this.startMillis = startMillis;
		this.endMillis = endMillis;
		return this;
	}

	public <T> SpanFixture with(AttributeKey<T> key, T value) {
		this.attributes.put(key, value);
		return this;
	}

	public SpanFixture operation(String operation) {
		return with(GenAiAttributes.OPERATION_NAME, operation);
	}

	public SpanFixture failed(String errorType, String description) {
		this.status = StatusData.create(StatusCode.ERROR, description);
		return with(GenAiAttributes.ERROR_TYPE, errorType);
	}

	public SpanFixture event(String name, long atMillis, Attributes attributes) {
		this.events.add(EventData.create(nanos(atMillis), name, attributes));
		return this;
	}

	public SpanData data() {
		return TestSpanData.builder()
			.setSpanContext(SpanContext.create(this.traceId, this.spanId, TraceFlags.getSampled(), TraceState.getDefault()))
			.setParentSpanContext(this.remoteParent
					? SpanContext.createFromRemoteParent(this.traceId, this.parentSpanId, TraceFlags.getSampled(),
							TraceState.getDefault())
					: SpanContext.create(this.traceId, this.parentSpanId, TraceFlags.getSampled(),
							TraceState.getDefault()))
			.setName(this.name)
			.setKind(this.kind)
			.setStartEpochNanos(nanos(this.startMillis))
			.setEndEpochNanos(nanos(this.endMillis))
			.setStatus(this.status)
			.setAttributes(this.attributes.build())
			.setEvents(this.events)
			.setTotalRecordedEvents(this.events.size())
			.setHasEnded(true)
			.build();
	}

	/**
	 * The spans, as one export batch.
	 * @param spans the spans
	 * @return their data
	 */
	public static Collection<SpanData> batch(SpanFixture... spans) {
		List<SpanData> batch = new ArrayList<>();
		for (SpanFixture span : spans) {
			batch.add(span.data());
		}
		return batch;
	}

	public static long nanos(long millis) {
		return EPOCH_NANOS + TimeUnit.MILLISECONDS.toNanos(millis);
	}

}
