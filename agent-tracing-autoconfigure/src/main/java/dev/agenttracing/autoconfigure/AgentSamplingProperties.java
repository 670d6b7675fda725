package dev.agenttracing.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tail sampling of agent traces, under {@code agent-tracing.sampling.*}: every failed,
 * refused, over-budget or slow run is kept whole, a share of the others is kept.
 */
@ConfigurationProperties("agent-tracing.sampling")
public class AgentSamplingProperties {

	/**
	 * Whether agent traces are sampled at their end rather than at their start. When on,
	 * every trace is started sampled and decided when its local root span ends; traces
	 * with no agent run keep the head-sampling share
	 * ('management.tracing.sampling.probability').
	 */
	private boolean enabled = true;

	/**
	 * Share of the successful runs that are kept, decided from the trace id so that
	 * services with the same share keep the same traces. Defaults to
	 * 'management.tracing.sampling.probability'.
	 */
	private @Nullable Double successRatio;

	/**
	 * Runs lasting longer than this are always kept. Empty to keep no run for its
	 * duration alone.
	 */
	private @Nullable Duration slowRunThreshold = Duration.ofMinutes(1);

	/**
	 * Whether the run spans of a kept trace say why it was kept
	 * ('agent.sampling.reason').
	 */
	private boolean reasonAttribute = true;

	/**
	 * Rules of individual agents, by 'gen_ai.agent.name'; what a rule leaves empty is
	 * taken from the settings above.
	 */
	private final Map<String, AgentRule> agents = new LinkedHashMap<>();

	private final Buffer buffer = new Buffer();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Double getSuccessRatio() {
		return this.successRatio;
	}

	public void setSuccessRatio(@Nullable Double successRatio) {
		this.successRatio = successRatio;
	}

	public @Nullable Duration getSlowRunThreshold() {
		return this.slowRunThreshold;
	}

	public void setSlowRunThreshold(@Nullable Duration slowRunThreshold) {
		this.slowRunThreshold = slowRunThreshold;
	}

	public boolean isReasonAttribute() {
		return this.reasonAttribute;
	}

	public void setReasonAttribute(boolean reasonAttribute) {
		this.reasonAttribute = reasonAttribute;
	}

	public Map<String, AgentRule> getAgents() {
		return this.agents;
	}

	public Buffer getBuffer() {
		return this.buffer;
	}

	/**
	 * The sampling rule of one agent.
	 */
	public static class AgentRule {

		/**
		 * Share of this agent's successful runs that are kept.
		 */
		private @Nullable Double successRatio;

		/**
		 * This agent's runs lasting longer than this are always kept.
		 */
		private @Nullable Duration slowRunThreshold;

		public @Nullable Double getSuccessRatio() {
			return this.successRatio;
		}

		public void setSuccessRatio(@Nullable Double successRatio) {
			this.successRatio = successRatio;
		}

		public @Nullable Duration getSlowRunThreshold() {
			return this.slowRunThreshold;
		}

		public void setSlowRunThreshold(@Nullable Duration slowRunThreshold) {
			this.slowRunThreshold = slowRunThreshold;
		}

	}

	/**
	 * Bounds of the memory that holds traces until they are decided. When a bound is hit,
	 * the oldest undecided traces are decided early.
	 */
	public static class Buffer {

		/**
		 * Most spans held at once, all traces together.
		 */
		private int maxSpans = 10_000;

		/**
		 * Most traces held at once.
		 */
		private int maxTraces = 1_000;

		/**
		 * Longest time a trace is held waiting for its local root to end.
		 */
		private Duration maxAge = Duration.ofMinutes(5);

		public int getMaxSpans() {
			return this.maxSpans;
		}

		public void setMaxSpans(int maxSpans) {
			this.maxSpans = maxSpans;
		}

		public int getMaxTraces() {
			return this.maxTraces;
		}

		public void setMaxTraces(int maxTraces) {
			this.maxTraces = maxTraces;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

}
