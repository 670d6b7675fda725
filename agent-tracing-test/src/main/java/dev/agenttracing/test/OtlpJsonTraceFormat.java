package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OTLP/JSON encoding of an {@code ExportTraceServiceRequest}: {@code resourceSpans} /
 * {@code scopeSpans} / {@code spans}, hex-encoded ids, {@code intValue}s as strings or
 * numbers, enums as numbers or names. This is what the OpenTelemetry Collector's file
 * exporter writes (one request per document) and what OTLP/HTTP receivers accept with
 * {@code application/json}.
 * <p>
 * Attribute types are kept: {@code intValue} becomes a long attribute, {@code doubleValue}
 * a double, {@code arrayValue}s of one type the matching array attribute. Values that
 * OpenTelemetry Java cannot hold as attributes ({@code kvlistValue}, mixed arrays) become
 * their JSON text, {@code bytesValue} its base64 text.
 */
public final class OtlpJsonTraceFormat implements TraceFormat {

	private static final HexFormat HEX = HexFormat.of();

	@Override
	public String name() {
		return "OTLP/JSON";
	}

	@Override
	public boolean recognises(JsonNode document) {
		return document.isObject() && document.has("resourceSpans");
	}

	@Override
	public List<SpanData> read(JsonNode document) {
		if (!recognises(document)) {
			throw new IllegalArgumentException("Not an OTLP/JSON trace document: it has no resourceSpans");
		}
		List<SpanData> spans = new ArrayList<>();
		for (JsonNode resourceSpans : document.path("resourceSpans")) {
			Resource resource = Resource.create(attributes(resourceSpans.path("resource").path("attributes")));
			JsonNode scopes = resourceSpans.has("scopeSpans") ? resourceSpans.path("scopeSpans")
					: resourceSpans.path("instrumentationLibrarySpans");
			for (JsonNode scopeSpans : scopes) {
				JsonNode scope = scopeSpans.has("scope") ? scopeSpans.path("scope")
						: scopeSpans.path("instrumentationLibrary");
				InstrumentationScopeInfo scopeInfo = scope(scope);
				for (JsonNode span : scopeSpans.path("spans")) {
					spans.add(span(span, resource, scopeInfo));
				}
			}
		}
		return spans;
	}

	/**
	 * Spans as one OTLP/JSON document, grouped by resource and scope: to save a captured
	 * run as a fixture ({@code write(run.traceSpans())}).
	 * @param spans the spans
	 * @return the document, pretty-printed
	 */
	public String write(Collection<SpanData> spans) {
		Map<Resource, Map<InstrumentationScopeInfo, List<SpanData>>> grouped = new LinkedHashMap<>();
		for (SpanData span : spans) {
			grouped.computeIfAbsent(span.getResource(), (resource) -> new LinkedHashMap<>())
				.computeIfAbsent(span.getInstrumentationScopeInfo(), (scope) -> new ArrayList<>())
				.add(span);
		}
		ObjectNode document = TraceSnapshot.JSON.createObjectNode();
		ArrayNode resourceSpans = document.putArray("resourceSpans");
		grouped.forEach((resource, scopes) -> {
			ObjectNode resourceNode = resourceSpans.addObject();
			resourceNode.putObject("resource").set("attributes", keyValues(resource.getAttributes()));
			ArrayNode scopeSpans = resourceNode.putArray("scopeSpans");
			scopes.forEach((scope, scopeMembers) -> {
				ObjectNode scopeNode = scopeSpans.addObject();
				ObjectNode scopeInfo = scopeNode.putObject("scope");
				scopeInfo.put("name", scope.getName());
				if (scope.getVersion() != null) {
					scopeInfo.put("version", scope.getVersion());
				}
				ArrayNode spanNodes = scopeNode.putArray("spans");
				for (SpanData span : scopeMembers) {
					spanNodes.add(spanNode(span));
				}
			});
		});
		return TraceSnapshot.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
	}

	private static SpanData span(JsonNode span, Resource resource, InstrumentationScopeInfo scope) {
		String traceId = id(span.path("traceId"), 16, "traceId");
		String spanId = id(span.path("spanId"), 8, "spanId");
		TraceState traceState = TraceState.getDefault();
		SpanContext context = SpanContext.create(traceId, spanId, TraceFlags.getSampled(), traceState);
		String parentId = span.path("parentSpanId").asString("");
		SpanContext parent = parentId.isEmpty() ? SpanContext.getInvalid()
				: SpanContext.create(traceId, id(span.path("parentSpanId"), 8, "parentSpanId"), TraceFlags.getSampled(),
						traceState);
		Attributes attributes = attributes(span.path("attributes"));
		List<EventData> events = new ArrayList<>();
		for (JsonNode event : span.path("events")) {
			events.add(EventData.create(number(event.path("timeUnixNano")), event.path("name").asString(""),
					attributes(event.path("attributes"))));
		}
		List<LinkData> links = new ArrayList<>();
		for (JsonNode link : span.path("links")) {
			links.add(LinkData.create(SpanContext.create(id(link.path("traceId"), 16, "traceId"),
					id(link.path("spanId"), 8, "spanId"), TraceFlags.getSampled(), TraceState.getDefault()),
					attributes(link.path("attributes"))));
		}
		JsonNode status = span.path("status");
		return TestSpanData.builder()
			.setSpanContext(context)
			.setParentSpanContext(parent)
			.setResource(resource)
			.setInstrumentationScopeInfo(scope)
			.setName(span.path("name").asString(""))
			.setKind(kind(span.path("kind")))
			.setStartEpochNanos(number(span.path("startTimeUnixNano")))
			.setEndEpochNanos(number(span.path("endTimeUnixNano")))
			.setAttributes(attributes)
			.setEvents(events)
			.setLinks(links)
			.setStatus(StatusData.create(statusCode(status.path("code")), status.path("message").asString("")))
			.setHasEnded(true)
			.setTotalRecordedEvents(events.size())
			.setTotalRecordedLinks(links.size())
			.setTotalAttributeCount(attributes.size())
			.build();
	}

	private static InstrumentationScopeInfo scope(JsonNode scope) {
		String name = scope.path("name").asString("");
		String version = scope.path("version").asString("");
		return version.isEmpty() ? InstrumentationScopeInfo.create(name)
				: InstrumentationScopeInfo.builder(name).setVersion(version).build();
	}

	/** OTLP/JSON ids are hex; the generic protobuf JSON mapping writes base64, also accepted. */
	private static String id(JsonNode node, int bytes, String field) {
		String text = node.asString("");
		if (text.length() == bytes * 2 && text.chars().allMatch((c) -> Character.digit(c, 16) >= 0)) {
			return text.toLowerCase(Locale.ROOT);
		}
		try {
			byte[] decoded = Base64.getDecoder().decode(text);
			if (decoded.length == bytes) {
				return HEX.formatHex(decoded);
			}
		}
		catch (IllegalArgumentException ex) {
			// neither hex nor base64: reported below
		}
		throw new IllegalArgumentException("Invalid " + field + " '" + text + "': expected " + bytes * 2
				+ " hex digits");
	}

	private static long number(JsonNode node) {
		if (node.isNumber()) {
			return node.longValue();
		}
		String text = node.asString("");
		return text.isEmpty() ? 0 : Long.parseUnsignedLong(text);
	}

	private static SpanKind kind(JsonNode node) {
		int code = node.isNumber() ? node.intValue() : switch (node.asString("")) {
			case "SPAN_KIND_INTERNAL" -> 1;
			case "SPAN_KIND_SERVER" -> 2;
			case "SPAN_KIND_CLIENT" -> 3;
			case "SPAN_KIND_PRODUCER" -> 4;
			case "SPAN_KIND_CONSUMER" -> 5;
			default -> 0;
		};
		return switch (code) {
			case 2 -> SpanKind.SERVER;
			case 3 -> SpanKind.CLIENT;
			case 4 -> SpanKind.PRODUCER;
			case 5 -> SpanKind.CONSUMER;
			default -> SpanKind.INTERNAL;
		};
	}

	private static StatusCode statusCode(JsonNode node) {
		int code = node.isNumber() ? node.intValue() : switch (node.asString("")) {
			case "STATUS_CODE_OK" -> 1;
			case "STATUS_CODE_ERROR" -> 2;
			default -> 0;
		};
		return switch (code) {
			case 1 -> StatusCode.OK;
			case 2 -> StatusCode.ERROR;
			default -> StatusCode.UNSET;
		};
	}

	private static Attributes attributes(JsonNode keyValues) {
		AttributesBuilder builder = Attributes.builder();
		for (JsonNode keyValue : keyValues) {
			put(builder, keyValue.path("key").asString(""), keyValue.path("value"));
		}
		return builder.build();
	}

	private static void put(AttributesBuilder builder, String key, JsonNode value) {
		if (value.has("stringValue")) {
			builder.put(AttributeKey.stringKey(key), value.path("stringValue").asString(""));
		}
		else if (value.has("boolValue")) {
			builder.put(AttributeKey.booleanKey(key), value.path("boolValue").asBoolean());
		}
		else if (value.has("intValue")) {
			builder.put(AttributeKey.longKey(key), number(value.path("intValue")));
		}
		else if (value.has("doubleValue")) {
			builder.put(AttributeKey.doubleKey(key), decimal(value.path("doubleValue")));
		}
		else if (value.has("arrayValue")) {
			putArray(builder, key, value.path("arrayValue").path("values"));
		}
		else if (value.has("kvlistValue")) {
			builder.put(AttributeKey.stringKey(key), TraceSnapshot.JSON.writeValueAsString(plain(value)));
		}
		else if (value.has("bytesValue")) {
			builder.put(AttributeKey.stringKey(key), value.path("bytesValue").asString(""));
		}
	}

	private static void putArray(AttributesBuilder builder, String key, JsonNode values) {
		Set<String> types = new HashSet<>();
		for (JsonNode value : values) {
			types.add(value.properties().isEmpty() ? "" : value.properties().iterator().next().getKey());
		}
		String type = (types.size() == 1) ? types.iterator().next()
				: types.equals(Set.of("intValue", "doubleValue")) ? "doubleValue" : types.isEmpty() ? null : "mixed";
		if (type == null || type.equals("stringValue")) {
			List<String> strings = new ArrayList<>();
			values.forEach((value) -> strings.add(value.path("stringValue").asString("")));
			builder.put(AttributeKey.stringArrayKey(key), strings);
		}
		else if (type.equals("boolValue")) {
			List<Boolean> booleans = new ArrayList<>();
			values.forEach((value) -> booleans.add(value.path("boolValue").asBoolean()));
			builder.put(AttributeKey.booleanArrayKey(key), booleans);
		}
		else if (type.equals("intValue")) {
			List<Long> longs = new ArrayList<>();
			values.forEach((value) -> longs.add(number(value.path("intValue"))));
			builder.put(AttributeKey.longArrayKey(key), longs);
		}
		else if (type.equals("doubleValue")) {
			List<Double> doubles = new ArrayList<>();
			values.forEach((value) -> doubles.add(value.has("intValue") ? (double) number(value.path("intValue"))
					: decimal(value.path("doubleValue"))));
			builder.put(AttributeKey.doubleArrayKey(key), doubles);
		}
		else {
			List<String> texts = new ArrayList<>();
			values.forEach((value) -> texts.add(TraceSnapshot.JSON.writeValueAsString(plain(value))));
			builder.put(AttributeKey.stringArrayKey(key), texts);
		}
	}

	private static double decimal(JsonNode node) {
		return node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asString("0"));
	}

	/** An AnyValue as plain JSON, for values that attributes cannot hold. */
	private static JsonNode plain(JsonNode anyValue) {
		if (anyValue.has("kvlistValue")) {
			ObjectNode object = TraceSnapshot.JSON.createObjectNode();
			for (JsonNode keyValue : anyValue.path("kvlistValue").path("values")) {
				object.set(keyValue.path("key").asString(""), plain(keyValue.path("value")));
			}
			return object;
		}
		if (anyValue.has("arrayValue")) {
			ArrayNode array = TraceSnapshot.JSON.createArrayNode();
			for (JsonNode value : anyValue.path("arrayValue").path("values")) {
				array.add(plain(value));
			}
			return array;
		}
		if (anyValue.has("intValue")) {
			return TraceSnapshot.JSON.valueToTree(number(anyValue.path("intValue")));
		}
		for (String field : List.of("stringValue", "boolValue", "doubleValue", "bytesValue")) {
			if (anyValue.has(field)) {
				return anyValue.path(field);
			}
		}
		return TraceSnapshot.JSON.nullNode();
	}

	private static ObjectNode spanNode(SpanData span) {
		ObjectNode node = TraceSnapshot.JSON.createObjectNode();
		node.put("traceId", span.getTraceId());
		node.put("spanId", span.getSpanId());
		if (span.getParentSpanContext().isValid()) {
			node.put("parentSpanId", span.getParentSpanId());
		}
		node.put("name", span.getName());
		node.put("kind", switch (span.getKind()) {
			case INTERNAL -> 1;
			case SERVER -> 2;
			case CLIENT -> 3;
			case PRODUCER -> 4;
			case CONSUMER -> 5;
		});
		node.put("startTimeUnixNano", Long.toUnsignedString(span.getStartEpochNanos()));
		node.put("endTimeUnixNano", Long.toUnsignedString(span.getEndEpochNanos()));
		node.set("attributes", keyValues(span.getAttributes()));
		if (!span.getEvents().isEmpty()) {
			ArrayNode events = node.putArray("events");
			for (EventData event : span.getEvents()) {
				ObjectNode eventNode = events.addObject();
				eventNode.put("timeUnixNano", Long.toUnsignedString(event.getEpochNanos()));
				eventNode.put("name", event.getName());
				eventNode.set("attributes", keyValues(event.getAttributes()));
			}
		}
		if (!span.getLinks().isEmpty()) {
			ArrayNode links = node.putArray("links");
			for (LinkData link : span.getLinks()) {
				ObjectNode linkNode = links.addObject();
				linkNode.put("traceId", link.getSpanContext().getTraceId());
				linkNode.put("spanId", link.getSpanContext().getSpanId());
				linkNode.set("attributes", keyValues(link.getAttributes()));
			}
		}
		ObjectNode status = node.putObject("status");
		StatusData statusData = span.getStatus();
		if (statusData.getStatusCode() != StatusCode.UNSET) {
			status.put("code", (statusData.getStatusCode() == StatusCode.OK) ? 1 : 2);
		}
		if (!statusData.getDescription().isEmpty()) {
			status.put("message", statusData.getDescription());
		}
		return node;
	}

	private static ArrayNode keyValues(Attributes attributes) {
		ArrayNode keyValues = TraceSnapshot.JSON.createArrayNode();
		attributes.forEach((key, value) -> {
			ObjectNode keyValue = keyValues.addObject();
			keyValue.put("key", key.getKey());
			keyValue.set("value", anyValue(value));
		});
		return keyValues;
	}

	private static ObjectNode anyValue(Object value) {
		ObjectNode node = TraceSnapshot.JSON.createObjectNode();
		if (value instanceof String text) {
			node.put("stringValue", text);
		}
		else if (value instanceof Boolean bool) {
			node.put("boolValue", bool);
		}
		else if (value instanceof Long number) {
			// OTLP/JSON writes 64-bit integers as strings.
			node.put("intValue", Long.toString(number));
		}
		else if (value instanceof Double number) {
			node.put("doubleValue", number);
		}
		else if (value instanceof List<?> list) {
			ArrayNode values = node.putObject("arrayValue").putArray("values");
			for (Object element : list) {
				values.add(anyValue(element));
			}
		}
		else {
			node.put("stringValue", String.valueOf(value));
		}
		return node;
	}

}
