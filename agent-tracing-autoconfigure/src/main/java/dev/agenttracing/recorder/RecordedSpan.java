package dev.agenttracing.recorder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;

/**
 * A span as the recorder keeps it: a copy of what was exported, with string values cut
 * to the recorder's bound, and an estimate of what it weighs.
 */
record RecordedSpan(String spanId, @Nullable String parentSpanId, String name, SpanKind kind, long startEpochNanos,
		long endEpochNanos, StatusCode status, @Nullable String statusDescription, List<RunTree.Attribute> attributes,
		List<Event> events, List<String> cutAttributes, @Nullable String operation, long bytes) {

	/**
	 * Rough heap cost of a span without its attribute values (the record, its lists, ids,
	 * timestamps), on a 64-bit JVM with compressed references.
	 */
	private static final long SPAN_OVERHEAD_BYTES = 400;

	/** Rough heap cost of an attribute or an event without its strings. */
	private static final long ENTRY_OVERHEAD_BYTES = 64;

	/** Rough heap cost of a boxed number or boolean. */
	private static final long SCALAR_BYTES = 16;

	/** Rough heap cost of a string without its characters. */
	private static final long STRING_OVERHEAD_BYTES = 40;

	static RecordedSpan of(SpanData span, int maxValueLength) {
		Weigher weigher = new Weigher(maxValueLength);
		List<RunTree.Attribute> attributes = weigher.attributes(span.getAttributes(), "");
		List<Event> events = new ArrayList<>(span.getEvents().size());
		for (EventData event : span.getEvents()) {
			weigher.bytes += ENTRY_OVERHEAD_BYTES + weigher.chars(event.getName());
			events.add(new Event(event.getName(), event.getEpochNanos(),
					weigher.attributes(event.getAttributes(), event.getName() + "/")));
		}
		String description = span.getStatus().getDescription();
		description = (description != null && !description.isEmpty()) ? weigher.cut(description, "status") : null;
		String parentSpanId = span.getParentSpanContext().isValid() ? span.getParentSpanId() : null;
		long bytes = SPAN_OVERHEAD_BYTES + weigher.bytes + weigher.chars(span.getName());
		return new RecordedSpan(span.getSpanId(), parentSpanId, span.getName(), span.getKind(),
				span.getStartEpochNanos(), span.getEndEpochNanos(), span.getStatus().getStatusCode(), description,
				attributes, List.copyOf(events), List.copyOf(weigher.cut),
				span.getAttributes().get(GenAiAttributes.OPERATION_NAME), bytes);
	}

	/**
	 * Whether this span is an agent run.
	 * @return whether it is an {@code invoke_agent} span
	 */
	boolean isRun() {
		return GenAiOperations.INVOKE_AGENT.equals(this.operation);
	}

	/**
	 * Whether this span is a GenAI operation (a run, a model call, a tool execution...).
	 * @return whether it has a {@code gen_ai.operation.name}
	 */
	boolean isGenAi() {
		return this.operation != null;
	}

	boolean failed() {
		return this.status == StatusCode.ERROR;
	}

	long durationNanos() {
		return Math.max(0, this.endEpochNanos - this.startEpochNanos);
	}

	/**
	 * A string attribute of this span.
	 * @param key the key
	 * @return its value, or {@code null} when the span has no such string attribute
	 */
	@Nullable String attribute(AttributeKey<String> key) {
		for (RunTree.Attribute attribute : this.attributes) {
			if (attribute.key().equals(key.getKey()) && attribute.value() instanceof String value) {
				return value;
			}
		}
		return null;
	}

	/**
	 * The value of an attribute of this span, whatever its type.
	 * @param key the key
	 * @return its value (a string, number, boolean or list), or {@code null} when the span
	 * has no such attribute
	 */
	@Nullable Object value(String key) {
		for (RunTree.Attribute attribute : this.attributes) {
			if (attribute.key().equals(key)) {
				return attribute.value();
			}
		}
		return null;
	}

	/**
	 * An event as the recorder keeps it.
	 *
	 * @param name the event name
	 * @param epochNanos when it happened
	 * @param attributes its attributes, by key
	 */
	record Event(String name, long epochNanos, List<RunTree.Attribute> attributes) {
	}

	/**
	 * Copies attribute values, cutting long strings, and adds up what they weigh.
	 */
	private static final class Weigher {

		private final int maxValueLength;

		private final List<String> cut = new ArrayList<>();

		private long bytes;

		Weigher(int maxValueLength) {
			this.maxValueLength = maxValueLength;
		}

		List<RunTree.Attribute> attributes(Attributes attributes, String prefix) {
			List<RunTree.Attribute> copies = new ArrayList<>(attributes.size());
			attributes.forEach((key, value) -> {
				this.bytes += ENTRY_OVERHEAD_BYTES + chars(key.getKey());
				String name = prefix + key.getKey();
				String type = key.getType().name().toLowerCase(Locale.ROOT);
				copies.add(new RunTree.Attribute(key.getKey(), type, copy(value, name)));
			});
			copies.sort(Comparator.comparing(RunTree.Attribute::key));
			return List.copyOf(copies);
		}

		private Object copy(Object value, String name) {
			if (value instanceof String text) {
				return cut(text, name);
			}
			if (value instanceof List<?> values) {
				List<Object> copies = new ArrayList<>(values.size());
				for (Object element : values) {
					copies.add(copy(element, name));
				}
				return List.copyOf(copies);
			}
			if (value instanceof Number || value instanceof Boolean) {
				this.bytes += SCALAR_BYTES;
				return value;
			}
			// A type newer than this code (a structured value): kept as its text.
			return cut(String.valueOf(value), name);
		}

		String cut(String text, String name) {
			if (text.length() <= this.maxValueLength) {
				this.bytes += chars(text);
				return text;
			}
			int end = this.maxValueLength;
			if (Character.isHighSurrogate(text.charAt(end - 1))) {
				end--;
			}
			if (!this.cut.contains(name)) {
				this.cut.add(name);
			}
			String kept = text.substring(0, end);
			this.bytes += chars(kept);
			return kept;
		}

		long chars(String text) {
			return STRING_OVERHEAD_BYTES + 2L * text.length();
		}

	}

}
