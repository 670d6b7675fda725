package dev.agenttracing.capture;

import dev.agenttracing.text.JsonText;
import dev.agenttracing.text.ContentTruncator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.module.SimpleSerializers;
import tools.jackson.databind.ser.std.StdSerializer;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Turns the arguments and results of tools (any Java object) into JSON for capture,
 * without ever failing the tool and without side effects on the value.
 * <p>
 * Values are written by Jackson with its defaults for beans, records, collections, maps
 * and {@code java.time}. Values that must not be consumed or that cannot be captured
 * (streams, iterators, readers, input streams, futures, reactive publishers) are written
 * as a placeholder string naming their type. A self-reference is written as {@code null};
 * longer cycles and nesting deeper than {@link #MAX_DEPTH} fail the serialization. When
 * serialization fails (a getter throws, a cycle), the value's {@code toString()} is
 * captured as a JSON string; when that fails too, a placeholder. Output longer than the
 * limit is stopped there and closed into valid JSON.
 */
public final class ContentSerializer {

	/** Object graphs nested deeper than this are taken as cyclic. */
	public static final int MAX_DEPTH = 64;

	private static final String PLACEHOLDER_PREFIX = "[not captured: ";

	private static final String[] PUBLISHER_TYPES = { "org.reactivestreams.Publisher",
			"java.util.concurrent.Flow$Publisher" };

	private final JsonMapper mapper;

	private final ContentTruncator truncator;

	private ContentSerializer(ContentTruncator truncator) {
		this.truncator = truncator;
		JsonFactory factory = JsonFactory.builder()
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
			.build();
		this.mapper = JsonMapper.builder(factory)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.disable(SerializationFeature.FAIL_ON_SELF_REFERENCES)
			.enable(SerializationFeature.WRITE_SELF_REFERENCES_AS_NULL)
			.disable(SerializationFeature.CLOSE_CLOSEABLE)
			.addModule(new SimpleModule("agent-tracing-capture").setSerializers(new UncapturableValues()))
			.build();
	}

	/**
	 * A serializer.
	 * @param maxChars the most characters of JSON it returns, at least
	 * {@link ContentTruncator#MIN_MAX_CHARS}; choose it well above the captured attribute
	 * size so that later truncation can shorten strings rather than drop values
	 * @return the serializer
	 */
	public static ContentSerializer create(int maxChars) {
		return new ContentSerializer(ContentTruncator.create(maxChars));
	}

	/**
	 * The value as JSON.
	 * @param value any value; a {@code String} becomes a JSON string (pass JSON text to
	 * {@link ContentTruncator#truncateJson(String)} instead)
	 * @return valid JSON, at most the limit long; never throws
	 */
	public String toJson(@Nullable Object value) {
		int maxChars = this.truncator.maxChars();
		BoundedWriter writer = new BoundedWriter(maxChars);
		try {
			this.mapper.writeValue(writer, value);
			return writer.toString();
		}
		catch (JacksonException | StackOverflowError ex) {
			if (writer.full) {
				return this.truncator.closeJsonPrefix(writer.toString());
			}
			return describe(value);
		}
		catch (RuntimeException ex) {
			return describe(value);
		}
	}

	private String describe(@Nullable Object value) {
		try {
			return quote(this.truncator.truncateText(String.valueOf(value)).value());
		}
		catch (RuntimeException | StackOverflowError ex) {
			return quote(placeholder((value != null) ? value.getClass() : Object.class));
		}
	}

	private static String quote(String text) {
		StringBuilder builder = new StringBuilder(text.length() + 16);
		JsonText.appendQuoted(builder, text);
		return builder.toString();
	}

	private static String placeholder(Class<?> type) {
		String name = type.getName();
		return PLACEHOLDER_PREFIX + name.substring(0, Math.min(name.length(), 200)) + "]";
	}

	private static boolean isPublisher(Class<?> type) {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			for (Class<?> contract : current.getInterfaces()) {
				if (Arrays.asList(PUBLISHER_TYPES).contains(contract.getName()) || isPublisher(contract)) {
					return true;
				}
			}
		}
		return false;
	}

	/** Values that reading would consume, block on or never finish. */
	private static final class UncapturableValues extends SimpleSerializers {

		private static final Class<?>[] TYPES = { BaseStream.class, Iterator.class, Spliterator.class,
				InputStream.class, Reader.class, Future.class };

		@Override
		public @Nullable ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
				BeanDescription.Supplier beanDescription, JsonFormat.@Nullable Value format) {
			Class<?> raw = type.getRawClass();
			for (Class<?> uncapturable : TYPES) {
				if (uncapturable.isAssignableFrom(raw)) {
					return PlaceholderSerializer.INSTANCE;
				}
			}
			return isPublisher(raw) ? PlaceholderSerializer.INSTANCE : null;
		}

	}

	private static final class PlaceholderSerializer extends StdSerializer<Object> {

		static final PlaceholderSerializer INSTANCE = new PlaceholderSerializer();

		private PlaceholderSerializer() {
			super(Object.class);
		}

		@Override
		public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(placeholder(value.getClass()));
		}

	}

	/** Keeps at most a number of characters and then fails the serialization. */
	private static final class BoundedWriter extends Writer {

		private final StringBuilder builder = new StringBuilder();

		private final int maxChars;

		private boolean full;

		BoundedWriter(int maxChars) {
			this.maxChars = maxChars;
		}

		@Override
		public void write(char[] chars, int offset, int length) throws IOException {
			int room = this.maxChars - this.builder.length();
			if (length > room) {
				this.builder.append(chars, offset, Math.max(0, room));
				this.full = true;
				throw new IOException("Captured content reached " + this.maxChars + " characters");
			}
			this.builder.append(chars, offset, length);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return this.builder.toString();
		}

	}

}
