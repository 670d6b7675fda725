package dev.agenttracing.text;

import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * How captured JSON is read and written. Reading goes through Jackson's streaming parser
 * (no tree, no recursion, so nesting depth costs no stack); writing is done by hand so
 * that the size of the output is known exactly while it is produced. Written strings are
 * well-formed (see {@link WellFormedText}), which makes the escaped length of a character
 * independent of its neighbours.
 */
public final class JsonText {

	/**
	 * Nesting deeper than this is not read at all: the input is handled as text. The
	 * output never comes near it (see {@link ContentTruncator#DEFAULT_MAX_DEPTH}).
	 */
	private static final int MAX_READ_DEPTH = 100_000;

	private static final JsonFactory FACTORY = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(MAX_READ_DEPTH)
			.maxStringLength(Integer.MAX_VALUE)
			.build())
		.build();

	private JsonText() {
	}

	static JsonParser parser(String json) {
		return FACTORY.createParser(ObjectReadContext.empty(), json);
	}

	/**
	 * Escaped length of one character of a string that is made well-formed while written.
	 */
	static int escapedLength(char c) {
		return switch (c) {
			case '"', '\\', '\n', '\r', '\t' -> 2;
			default -> 1;
		};
	}

	static long escapedLength(char[] chars, int offset, int length) {
		long total = 0;
		for (int i = offset; i < offset + length; i++) {
			total += escapedLength(chars[i]);
		}
		return total;
	}

	static long escapedLength(String text) {
		long total = 0;
		for (int i = 0; i < text.length(); i++) {
			total += escapedLength(text.charAt(i));
		}
		return total;
	}

	/**
	 * Append the characters {@code [from, to)} escaped, with lone surrogates and control
	 * characters made well-formed.
	 */
	static void appendEscaped(StringBuilder out, CharSequence text, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
						out.append(c).append(text.charAt(++i));
					}
					else if (WellFormedText.isIllFormed(c)) {
						out.append(WellFormedText.REPLACEMENT_CHARACTER);
					}
					else {
						out.append(c);
					}
				}
			}
		}
	}

	public static void appendQuoted(StringBuilder out, CharSequence text) {
		out.append('"');
		appendEscaped(out, text, 0, text.length());
		out.append('"');
	}

}
