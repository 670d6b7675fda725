package dev.agenttracing.conformance;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.conformance.OtlpTestReceiver.Transport;

/**
 * One span as it was received over OTLP, with the resource and instrumentation scope it
 * came with. Ids are lower-case hex, as backends show them.
 *
 * @param transport how it travelled
 * @param resource the resource of the service that sent it
 * @param scope its instrumentation scope
 * @param span the span
 */
record WireSpan(Transport transport, Resource resource, InstrumentationScope scope, Span span) {

	private static final HexFormat HEX = HexFormat.of();

	String name() {
		return this.span.getName();
	}

	Span.SpanKind kind() {
		return this.span.getKind();
	}

	String traceId() {
		return HEX.formatHex(this.span.getTraceId().toByteArray());
	}

	String spanId() {
		return HEX.formatHex(this.span.getSpanId().toByteArray());
	}

	/**
	 * The parent span id.
	 * @return the id, or an empty string for a root span
	 */
	String parentSpanId() {
		return HEX.formatHex(this.span.getParentSpanId().toByteArray());
	}

	Status.StatusCode statusCode() {
		return this.span.getStatus().getCode();
	}

	/**
	 * The span's attributes, in the order they travelled.
	 * @return the attributes by key
	 */
	Map<String, AnyValue> attributes() {
		return toMap(this.span.getAttributesList());
	}

	Optional<AnyValue> attribute(String key) {
		return Optional.ofNullable(attributes().get(key));
	}

	boolean has(String key) {
		return attributes().containsKey(key);
	}

	/**
	 * A string attribute.
	 * @param key the key
	 * @return its value, or {@code null} when absent or not a string on the wire
	 */
	@Nullable String string(String key) {
		AnyValue value = attributes().get(key);
		return (value != null && value.hasStringValue()) ? value.getStringValue() : null;
	}

	/**
	 * A string array attribute.
	 * @param key the key
	 * @return its values, or {@code null} when absent or not an array on the wire
	 */
	@Nullable List<String> strings(String key) {
		AnyValue value = attributes().get(key);
		if (value == null || !value.hasArrayValue()) {
			return null;
		}
		List<String> strings = new ArrayList<>();
		value.getArrayValue().getValuesList().forEach((item) -> strings.add(item.getStringValue()));
		return strings;
	}

	/**
	 * An integer attribute.
	 * @param key the key
	 * @return its value, or {@code null} when absent or not an integer on the wire
	 */
	@Nullable Long integer(String key) {
		AnyValue value = attributes().get(key);
		return (value != null && value.hasIntValue()) ? value.getIntValue() : null;
	}

	/**
	 * A resource attribute of the service that sent the span.
	 * @param key the key
	 * @return its value as a string, or {@code null} when absent
	 */
	@Nullable String resourceString(String key) {
		AnyValue value = toMap(this.resource.getAttributesList()).get(key);
		return (value != null && value.hasStringValue()) ? value.getStringValue() : null;
	}

	/**
	 * The {@code service.name} of the service that sent the span.
	 * @return the service name
	 */
	String serviceName() {
		String name = resourceString("service.name");
		return (name != null) ? name : "";
	}

	List<Span.Event> events() {
		return this.span.getEventsList();
	}

	@Override
	public String toString() {
		return this.name() + " [" + kind().name().replace("SPAN_KIND_", "") + ", span " + spanId() + ", trace "
				+ traceId() + ", " + serviceName() + "]";
	}

	static Map<String, AnyValue> toMap(List<KeyValue> keyValues) {
		Map<String, AnyValue> map = new LinkedHashMap<>();
		for (KeyValue keyValue : keyValues) {
			map.put(keyValue.getKey(), keyValue.getValue());
		}
		return map;
	}

}
