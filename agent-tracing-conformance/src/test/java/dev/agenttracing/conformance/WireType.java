package dev.agenttracing.conformance;

import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.proto.common.v1.AnyValue;

/**
 * The type of an attribute value as it travels in OTLP ({@code AnyValue}), named as the
 * conventions name attribute types.
 */
enum WireType {

	STRING("string"), BOOLEAN("boolean"), INT("int"), DOUBLE("double"), STRING_ARRAY("string[]"),
	BOOLEAN_ARRAY("boolean[]"), INT_ARRAY("int[]"), DOUBLE_ARRAY("double[]"),
	/** An array that is empty or mixes types. */
	ARRAY("array"),
	/** A structured value (key-value list), as a structured {@code any} attribute travels. */
	MAP("map"), BYTES("bytes"), EMPTY("empty");

	private final String conventionName;

	WireType(String conventionName) {
		this.conventionName = conventionName;
	}

	/**
	 * The type of a value received on the wire.
	 * @param value the value
	 * @return its type
	 */
	static WireType of(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> STRING;
			case BOOL_VALUE -> BOOLEAN;
			case INT_VALUE -> INT;
			case DOUBLE_VALUE -> DOUBLE;
			case ARRAY_VALUE -> arrayType(value);
			case KVLIST_VALUE -> MAP;
			case BYTES_VALUE -> BYTES;
			default -> EMPTY;
		};
	}

	/**
	 * The wire type an OpenTelemetry API attribute type travels as.
	 * @param type the API type
	 * @return the wire type
	 */
	static WireType of(AttributeType type) {
		return switch (type) {
			case STRING -> STRING;
			case BOOLEAN -> BOOLEAN;
			case LONG -> INT;
			case DOUBLE -> DOUBLE;
			case STRING_ARRAY -> STRING_ARRAY;
			case BOOLEAN_ARRAY -> BOOLEAN_ARRAY;
			case LONG_ARRAY -> INT_ARRAY;
			case DOUBLE_ARRAY -> DOUBLE_ARRAY;
			default -> ARRAY;
		};
	}

	private static WireType arrayType(AnyValue value) {
		WireType element = null;
		for (AnyValue item : value.getArrayValue().getValuesList()) {
			WireType type = of(item);
			if (element != null && element != type) {
				return ARRAY;
			}
			element = type;
		}
		if (element == null) {
			return ARRAY;
		}
		return switch (element) {
			case STRING -> STRING_ARRAY;
			case BOOLEAN -> BOOLEAN_ARRAY;
			case INT -> INT_ARRAY;
			case DOUBLE -> DOUBLE_ARRAY;
			default -> ARRAY;
		};
	}

	@Override
	public String toString() {
		return this.conventionName;
	}

}
