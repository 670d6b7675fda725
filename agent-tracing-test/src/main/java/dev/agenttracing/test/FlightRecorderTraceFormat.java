package dev.agenttracing.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import tools.jackson.databind.JsonNode;

/**
 * One run as the flight recorder returns it ({@code GET /actuator/agentruns/{traceId}}, or
 * the viewer's "download"): {@code run} (its summary, with the {@code traceId}),
 * {@code startTime} (the timeline's zero) and {@code spans}, each with its ids, name,
 * kind, {@code offsetNanos} and {@code durationNanos}, status, typed attributes
 * ({@code {key, type, value}}, type {@code string}, {@code long}, {@code double},
 * {@code boolean} or one of their {@code _array}s) and events.
 * <p>
 * Times are rebuilt from the zero and the offsets. The recorder keeps neither resource nor
 * scope, and cuts long string values (it lists them in {@code cutAttributes}); the spans
 * read here have an empty resource and scope and the values as the recorder kept them.
 */
public final class FlightRecorderTraceFormat implements TraceFormat {

	@Override
	public String name() {
		return "flight recorder run";
	}

	@Override
	public boolean recognises(JsonNode document) {
		return document.isObject() && document.path("run").has("traceId") && document.path("spans").isArray();
	}

	@Override
	public List<SpanData> read(JsonNode document) {
		if (!recognises(document)) {
			throw new IllegalArgumentException("Not a flight recorder run: it has no run.traceId and spans");
		}
		String traceId = document.path("run").path("traceId").asString("");
		long zero = epochNanos(document.path("startTime"));
		List<SpanData> spans = new ArrayList<>();
		for (JsonNode span : document.path("spans")) {
			spans.add(span(span, traceId, zero));
		}
		return spans;
	}

	private static SpanData span(JsonNode span, String traceId, long zero) {
		SpanContext context = SpanContext.create(traceId, span.path("spanId").asString(""), TraceFlags.getSampled(),
				TraceState.getDefault());
		String parentId = span.path("parentSpanId").asString("");
		SpanContext parent = parentId.isEmpty() ? SpanContext.getInvalid()
				: SpanContext.create(traceId, parentId, TraceFlags.getSampled(), TraceState.getDefault());
		long start = zero + span.path("offsetNanos").asLong(0);
		Attributes attributes = attributes(span.path("attributes"));
		List<EventData> events = new ArrayList<>();
		for (JsonNode event : span.path("events")) {
			events.add(EventData.create(zero + event.path("offsetNanos").asLong(0), event.path("name").asString(""),
					attributes(event.path("attributes"))));
		}
		String description = span.path("statusDescription").asString("");
		return TestSpanData.builder()
			.setSpanContext(context)
			.setParentSpanContext(parent)
			.setResource(Resource.empty())
			.setInstrumentationScopeInfo(InstrumentationScopeInfo.empty())
			.setName(span.path("name").asString(""))
			.setKind(SpanKind.valueOf(span.path("kind").asString("INTERNAL")))
			.setStartEpochNanos(start)
			.setEndEpochNanos(start + span.path("durationNanos").asLong(0))
			.setAttributes(attributes)
			.setEvents(events)
			.setLinks(List.of())
			.setStatus(StatusData.create(StatusCode.valueOf(span.path("status").asString("UNSET")), description))
			.setHasEnded(true)
			.setTotalRecordedEvents(events.size())
			.setTotalRecordedLinks(0)
			.setTotalAttributeCount(attributes.size())
			.build();
	}

	private static Attributes attributes(JsonNode attributes) {
		AttributesBuilder builder = Attributes.builder();
		for (JsonNode attribute : attributes) {
			String key = attribute.path("key").asString("");
			JsonNode value = attribute.path("value");
			switch (attribute.path("type").asString("string")) {
				case "long" -> builder.put(AttributeKey.longKey(key), value.asLong());
				case "double" -> builder.put(AttributeKey.doubleKey(key), value.asDouble());
				case "boolean" -> builder.put(AttributeKey.booleanKey(key), value.asBoolean());
				case "string_array" -> builder.put(AttributeKey.stringArrayKey(key),
						value.values().stream().map((element) -> element.asString("")).toList());
				case "long_array" -> builder.put(AttributeKey.longArrayKey(key),
						value.values().stream().map(JsonNode::asLong).toList());
				case "double_array" -> builder.put(AttributeKey.doubleArrayKey(key),
						value.values().stream().map(JsonNode::asDouble).toList());
				case "boolean_array" -> builder.put(AttributeKey.booleanArrayKey(key),
						value.values().stream().map(JsonNode::asBoolean).toList());
				default -> builder.put(AttributeKey.stringKey(key),
						value.isString() ? value.stringValue() : TraceSnapshot.JSON.writeValueAsString(value));
			}
		}
		return builder.build();
	}

	/** An instant as JSON writes it: an ISO-8601 string, or seconds with a fraction. */
	private static long epochNanos(JsonNode instant) {
		if (instant.isNumber()) {
			return instant.decimalValue().movePointRight(9).longValue();
		}
		Instant parsed = Instant.parse(instant.asString(""));
		return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
	}

}
