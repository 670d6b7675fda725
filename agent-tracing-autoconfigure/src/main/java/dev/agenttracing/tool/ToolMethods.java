package dev.agenttracing.tool;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.StringUtils;

/**
 * The name and description of a tool method, from {@link AgentTool}, else Spring AI's
 * {@code @Tool} (read by name, so Spring AI stays optional), else the method itself.
 */
final class ToolMethods {

	private static final String SPRING_AI_TOOL = "org.springframework.ai.tool.annotation.Tool";

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

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

	static Map<String, @Nullable Object> arguments(Method method, @Nullable Object[] values) {
		Map<String, @Nullable Object> arguments = new LinkedHashMap<>();
		String[] names = PARAMETER_NAMES.getParameterNames(method);
		for (int i = 0; i < values.length; i++) {
			String name = (names != null && i < names.length) ? names[i] : "arg" + i;
			arguments.put(name, values[i]);
		}
		return arguments;
	}

	private static @Nullable String springAiTool(Method method, String attribute) {
		MergedAnnotation<?> tool = MergedAnnotations.from(method).get(SPRING_AI_TOOL);
		return (tool.isPresent() && tool.hasNonDefaultValue(attribute)) ? tool.getString(attribute) : null;
	}

}
