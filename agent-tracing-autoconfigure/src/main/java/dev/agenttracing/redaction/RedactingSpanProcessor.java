package dev.agenttracing.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

import dev.agenttracing.trace.RewrittenSpan;
import dev.agenttracing.trace.TracingFailures;

/**
 * The safety net at export: the configured attribute keys are redacted on every span
 * that reaches the exporters, and on its events, whoever set them (Spring AI puts a vector
 * query's text on its spans by default; HTTP instrumentation puts full URLs; an exception
 * event carries the exception's message, which may quote the input that failed). The key
 * {@value #EXCEPTION_MESSAGE} also covers the span's status description, which
 * instrumentation fills with the same message. Spans without those keys pass untouched; if
 * redaction fails the value is dropped rather than exported as is.
 */
public final class RedactingSpanProcessor implements SpanProcessor {

	/** The key of an exception event's message. */
	public static final String EXCEPTION_MESSAGE = "exception.message";

	private final SpanProcessor downstream;

	private final Set<String> keys;

	private final boolean statusDescriptions;

	private final Redactor redactor;

	private final TracingFailures failures;

	/**
	 * Create the processor.
	 * @param downstream where spans go next
	 * @param keys the attribute keys to redact
	 * @param redactor the redactor
	 * @param failures where redaction failures go
	 */
	public RedactingSpanProcessor(SpanProcessor downstream, List<String> keys, Redactor redactor,
			TracingFailures failures) {
		this.downstream = downstream;
		this.keys = Set.copyOf(keys);
		this.statusDescriptions = this.keys.contains(EXCEPTION_MESSAGE);
		this.redactor = redactor;
		this.failures = failures;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		this.downstream.onStart(parentContext, span);
	}

	@Override
	public boolean isStartRequired() {
		return this.downstream.isStartRequired();
	}

	@Override
	public void onEnd(ReadableSpan span) {
		this.downstream.onEnd(redacted(span));
	}

	@Override
	public boolean isEndRequired() {
		return this.downstream.isEndRequired();
	}

	@Override
	public CompletableResultCode forceFlush() {
		return this.downstream.forceFlush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.downstream.shutdown();
	}

	private ReadableSpan redacted(ReadableSpan span) {
		SpanData data = span.toSpanData();
		boolean inEvents = data.getEvents().stream().anyMatch((event) -> holdsKey(event.getAttributes()));
		StatusData status = data.getStatus();
		boolean inStatus = this.statusDescriptions && !status.getDescription().isEmpty();
		if (!inEvents && !inStatus && !holdsKey(data.getAttributes())) {
			// Downstream reads this snapshot instead of taking its own.
			return new RewrittenSpan(span, data);
		}
		StatusData replacedStatus = inStatus ? StatusData.create(status.getStatusCode(), redact(status.getDescription()))
				: status;
		Attributes attributes = redacted(data.getAttributes());
		List<EventData> events = data.getEvents();
		if (inEvents) {
			List<EventData> redactedEvents = new ArrayList<>(events.size());
			for (EventData event : events) {
				redactedEvents.add(holdsKey(event.getAttributes())
						? EventData.create(event.getEpochNanos(), event.getName(), redacted(event.getAttributes()),
								event.getTotalAttributeCount())
						: event);
			}
			events = redactedEvents;
		}
		List<EventData> replacedEvents = events;
		return new RewrittenSpan(span, new DelegatingSpanData(data) {
			@Override
			public Attributes getAttributes() {
				return attributes;
			}

			@Override
			public List<EventData> getEvents() {
				return replacedEvents;
			}

			@Override
			public StatusData getStatus() {
				return replacedStatus;
			}
		});
	}

	private boolean holdsKey(Attributes attributes) {
		for (String key : this.keys) {
			if (attributes.get(AttributeKey.stringKey(key)) != null) {
				return true;
			}
		}
		return false;
	}

	private Attributes redacted(Attributes attributes) {
		if (!holdsKey(attributes)) {
			return attributes;
		}
		AttributesBuilder builder = attributes.toBuilder();
		attributes.forEach((key, value) -> {
			if (key.getType() == AttributeType.STRING && this.keys.contains(key.getKey())) {
				builder.put(key.getKey(), redact((String) value));
			}
		});
		return builder.build();
	}

	private String redact(String value) {
		try {
			return this.redactor.redactText(value).value();
		}
		catch (Throwable ex) {
			this.failures.record("safety net redaction", ex);
			return "[REDACTED:unredactable]";
		}
	}

}
