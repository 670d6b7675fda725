package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.jspecify.annotations.Nullable;

/**
 * Reads attributes by their key name and compares them by type: an expected {@code 3}
 * matches a long attribute 3, never the string {@code "3"}.
 */
final class AttributeValues {

	private AttributeValues() {
	}

	/** The value of the attribute with this key name, whatever its type. */
	static @Nullable Object get(Attributes attributes, String key) {
		for (Map.Entry<AttributeKey<?>, Object> entry : attributes.asMap().entrySet()) {
			if (entry.getKey().getKey().equals(key)) {
				return entry.getValue();
			}
		}
		return null;
	}

	/**
	 * An expected value as OpenTelemetry stores it: whole numbers as {@code Long}, decimal
	 * numbers as {@code Double}, arrays as lists.
	 */
	static @Nullable Object normalise(@Nullable Object expected) {
		if (expected instanceof Integer || expected instanceof Short || expected instanceof Byte) {
			return ((Number) expected).longValue();
		}
		if (expected instanceof Float number) {
			return Double.parseDouble(number.toString());
		}
		if (expected instanceof Object[] array) {
			return normalise(Arrays.asList(array));
		}
		if (expected instanceof int[] array) {
			return Arrays.stream(array).mapToObj(Long::valueOf).toList();
		}
		if (expected instanceof long[] array) {
			return Arrays.stream(array).boxed().toList();
		}
		if (expected instanceof double[] array) {
			return Arrays.stream(array).boxed().toList();
		}
		if (expected instanceof List<?> list) {
			List<Object> normalised = new ArrayList<>(list.size());
			for (Object element : list) {
				normalised.add(normalise(element));
			}
			return normalised;
		}
		return expected;
	}

	static boolean matches(@Nullable Object actual, @Nullable Object expected) {
		Object normalised = normalise(expected);
		return (actual == null) ? normalised == null : actual.equals(normalised);
	}

	/** A value with its type, for failure messages: {@code "3" (string)}, {@code 3 (long)}. */
	static String describe(@Nullable Object value) {
		if (value == null) {
			return "nothing";
		}
		Object normalised = normalise(value);
		if (normalised instanceof String text) {
			return "\"" + text + "\" (string)";
		}
		if (normalised instanceof List<?> list) {
			String elementType = list.isEmpty() ? "" : typeName(list.get(0));
			return list + " (" + elementType + "[])";
		}
		return normalised + " (" + typeName(normalised) + ")";
	}

	private static String typeName(@Nullable Object value) {
		if (value instanceof String) {
			return "string";
		}
		if (value instanceof Long) {
			return "long";
		}
		if (value instanceof Double) {
			return "double";
		}
		if (value instanceof Boolean) {
			return "boolean";
		}
		return (value != null) ? value.getClass().getSimpleName() : "null";
	}

}
