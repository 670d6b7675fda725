package dev.agenttracing.tool;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.StringUtils;

/**
 * The name and description of a tool method, from {@link AgentTool}, else Spring AI's
 * {@code @Tool} (read by name, so Spring AI stays optional), else the method itself.
 */
final class ToolMethods {

	private static final String SPRING_AI_TOOL = "org.springframework.ai.tool.annotation.Tool";

	private ToolMethods() {
	}

	static String name(Method method) {
		AgentTool agentTool = method.getAnnotation(AgentTool.class);
		if (agentTool != null && StringUtils.hasText(agentTool.name())) {
			return agentTool.name();
		}
		String toolName = springAiTool(method, "name");
		return StringUtils.hasText(toolName) ? toolName : method.getName();
	}

	static @Nullable String description(Method method) {
		AgentTool agentTool = method.getAnnotation(AgentTool.class);
		if (agentTool != null && StringUtils.hasText(agentTool.description())) {
			return agentTool.description();
		}
		String description = springAiTool(method, "description");
		return StringUtils.hasText(description) ? description : null;
	}

	private static @Nullable String springAiTool(Method method, String attribute) {
		MergedAnnotation<?> tool = MergedAnnotations.from(method).get(SPRING_AI_TOOL);
		return (tool.isPresent() && tool.hasNonDefaultValue(attribute)) ? tool.getString(attribute) : null;
	}

}
