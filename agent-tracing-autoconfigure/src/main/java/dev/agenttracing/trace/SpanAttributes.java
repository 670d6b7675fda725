package dev.agenttracing.trace;

import java.util.List;

import io.micrometer.tracing.Span;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Writes typed attributes and events on a span that is being built or is open. Values
 * keep the type their {@link AttributeKey} declares: integers stay integers, arrays stay
 * arrays. A {@code null} value writes nothing.
 */
public abstract class SpanAttributes {

	private static final boolean OTEL_BRIDGE_PRESENT = ClassUtils
		.isPresent("io.micrometer.tracing.otel.bridge.OtelSpan", SpanAttributes.class.getClassLoader());

	/**
	 * Write one attribute.
	 * @param key the typed key
	 * @param value the value, or {@code null} to write nothing
	 * @param <T> the attribute type
	 * @return this
	 */
	@SuppressWarnings("unchecked")
	public <T> SpanAttributes put(AttributeKey<T> key, @Nullable T value) {
		if (value == null) {
			return this;
		}
		String name = key.getKey();
		switch (key.getType()) {
			case STRING -> putString(name, (String) value);
			case LONG -> putLong(name, ((Number) value).longValue());
			case DOUBLE -> putDouble(name, ((Number) value).doubleValue());
			case BOOLEAN -> putBoolean(name, (Boolean) value);
			case STRING_ARRAY -> putStrings(name, (List<String>) value);
			default -> putString(name, String.valueOf(value));
		}
		return this;
	}

	/**
	 * Write a long attribute from a nullable number (as found in Spring AI's API).
	 * @param key the key
	 * @param value the value, or {@code null} to write nothing
	 * @return this
	 */
	public SpanAttributes putLong(AttributeKey<Long> key, @Nullable Number value) {
		return (value != null) ? put(key, value.longValue()) : this;
	}

	/**
	 * Write an event with attributes. Where the tracer is not OpenTelemetry's, the event is
	 * written without its attributes.
	 * @param name the event name
	 * @param attributes its attributes
	 */
	public abstract void event(String name, Attributes attributes);

	/**
	 * Write an event that happened at a given time.
	 * @param name the event name
	 * @param attributes its attributes
	 * @param time when it happened
	 */
	public abstract void event(String name, Attributes attributes, java.time.Instant time);

	/**
	 * Attributes from a map of plain values, typed by the values' classes (String,
	 * integral numbers as long, other numbers as double, Boolean, lists as string arrays).
	 * @param values the values
	 * @return the attributes
	 */
	public static Attributes attributesOf(java.util.Map<String, Object> values) {
		io.opentelemetry.api.common.AttributesBuilder builder = Attributes.builder();
		values.forEach((key, value) -> {
			if (value instanceof Long || value instanceof Integer || value instanceof Short) {
				builder.put(key, ((Number) value).longValue());
			}
			else if (value instanceof Number number) {
				builder.put(key, number.doubleValue());
			}
			else if (value instanceof Boolean bool) {
				builder.put(key, bool);
			}
			else if (value instanceof List<?> list) {
				builder.put(AttributeKey.stringArrayKey(key), list.stream().map(String::valueOf).toList());
			}
			else if (value != null) {
				builder.put(key, String.valueOf(value));
			}
		});
		return builder.build();
	}

	/**
	 * The trace id of the span, or an empty string while it is being built.
	 * @return the trace id
	 */
	public abstract String traceId();

	protected abstract void putString(String key, String value);

	protected abstract void putLong(String key, long value);

	protected abstract void putDouble(String key, double value);

	protected abstract void putBoolean(String key, boolean value);

	protected abstract void putStrings(String key, List<String> values);

	/**
	 * End an OpenTelemetry span without touching its status.
	 * @param span the span
	 * @return whether the span was ended (false where the tracer is not OpenTelemetry's)
	 */
	static boolean endKeepingStatus(Span span) {
		if (OTEL_BRIDGE_PRESENT && span instanceof io.micrometer.tracing.otel.bridge.OtelSpan) {
			io.micrometer.tracing.otel.bridge.OtelSpan.toOtel(span).end();
			return true;
		}
		return false;
	}

	static SpanAttributes of(Span.Builder builder) {
		return new BuilderAttributes(builder);
	}

	static SpanAttributes of(Span span) {
		return new OpenSpanAttributes(span);
	}

	private static final class BuilderAttributes extends SpanAttributes {

		private final Span.Builder builder;

		BuilderAttributes(Span.Builder builder) {
			this.builder = builder;
		}

		@Override
		public void event(String name, Attributes attributes) {
			this.builder.event(name);
		}

		@Override
		public void event(String name, Attributes attributes, java.time.Instant time) {
			this.builder.event(name);
		}

		@Override
		public String traceId() {
			return "";
		}

		@Override
		protected void putString(String key, String value) {
			this.builder.tag(key, value);
		}

		@Override
		protected void putLong(String key, long value) {
			this.builder.tag(key, value);
		}

		@Override
		protected void putDouble(String key, double value) {
			this.builder.tag(key, value);
		}

		@Override
		protected void putBoolean(String key, boolean value) {
			this.builder.tag(key, value);
		}

		@Override
		protected void putStrings(String key, List<String> values) {
			this.builder.tagOfStrings(key, values);
		}

	}

	private static final class OpenSpanAttributes extends SpanAttributes {

		private final Span span;

		OpenSpanAttributes(Span span) {
			this.span = span;
		}

		@Override
		public void event(String name, Attributes attributes) {
			if (OTEL_BRIDGE_PRESENT && this.span instanceof io.micrometer.tracing.otel.bridge.OtelSpan) {
				io.micrometer.tracing.otel.bridge.OtelSpan.toOtel(this.span).addEvent(name, attributes);
			}
			else {
				this.span.event(name);
			}
		}

		@Override
		public void event(String name, Attributes attributes, java.time.Instant time) {
			if (OTEL_BRIDGE_PRESENT && this.span instanceof io.micrometer.tracing.otel.bridge.OtelSpan) {
				io.micrometer.tracing.otel.bridge.OtelSpan.toOtel(this.span).addEvent(name, attributes, time);
			}
			else {
				this.span.event(name, time.toEpochMilli(), java.util.concurrent.TimeUnit.MILLISECONDS);
			}
		}

		@Override
		public String traceId() {
			return this.span.context().traceId();
		}

		@Override
		protected void putString(String key, String value) {
			this.span.tag(key, value);
		}

		@Override
		protected void putLong(String key, long value) {
			this.span.tag(key, value);
		}

		@Override
		protected void putDouble(String key, double value) {
			this.span.tag(key, value);
		}

		@Override
		protected void putBoolean(String key, boolean value) {
			this.span.tag(key, value);
		}

		@Override
		protected void putStrings(String key, List<String> values) {
			this.span.tagOfStrings(key, values);
		}

	}

}
