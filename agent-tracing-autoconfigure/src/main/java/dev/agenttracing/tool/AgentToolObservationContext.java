package dev.agenttracing.tool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The facts of one execution of an {@link AgentTool} method called outside Spring AI's
 * tool calling (for example from a hand-written agent loop).
 */
public class AgentToolObservationContext extends Observation.Context {

	private final String toolName;

	private final @Nullable String toolDescription;

	private final String toolType;

	private final Map<String, @Nullable Object> arguments;

	private volatile @Nullable Object result;

	/**
	 * Create the context.
	 * @param toolName the tool name
	 * @param toolDescription its description, if any
	 * @param toolType the tool type ({@code function} for application code)
	 * @param arguments the arguments by parameter name (read only if content is captured)
	 */
	public AgentToolObservationContext(String toolName, @Nullable String toolDescription, String toolType,
			Map<String, @Nullable Object> arguments) {
		this.toolName = toolName;
		this.toolDescription = toolDescription;
		this.toolType = toolType;
		this.arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
	}

	public Map<String, @Nullable Object> getArguments() {
		return this.arguments;
	}

	public @Nullable Object getResult() {
		return this.result;
	}

	/**
	 * Record what the tool returned.
	 * @param result the return value
	 */
	public void setResult(@Nullable Object result) {
		this.result = result;
	}

	public String getToolName() {
		return this.toolName;
	}

	public @Nullable String getToolDescription() {
		return this.toolDescription;
	}

	public String getToolType() {
		return this.toolType;
	}

}
