package dev.agenttracing.capture;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What content is captured: a global switch, overridden per agent and per tool, and
 * where model-call content goes.
 *
 * @param enabled whether content is captured where no override says otherwise
 * @param agents overrides by {@code gen_ai.agent.name}
 * @param tools overrides by {@code gen_ai.tool.name}, which win over the agent's
 * @param destination where model-call content goes
 */
public record CaptureSettings(boolean enabled, Map<String, Boolean> agents, Map<String, Boolean> tools,
		ContentDestination destination) {

	/** Nothing is captured. */
	public static final CaptureSettings OFF = new CaptureSettings(false, Map.of(), Map.of(),
			ContentDestination.ATTRIBUTES);

	public CaptureSettings {
		agents = Map.copyOf(agents);
		tools = Map.copyOf(tools);
	}

	/**
	 * Whether content is captured for an operation.
	 * @param agent the agent whose run it belongs to, if any
	 * @param tool the tool it executes, if any
	 * @return whether to capture
	 */
	public boolean enabledFor(@Nullable String agent, @Nullable String tool) {
		if (tool != null && this.tools.containsKey(tool)) {
			return this.tools.get(tool);
		}
		if (agent != null && this.agents.containsKey(agent)) {
			return this.agents.get(agent);
		}
		return this.enabled;
	}

	/**
	 * Whether any operation can be captured at all.
	 * @return whether capture is on anywhere
	 */
	public boolean anyEnabled() {
		return this.enabled || this.agents.containsValue(true) || this.tools.containsValue(true);
	}

}
