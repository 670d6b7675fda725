package dev.agenttracing.tool;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Recognises the observation a framework (Spring AI) opens around each tool it executes,
 * so that an {@link AgentTool} method running inside it enriches that span instead of
 * nesting a second one.
 */
@FunctionalInterface
public interface FrameworkToolSpans {

	/** No framework: every {@link AgentTool} call gets its own span. */
	FrameworkToolSpans NONE = (context) -> null;

	/**
	 * The tool name, if the context is a framework's tool execution.
	 * @param context an observation context
	 * @return the tool name, or {@code null} if it is not a tool execution
	 */
	@Nullable String toolNameOf(Observation.Context context);

}
