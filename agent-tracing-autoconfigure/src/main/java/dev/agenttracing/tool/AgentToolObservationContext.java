package dev.agenttracing.tool;

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

	/**
	 * Create the context.
	 * @param toolName the tool name
	 * @param toolDescription its description, if any
	 * @param toolType the tool type ({@code function} for application code)
	 */
	public AgentToolObservationContext(String toolName, @Nullable String toolDescription, String toolType) {
		this.toolName = toolName;
		this.toolDescription = toolDescription;
		this.toolType = toolType;
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
