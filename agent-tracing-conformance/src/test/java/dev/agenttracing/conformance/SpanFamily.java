package dev.agenttracing.conformance;

import java.util.Set;

/**
 * Which GenAI span definition a received span falls under, decided from
 * {@code gen_ai.operation.name}, or from the span name when that attribute is missing (so
 * that a {@code chat} span without its operation name is still checked, and fails).
 */
enum SpanFamily {

	/** {@code chat}, {@code text_completion}, {@code generate_content}: "inference". */
	INFERENCE,
	/** {@code embeddings}. */
	EMBEDDINGS,
	/** {@code retrieval}. */
	RETRIEVAL,
	/** {@code invoke_agent}, in-process (INTERNAL) or remote (CLIENT). */
	INVOKE_AGENT,
	/** {@code execute_tool}. */
	EXECUTE_TOOL,
	/** An MCP client or server span named after its {@code mcp.method.name}. */
	MCP,
	/** Another GenAI operation ({@code create_agent}, {@code invoke_workflow}...). */
	OTHER_GENAI,
	/** Not a GenAI span (HTTP, framework spans): only the rules for every span apply. */
	NOT_GENAI;

	/** The inference operation names. */
	static final Set<String> INFERENCE_OPERATIONS = Set.of("chat", "text_completion", "generate_content");

	/** Every well-known {@code gen_ai.operation.name} ({@code registry.yaml}). */
	static final Set<String> WELL_KNOWN_OPERATIONS = Set.of("chat", "generate_content", "text_completion",
			"embeddings", "retrieval", "fetch_response", "create_agent", "invoke_agent", "execute_tool",
			"invoke_workflow", "plan", "search_memory", "create_memory", "update_memory", "upsert_memory",
			"delete_memory", "create_memory_store", "delete_memory_store");

	static SpanFamily of(WireSpan span) {
		String method = span.string("mcp.method.name");
		if (method != null && span.name().startsWith(method)) {
			return MCP;
		}
		String operation = span.string("gen_ai.operation.name");
		if (operation == null) {
			String first = span.name().split(" ", 2)[0];
			operation = WELL_KNOWN_OPERATIONS.contains(first) ? first : null;
		}
		if (operation == null) {
			return span.has("gen_ai.operation.name") ? OTHER_GENAI : NOT_GENAI;
		}
		if (INFERENCE_OPERATIONS.contains(operation)) {
			return INFERENCE;
		}
		return switch (operation) {
			case "embeddings" -> EMBEDDINGS;
			case "retrieval" -> RETRIEVAL;
			case "invoke_agent" -> INVOKE_AGENT;
			case "execute_tool" -> EXECUTE_TOOL;
			default -> OTHER_GENAI;
		};
	}

	/**
	 * How the span type is named in the report.
	 * @return the label
	 */
	String label() {
		return switch (this) {
			case INFERENCE -> "inference";
			case EMBEDDINGS -> "embeddings";
			case RETRIEVAL -> "retrieval";
			case INVOKE_AGENT -> "invoke_agent";
			case EXECUTE_TOOL -> "execute_tool";
			case MCP -> "MCP";
			case OTHER_GENAI -> "other GenAI";
			case NOT_GENAI -> "not GenAI";
		};
	}

	boolean isGenAi() {
		return this != NOT_GENAI;
	}

}
