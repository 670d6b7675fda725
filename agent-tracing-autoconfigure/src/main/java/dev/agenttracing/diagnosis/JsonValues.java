package dev.agenttracing.diagnosis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the detectors need to know about tool arguments and results: whether a result is
 * empty, a canonical form of arguments, whether text is valid JSON.
 */
final class JsonValues {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Longest JSON result judged; a longer one is taken as not empty. */
	static final int MAX_JUDGED_JSON = 512;

	/**
	 * Whole results that say there is nothing, compared lower-cased, trimmed and without
	 * end punctuation. Short on purpose: a longer sentence may carry a value.
	 */
	static final Set<String> NO_RESULTS = Set.of("no results", "no result", "no results found", "no result found",
			"not found", "nothing found", "no matches", "no match", "no matches found", "no match found", "no data",
			"no data found", "no records", "no records found", "no documents found", "none found", "0 results",
			"n/a", "null", "undefined");

	private JsonValues() {
	}

	/**
	 * Whether a tool result as text is empty: blank, a "no results" sentence, JSON
	 * {@code null}, or JSON whose values are all empty (recursively). {@code 0},
	 * {@code false} and {@code "none"} are values.
	 */
	static boolean isEmptyText(@Nullable String text) {
		if (text == null) {
			return true;
		}
		String trimmed = text.strip();
		if (trimmed.isEmpty() || isNoResults(trimmed)) {
			return true;
		}
		char first = trimmed.charAt(0);
		if (first == '"') {
			JsonNode node = parse(trimmed);
			return node != null && isEmpty(node, 0);
		}
		// A long JSON result with no value at all is rare: not worth reading every large result.
		if (trimmed.length() <= MAX_JUDGED_JSON && (first == '{' || first == '[')) {
			return hasNoValue(trimmed) && isWellFormed(trimmed);
		}
		return false;
	}

	/**
	 * Whether JSON text holds no value: no number, no boolean, no string value that is not
	 * blank (keys do not count); read without parsing, so without allocating.
	 */
	private static boolean hasNoValue(String json) {
		int length = json.length();
		int i = 0;
		while (i < length) {
			char c = json.charAt(i);
			if (c == '"') {
				int end = i + 1;
				boolean blank = true;
				while (end < length && json.charAt(end) != '"') {
					char inside = json.charAt(end);
					if (inside == '\\') {
						blank = false;
						end++;
					}
					else if (!Character.isWhitespace(inside)) {
						blank = false;
					}
					end++;
				}
				int next = end + 1;
				while (next < length && Character.isWhitespace(json.charAt(next))) {
					next++;
				}
				boolean key = next < length && json.charAt(next) == ':';
				if (!key && !blank) {
					return false;
				}
				i = end + 1;
			}
			else if (c == 'n' && json.startsWith("null", i)) {
				i += 4;
			}
			else if ("{}[],: \t\r\n".indexOf(c) >= 0) {
				i++;
			}
			else {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a tool method's return value is empty: an empty or blank string (or a "no
	 * results" one), an empty {@code Optional}, collection, map or array. {@code null} is
	 * not judged: a {@code void} method returns it too.
	 */
	static boolean isEmptyObject(@Nullable Object value) {
		if (value == null) {
			return false;
		}
		if (value instanceof CharSequence text) {
			return isEmptyText(text.toString());
		}
		if (value instanceof Optional<?> optional) {
			return optional.isEmpty();
		}
		if (value instanceof Collection<?> collection) {
			return collection.isEmpty();
		}
		if (value instanceof Map<?, ?> map) {
			return map.isEmpty();
		}
		if (value.getClass().isArray()) {
			return java.lang.reflect.Array.getLength(value) == 0;
		}
		return false;
	}

	private static boolean isNoResults(String trimmed) {
		if (trimmed.length() > 24) {
			return false;
		}
		String plain = trimmed.toLowerCase(Locale.ROOT);
		while (!plain.isEmpty() && ".!".indexOf(plain.charAt(plain.length() - 1)) >= 0) {
			plain = plain.substring(0, plain.length() - 1);
		}
		return NO_RESULTS.contains(plain.strip());
	}

	private static boolean isEmpty(JsonNode node, int depth) {
		if (depth > 32) {
			return false;
		}
		if (node.isNull() || node.isMissingNode()) {
			return true;
		}
		if (node.isString()) {
			String text = node.asString();
			return text.isBlank() || (depth == 0 && isNoResults(text.strip()));
		}
		if (node.isObject() || node.isArray()) {
			for (JsonNode child : node) {
				if (!isEmpty(child, depth + 1)) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	/**
	 * Arguments in a canonical form: JSON with its object keys sorted and its numbers
	 * normalised ({@code 1.0} is {@code 1}); the text itself, stripped, when it is not
	 * JSON.
	 */
	static String canonical(@Nullable String arguments) {
		if (arguments == null) {
			return "";
		}
		String trimmed = arguments.strip();
		if (trimmed.isEmpty()) {
			return "{}";
		}
		JsonNode node = parse(trimmed);
		if (node == null) {
			return trimmed;
		}
		StringBuilder out = new StringBuilder(trimmed.length());
		write(node, out, 0);
		return out.toString();
	}

	/**
	 * The canonical form of the arguments of an {@code @AgentTool} method.
	 */
	static String canonical(Map<String, ?> arguments) {
		return new TreeMap<>(arguments).toString();
	}

	private static void write(JsonNode node, StringBuilder out, int depth) {
		if (depth > 32) {
			out.append(node);
			return;
		}
		if (node.isObject()) {
			TreeMap<String, JsonNode> sorted = new TreeMap<>();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				sorted.put(property.getKey(), property.getValue());
			}
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> property : sorted.entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				out.append('"').append(property.getKey()).append("\":");
				write(property.getValue(), out, depth + 1);
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			boolean first = true;
			for (JsonNode child : node) {
				if (!first) {
					out.append(',');
				}
				first = false;
				write(child, out, depth + 1);
			}
			out.append(']');
		}
		else if (node.isNumber()) {
			out.append(node.decimalValue().stripTrailingZeros().toPlainString());
		}
		else {
			out.append(node);
		}
	}

	/**
	 * Whether text is a whole JSON value: the tool-call arguments of a model's answer cut
	 * by its token limit are not. Blank arguments count as none, which is valid.
	 */
	static boolean isValidJson(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return true;
		}
		String trimmed = text.strip();
		char first = trimmed.charAt(0);
		if (first == '{' || first == '[') {
			return isWellFormed(trimmed);
		}
		return parse(trimmed) != null;
	}

	/**
	 * Whether an object or array closes where the text ends, with its strings closed: what
	 * a cut leaves broken. Read without parsing; what it lets through the model's tool call
	 * fails on anyway.
	 */
	static boolean isWellFormed(String json) {
		int depth = 0;
		boolean inString = false;
		int length = json.length();
		for (int i = 0; i < length; i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{' || c == '[') {
				depth++;
			}
			else if (c == '}' || c == ']') {
				depth--;
				if (depth < 0 || (depth == 0 && i != length - 1)) {
					return false;
				}
			}
		}
		return !inString && depth == 0;
	}

	private static @Nullable JsonNode parse(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}


}
