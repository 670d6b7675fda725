package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Compares JSON documents as JSON: the keys of an object in any order, the elements of
 * an array in theirs. A string that holds a JSON object or array (a tool result, captured
 * messages, and a tool result quoted again inside the next model call's messages) is
 * compared as the JSON it holds, at any depth. Values keep their types: {@code 3} is not
 * {@code 3.0} nor {@code "3"}.
 * <p>
 * A tool that returns a {@code Map.of(...)} has its keys serialised in an order that
 * changes from one JVM to the next ({@code Map.of} iterates from a per-JVM random salt);
 * compared this way, its golden trace does not.
 */
final class JsonComparison {

	private static final JsonMapper JSON = TraceSnapshot.JSON;

	/** Characters of a value shown in a difference. */
	private static final int SHOWN_VALUE_LENGTH = 120;

	private JsonComparison() {
	}

	/** Whether two documents are the same JSON. */
	static boolean same(JsonNode expected, JsonNode actual) {
		return canonical(expected).equals(canonical(actual));
	}

	/**
	 * The document with the keys of every object sorted and every string that holds JSON
	 * rewritten the same way, compactly: two documents are the same JSON exactly when their
	 * canonical forms are equal.
	 */
	static JsonNode canonical(JsonNode node) {
		if (node.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				sorted.put(property.getKey(), canonical(property.getValue()));
			}
			ObjectNode object = JSON.createObjectNode();
			sorted.forEach(object::set);
			return object;
		}
		if (node.isArray()) {
			ArrayNode array = JSON.createArrayNode();
			node.values().forEach((element) -> array.add(canonical(element)));
			return array;
		}
		if (node.isString()) {
			JsonNode held = heldJson(node.stringValue());
			return (held != null) ? StringNode.valueOf(JSON.writeValueAsString(canonical(held))) : node;
		}
		return node;
	}

	/**
	 * The actual document written as close to the expected one as the same JSON allows:
	 * wherever a part is the same JSON as the expected part, the expected part's text (its
	 * key order) is used, so that a line diff of the two shows only what really differs.
	 */
	static JsonNode aligned(JsonNode expected, JsonNode actual) {
		if (same(expected, actual)) {
			return expected;
		}
		if (expected.isObject() && actual.isObject()) {
			ObjectNode object = JSON.createObjectNode();
			for (Map.Entry<String, JsonNode> property : expected.properties()) {
				JsonNode other = actual.get(property.getKey());
				if (other != null) {
					object.set(property.getKey(), aligned(property.getValue(), other));
				}
			}
			for (Map.Entry<String, JsonNode> property : actual.properties()) {
				if (!expected.has(property.getKey())) {
					object.set(property.getKey(), property.getValue());
				}
			}
			return object;
		}
		if (expected.isArray() && actual.isArray()) {
			ArrayNode array = JSON.createArrayNode();
			for (int i = 0; i < actual.size(); i++) {
				array.add((i < expected.size()) ? aligned(expected.get(i), actual.get(i)) : actual.get(i));
			}
			return array;
		}
		if (expected.isString() && actual.isString()) {
			JsonNode expectedHeld = heldJson(expected.stringValue());
			JsonNode actualHeld = heldJson(actual.stringValue());
			if (expectedHeld != null && actualHeld != null) {
				return StringNode.valueOf(JSON.writeValueAsString(aligned(expectedHeld, actualHeld)));
			}
		}
		return actual;
	}

	/**
	 * Where two documents differ, as JSON paths with the expected and actual values. A
	 * path goes on into JSON held in a string after {@code ->}; an element of a
	 * {@code children} array is followed by its span name.
	 * @param limit how many differences to list at most
	 */
	static List<String> differences(JsonNode expected, JsonNode actual, int limit) {
		List<String> found = new ArrayList<>();
		collect("$", expected, actual, found, limit);
		return found;
	}

	private static void collect(String path, JsonNode expected, JsonNode actual, List<String> found, int limit) {
		if (found.size() >= limit || same(expected, actual)) {
			return;
		}
		if (expected.isObject() && actual.isObject()) {
			for (Map.Entry<String, JsonNode> property : expected.properties()) {
				JsonNode other = actual.get(property.getKey());
				String child = path + key(property.getKey());
				if (other == null) {
					add(found, limit, child + ": expected " + shown(property.getValue()) + " but there is none");
				}
				else {
					collect(child, property.getValue(), other, found, limit);
				}
			}
			for (Map.Entry<String, JsonNode> property : actual.properties()) {
				if (!expected.has(property.getKey())) {
					add(found, limit, path + key(property.getKey()) + ": not expected, but there is "
							+ shown(property.getValue()));
				}
			}
			return;
		}
		if (expected.isArray() && actual.isArray()) {
			int common = Math.min(expected.size(), actual.size());
			for (int i = 0; i < common; i++) {
				collect(path + "[" + i + "]" + spanName(expected.get(i)), expected.get(i), actual.get(i), found,
						limit);
			}
			for (int i = common; i < expected.size(); i++) {
				add(found, limit, path + "[" + i + "]: expected " + shown(expected.get(i)) + " but there is none");
			}
			for (int i = common; i < actual.size(); i++) {
				add(found, limit, path + "[" + i + "]: not expected, but there is " + shown(actual.get(i)));
			}
			return;
		}
		if (expected.isString() && actual.isString()) {
			JsonNode expectedHeld = heldJson(expected.stringValue());
			JsonNode actualHeld = heldJson(actual.stringValue());
			if (expectedHeld != null && actualHeld != null) {
				collect(path + " -> $", expectedHeld, actualHeld, found, limit);
				return;
			}
		}
		add(found, limit, path + ": expected " + shown(expected) + " but was " + shown(actual));
	}

	private static void add(List<String> found, int limit, String difference) {
		if (found.size() < limit) {
			found.add(difference);
		}
	}

	private static String key(String key) {
		return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + key : "['" + key + "']";
	}

	/** A span's name after its place in a {@code children} array, to say which span it is. */
	private static String spanName(JsonNode element) {
		JsonNode name = element.get("name");
		return (element.isObject() && element.has("kind") && name != null && name.isString())
				? "{" + name.stringValue() + "}" : "";
	}

	private static String shown(JsonNode node) {
		String text = JSON.writeValueAsString(node);
		return (text.length() <= SHOWN_VALUE_LENGTH) ? text
				: text.substring(0, SHOWN_VALUE_LENGTH) + "... (" + text.length() + " characters)";
	}

	/** The JSON object or array a string holds, or {@code null} when it holds none. */
	static @Nullable JsonNode heldJson(String text) {
		String trimmed = text.strip();
		if (trimmed.length() < 2 || !((trimmed.startsWith("{") && trimmed.endsWith("}"))
				|| (trimmed.startsWith("[") && trimmed.endsWith("]")))) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(trimmed);
			return (node.isObject() || node.isArray()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
