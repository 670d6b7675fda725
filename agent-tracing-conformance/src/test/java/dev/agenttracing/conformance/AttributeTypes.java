package dev.agenttracing.conformance;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.proto.common.v1.AnyValue;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;

/**
 * The type each attribute must have on the wire: the conventions' type for the keys they
 * define ({@code registry.yaml} of the GenAI and MCP models), and for this project's own keys the type of
 * the {@link AttributeKey} constant that declares them ({@link AgentAttributes},
 * {@link GenAiAttributes}). The conventions' table is written out here, not read from the
 * project's constants, so that a wrongly typed constant is caught too.
 */
final class AttributeTypes {

	/** Attributes whose value is structured content: a JSON string, or a structured value. */
	static final Set<String> CONTENT = Set.of("gen_ai.input.messages", "gen_ai.output.messages",
			"gen_ai.system_instructions", "gen_ai.tool.definitions", "gen_ai.tool.call.arguments",
			"gen_ai.tool.call.result", "gen_ai.retrieval.documents", "gen_ai.memory.records");

	/** Every {@code gen_ai.usage.*} attribute is a token count. */
	private static final String USAGE_PREFIX = "gen_ai.usage.";

	/** {@code gen_ai.prompt.variable.<key>} holds template values. */
	private static final String PROMPT_VARIABLE_PREFIX = "gen_ai.prompt.variable.";

	static final Map<String, WireType> CONVENTIONS = conventions();

	private final Map<String, WireType> project;

	private AttributeTypes(Map<String, WireType> project) {
		this.project = project;
	}

	/**
	 * The types the conventions define, and this project's own keys as its
	 * {@code semconv} constants declare them.
	 * @return the types
	 */
	static AttributeTypes forProject() {
		Map<String, WireType> project = new LinkedHashMap<>();
		project.putAll(declaredBy(AgentAttributes.class));
		declaredBy(GenAiAttributes.class).forEach(project::putIfAbsent);
		return new AttributeTypes(project);
	}

	/**
	 * The type expected for a key.
	 * @param key the attribute key
	 * @return the expected type, or {@code null} when neither the conventions nor this
	 * project define the key
	 */
	@Nullable WireType expected(String key) {
		if (key.startsWith(USAGE_PREFIX)) {
			return WireType.INT;
		}
		if (key.startsWith(PROMPT_VARIABLE_PREFIX)) {
			return WireType.STRING;
		}
		WireType type = CONVENTIONS.get(key);
		return (type != null) ? type : this.project.get(key);
	}

	/**
	 * Whether a value has the expected type. Content attributes may be a JSON string or a
	 * structured value; an empty array matches every array type.
	 * @param key the key
	 * @param value the value received
	 * @return the violation, or {@code null}
	 */
	@Nullable String violation(String key, AnyValue value) {
		WireType actual = WireType.of(value);
		if (CONTENT.contains(key)) {
			return (actual == WireType.STRING || actual == WireType.MAP || isArray(actual)) ? null
					: key + " is " + actual + ", expected a JSON string or a structured value";
		}
		WireType expected = expected(key);
		if (expected == null || expected == actual) {
			return null;
		}
		if (isArray(expected) && actual == WireType.ARRAY && value.getArrayValue().getValuesCount() == 0) {
			return null;
		}
		return key + " is " + actual + ", expected " + expected;
	}

	/**
	 * The project's own keys, with the types their constants declare.
	 * @return the project's typed keys
	 */
	Map<String, WireType> project() {
		return this.project;
	}

	/**
	 * The keys declared by the {@link AttributeKey} constants of a class.
	 * @param constants the class
	 * @return each key with its wire type
	 */
	static Map<String, WireType> declaredBy(Class<?> constants) {
		Map<String, WireType> keys = new LinkedHashMap<>();
		for (Field field : constants.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && AttributeKey.class.isAssignableFrom(field.getType())) {
				try {
					AttributeKey<?> key = (AttributeKey<?>) field.get(null);
					keys.put(key.getKey(), WireType.of(key.getType()));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return keys;
	}

	private static boolean isArray(WireType type) {
		return switch (type) {
			case STRING_ARRAY, BOOLEAN_ARRAY, INT_ARRAY, DOUBLE_ARRAY, ARRAY -> true;
			default -> false;
		};
	}

	private static Map<String, WireType> conventions() {
		Map<String, WireType> types = new LinkedHashMap<>();
		for (String key : new String[] { "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.conversation.id",
				"gen_ai.agent.id", "gen_ai.agent.name", "gen_ai.agent.description", "gen_ai.agent.version",
				"gen_ai.data_source.id", "gen_ai.output.type", "gen_ai.workflow.name", "gen_ai.request.model",
				"gen_ai.request.reasoning.level", "gen_ai.request.previous_response.id", "gen_ai.request.stream_cursor",
				"gen_ai.response.id", "gen_ai.response.model", "gen_ai.response.status", "gen_ai.tool.name",
				"gen_ai.tool.call.id", "gen_ai.tool.description", "gen_ai.tool.type", "gen_ai.prompt.name",
				"gen_ai.prompt.version", "gen_ai.evaluation.name", "gen_ai.evaluation.score.label",
				"gen_ai.evaluation.explanation", "gen_ai.retrieval.query.text", "gen_ai.memory.store.id",
				"gen_ai.memory.record.id", "gen_ai.memory.query.text", "gen_ai.token.type", "error.type",
				"server.address", "client.address", "mcp.method.name", "mcp.session.id", "mcp.protocol.version",
				"mcp.resource.uri", "jsonrpc.request.id", "jsonrpc.protocol.version", "rpc.response.status_code",
				"network.transport", "network.protocol.name", "network.protocol.version", "openai.api.type",
				"openai.request.service_tier", "openai.response.service_tier",
				"openai.response.system_fingerprint" }) {
			types.put(key, WireType.STRING);
		}
		for (String key : new String[] { "gen_ai.request.max_tokens", "gen_ai.request.choice.count",
				"gen_ai.request.seed", "gen_ai.request.top_k", "gen_ai.retrieval.top_k",
				"gen_ai.embeddings.dimension.count", "gen_ai.memory.record.count", "server.port", "client.port" }) {
			types.put(key, WireType.INT);
		}
		for (String key : new String[] { "gen_ai.request.temperature", "gen_ai.request.top_p",
				"gen_ai.request.frequency_penalty", "gen_ai.request.presence_penalty",
				"gen_ai.response.time_to_first_chunk", "gen_ai.evaluation.score.value" }) {
			types.put(key, WireType.DOUBLE);
		}
		for (String key : new String[] { "gen_ai.request.stream", "gen_ai.conversation.compacted" }) {
			types.put(key, WireType.BOOLEAN);
		}
		for (String key : new String[] { "gen_ai.request.stop_sequences", "gen_ai.response.finish_reasons",
				"gen_ai.request.encoding_formats" }) {
			types.put(key, WireType.STRING_ARRAY);
		}
		return Map.copyOf(types);
	}

}
