package dev.agenttracing.redaction;

import java.io.Writer;
import java.util.Map;
import java.util.function.BinaryOperator;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Redaction of a JSON document, token by token (no tree, no recursion): names and string
 * values are redacted as text, with the field's name as their context (as the key before
 * a value is in text), a number that holds a sensitive value (a card number written as a
 * number) becomes the replacement string, and the value of a field whose name matches a
 * {@link FieldNameRules rule}, or is secret-ish as the secret detector judges keys in
 * text ({@link SecretKeys}), is replaced whole, whatever it holds, unless it is a boolean
 * or a stand-in such as a placeholder. The output is compact JSON.
 */
final class JacksonJsonRedaction {

	/** Nesting deeper than this is not read as JSON: the input is redacted as text. */
	private static final int MAX_DEPTH = 100_000;

	private static final JsonFactory FACTORY = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(MAX_DEPTH)
			.maxStringLength(Integer.MAX_VALUE)
			.build())
		.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
		.build();

	private final FieldNameRules fieldNames;

	private final AllowList allowList;

	private final Replacements replacements;

	private final boolean secretKeys;

	JacksonJsonRedaction(FieldNameRules fieldNames, boolean secretKeys, AllowList allowList, Replacements replacements) {
		this.fieldNames = fieldNames;
		this.secretKeys = secretKeys;
		this.allowList = allowList;
		this.replacements = replacements;
	}

	/**
	 * Redact a document.
	 * @param json the document
	 * @param redactText redacts text (the second argument) in the context of a field name
	 * (the first, or {@code null}), making it well-formed, adding to the counts
	 * @param counts where field-name redactions are counted
	 * @return the redacted document
	 * @throws RuntimeException when the input is not one valid JSON value
	 */
	String redact(String json, BinaryOperator<@Nullable String> redactText, Map<String, Integer> counts) {
		StringBuilderWriter out = new StringBuilderWriter(json.length() + 16);
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json);
				JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
			int depth = 0;
			@Nullable String maskedField = null;
			@Nullable String field = null;
			JsonToken token = parser.nextToken();
			if (token == null) {
				throw new IllegalArgumentException("No JSON value");
			}
			while (token != null) {
				String masked = maskedField;
				maskedField = null;
				switch (token) {
					case START_OBJECT, START_ARRAY -> {
						if (masked != null) {
							generator.writeString(this.replacements.replace(masked, structureText(parser)));
							counts.merge(masked, 1, Integer::sum);
						}
						else {
							depth++;
							if (token == JsonToken.START_OBJECT) {
								generator.writeStartObject();
							}
							else {
								generator.writeStartArray();
							}
						}
					}
					case END_OBJECT -> {
						depth--;
						generator.writeEndObject();
					}
					case END_ARRAY -> {
						depth--;
						generator.writeEndArray();
					}
					case PROPERTY_NAME -> {
						String name = parser.currentName();
						field = name;
						maskedField = this.fieldNames.match(name);
						if (maskedField == null && this.secretKeys && SecretKeys.isSecretKey(name)) {
							maskedField = BuiltInDetector.SECRET.detectorName();
						}
						generator.writeName(redactText.apply(null, name));
					}
					case VALUE_NULL -> generator.writeNull();
					default -> writeScalar(parser, generator, token, masked, field, redactText, counts);
				}
				token = parser.nextToken();
				if (depth == 0 && token != null) {
					throw new IllegalArgumentException("More than one JSON value");
				}
			}
		}
		return out.toString();
	}

	private void writeScalar(JsonParser parser, JsonGenerator generator, JsonToken token, @Nullable String masked,
			@Nullable String field, BinaryOperator<@Nullable String> redactText, Map<String, Integer> counts) {
		String text = parser.getText();
		boolean bool = token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
		if (masked != null && !bool && !SecretKeys.isStandIn(text, 0, text.length())
				&& !this.allowList.allows(text)) {
			generator.writeString(this.replacements.replace(masked, text));
			counts.merge(masked, 1, Integer::sum);
			return;
		}
		if (token == JsonToken.VALUE_STRING) {
			generator.writeString(redactText.apply(field, text));
			return;
		}
		String redacted = bool ? text : redactText.apply(field, text);
		if (!redacted.equals(text)) {
			// A number cannot hold a replacement: it becomes a string.
			generator.writeString(redacted);
		}
		else if (bool) {
			generator.writeBoolean(token == JsonToken.VALUE_TRUE);
		}
		else {
			generator.writeNumber(text);
		}
	}

	/** The tokens of the structure starting at the current token, as the text to hash. */
	private static String structureText(JsonParser parser) {
		StringBuilder text = new StringBuilder();
		int depth = 0;
		JsonToken token = parser.currentToken();
		do {
			if (token.isStructStart()) {
				depth++;
			}
			else if (token.isStructEnd()) {
				depth--;
			}
			text.append(switch (token) {
				case PROPERTY_NAME -> parser.currentName() + ":";
				case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL ->
					parser.getText() + ",";
				default -> token.asString();
			});
			if (depth > 0) {
				token = parser.nextToken();
			}
		}
		while (depth > 0 && token != null);
		return text.toString();
	}

	/**
	 * A writer into a string builder: {@code StringWriter} without the locking of its
	 * {@code StringBuffer}.
	 */
	private static final class StringBuilderWriter extends Writer {

		private final StringBuilder builder;

		StringBuilderWriter(int capacity) {
			this.builder = new StringBuilder(capacity);
		}

		@Override
		public void write(char[] chars, int offset, int length) {
			this.builder.append(chars, offset, length);
		}

		@Override
		public void write(String string, int offset, int length) {
			this.builder.append(string, offset, offset + length);
		}

		@Override
		public void write(int c) {
			this.builder.append((char) c);
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
