package dev.agenttracing.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON schemas of the GenAI content attributes ({@code model/gen-ai/*.json}), written out in
 * {@code src/test/resources/gen-ai-schemas}, and the validation of a received value
 * against them. A value may travel as a JSON string (as on spans today) or as a structured
 * value; both are read as JSON.
 */
final class ContentSchemas {

	/** Each content attribute with its schema file. */
	static final Map<String, String> SCHEMA_FILES = schemaFiles();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Attributes the conventions expect to be objects on a best-effort basis only. */
	private static final java.util.Set<String> BEST_EFFORT_OBJECTS = java.util.Set.of("gen_ai.tool.call.arguments",
			"gen_ai.tool.call.result");

	private final Map<String, Schema> schemas = new LinkedHashMap<>();

	ContentSchemas() {
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
		SCHEMA_FILES.forEach((key, file) -> this.schemas.put(key,
				registry.getSchema(SchemaLocation.of("classpath:gen-ai-schemas/" + file))));
	}

	/**
	 * Validate a received content attribute.
	 * @param key the attribute key, one of {@link #SCHEMA_FILES}
	 * @param value the value as received
	 * @return the violations, empty when it is valid
	 */
	List<String> violations(String key, AnyValue value) {
		Schema schema = this.schemas.get(key);
		if (schema == null) {
			return List.of();
		}
		JsonNode json;
		try {
			json = toJson(value);
		}
		catch (JacksonException ex) {
			return List.of(key + " is not valid JSON: " + ex.getOriginalMessage());
		}
		if (BEST_EFFORT_OBJECTS.contains(key) && !json.isObject()) {
			// "expected to be an object – in case a serialized string is available, instrumentations
			// SHOULD do the best effort to deserialize it to an object": a tool that returned text or
			// an array is reported as that JSON value, since it cannot be made an object faithfully.
			return List.of();
		}
		List<String> violations = new ArrayList<>();
		for (Error error : schema.validate(json)) {
			violations.add(key + " does not match " + SCHEMA_FILES.get(key) + ": " + error.getMessage());
		}
		return violations;
	}

	/**
	 * A received value as JSON: a string is parsed, a structured value converted.
	 * @param value the value
	 * @return the JSON
	 */
	static JsonNode toJson(AnyValue value) {
		JsonNodeFactory nodes = JSON.getNodeFactory();
		return switch (value.getValueCase()) {
			case STRING_VALUE -> JSON.readTree(value.getStringValue());
			case BOOL_VALUE -> nodes.booleanNode(value.getBoolValue());
			case INT_VALUE -> nodes.numberNode(value.getIntValue());
			case DOUBLE_VALUE -> nodes.numberNode(value.getDoubleValue());
			case ARRAY_VALUE -> {
				ArrayNode array = nodes.arrayNode();
				value.getArrayValue().getValuesList().forEach((item) -> array.add(structured(item)));
				yield array;
			}
			case KVLIST_VALUE -> {
				ObjectNode object = nodes.objectNode();
				for (KeyValue entry : value.getKvlistValue().getValuesList()) {
					object.set(entry.getKey(), structured(entry.getValue()));
				}
				yield object;
			}
			default -> nodes.nullNode();
		};
	}

	/** Inside a structured value a string is a string, not JSON text. */
	private static JsonNode structured(AnyValue value) {
		return value.hasStringValue() ? JSON.getNodeFactory().stringNode(value.getStringValue()) : toJson(value);
	}

	private static Map<String, String> schemaFiles() {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("gen_ai.input.messages", "input-messages.json");
		files.put("gen_ai.output.messages", "output-messages.json");
		files.put("gen_ai.system_instructions", "system-instructions.json");
		files.put("gen_ai.tool.definitions", "tool-definitions.json");
		files.put("gen_ai.tool.call.arguments", "tool-call-arguments.json");
		files.put("gen_ai.tool.call.result", "tool-call-result.json");
		files.put("gen_ai.retrieval.documents", "retrieval-documents.json");
		return files;
	}

}
