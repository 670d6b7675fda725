package dev.agenttracing.semconv;

/**
 * Well-known values of {@code gen_ai.operation.name}.
 */
public final class GenAiOperations {

	public static final String INVOKE_AGENT = "invoke_agent";

	public static final String EXECUTE_TOOL = "execute_tool";

	public static final String CHAT = "chat";

	public static final String RETRIEVAL = "retrieval";

	/** Value of {@code gen_ai.tool.type} for tools the application executes itself. */
	public static final String TOOL_TYPE_FUNCTION = "function";

	private GenAiOperations() {
	}

}
