package dev.agenttracing.sampling;

import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;

import dev.agenttracing.semconv.GenAiAttributes;

import dev.agenttracing.semconv.AgentAttributes;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * What {@link TraceSamplingProcessor} keeps: a default {@link SamplingRule}, rules for
 * particular agents (by {@code gen_ai.agent.name}), and the attributes that count as
 * captured content.
 *
 * <p>
 * A trace with several runs (nested agents, or agents called one after the other) is
 * decided as a whole: it is kept when any of its runs would be kept under that run's own
 * rule, and the most generous content retention and content ratio among its runs apply
 * to all of it.
 */
public final class SamplingPolicy {

	/** The GenAI attributes that carry captured content. */
	public static final Set<String> DEFAULT_CONTENT_ATTRIBUTES = GenAiAttributes.CONTENT.stream()
		.map(AttributeKey::getKey)
		.collect(Collectors.toUnmodifiableSet());

	private static final SamplingPolicy DEFAULTS = builder().build();

	private final SamplingRule defaultRule;

	private final Map<String, SamplingRule> agentRules;

	private final Set<String> contentAttributes;

	private final boolean reasonAttribute;

	private final double otherTracesRatio;

	private final long otherTracesThreshold;

	private SamplingPolicy(Builder builder) {
		this.defaultRule = builder.defaultRule;
		Map<String, SamplingRule> agentRules = new LinkedHashMap<>();
		builder.agentOverrides.forEach((agent, override) -> agentRules.put(agent,
				Objects.requireNonNull(override.apply(this.defaultRule), "override result")));
		this.agentRules = Map.copyOf(agentRules);
		this.contentAttributes = Set.copyOf(builder.contentAttributes);
		this.reasonAttribute = builder.reasonAttribute;
		this.otherTracesRatio = builder.otherTracesRatio;
		this.otherTracesThreshold = TraceIdRandomness.threshold(builder.otherTracesRatio);
	}

	/**
	 * Share of the traces without any agent run (plain HTTP traffic) that is handed on,
	 * decided from the trace id. Default {@code 1.0}: such traces are left to the
	 * application's head sampling; set it to the head-sampling probability when the head
	 * sampler keeps every trace so that tail sampling sees every agent run.
	 * @return a ratio in [0, 1]
	 */
	public double otherTracesRatio() {
		return this.otherTracesRatio;
	}

	long otherTracesThreshold() {
		return this.otherTracesThreshold;
	}

	/**
	 * The default policy: {@link SamplingRule#defaults()} for every agent, the
	 * {@link #DEFAULT_CONTENT_ATTRIBUTES}, and the reason written on kept run spans.
	 * @return the default policy
	 */
	public static SamplingPolicy defaults() {
		return DEFAULTS;
	}

	/**
	 * A builder that starts from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The rule of agents without a rule of their own.
	 * @return the default rule
	 */
	public SamplingRule defaultRule() {
		return this.defaultRule;
	}

	/**
	 * The rules of particular agents, by agent name.
	 * @return an immutable map
	 */
	public Map<String, SamplingRule> agentRules() {
		return this.agentRules;
	}

	/**
	 * The rule for the runs of an agent.
	 * @param agentName the {@code gen_ai.agent.name} of the run, {@code null} when absent
	 * @return the agent's rule, or the default rule
	 */
	public SamplingRule ruleFor(@Nullable String agentName) {
		SamplingRule rule = (agentName != null) ? this.agentRules.get(agentName) : null;
		return (rule != null) ? rule : this.defaultRule;
	}

	/**
	 * Names of the attributes removed from a kept trace that did not earn its content. They
	 * are removed from span attributes and from span event attributes (such as those of
	 * {@code gen_ai.client.inference.operation.details}). Default
	 * {@link #DEFAULT_CONTENT_ATTRIBUTES}.
	 * @return an immutable set
	 */
	public Set<String> contentAttributes() {
		return this.contentAttributes;
	}

	/**
	 * Whether the {@code invoke_agent} spans of a kept trace carry
	 * {@code agent.sampling.reason} ({@link dev.agenttracing.semconv.AgentAttributes#SAMPLING_REASON}). Default {@code true}.
	 * @return whether the reason is written
	 */
	public boolean reasonAttribute() {
		return this.reasonAttribute;
	}

	@Override
	public String toString() {
		return "SamplingPolicy[defaultRule=" + this.defaultRule + ", agentRules=" + this.agentRules
				+ ", contentAttributes=" + this.contentAttributes + ", reasonAttribute=" + this.reasonAttribute + "]";
	}

	/**
	 * Builds a {@link SamplingPolicy}.
	 */
	public static final class Builder {

		private SamplingRule defaultRule = SamplingRule.defaults();

		private final Map<String, UnaryOperator<SamplingRule>> agentOverrides = new LinkedHashMap<>();

		private Set<String> contentAttributes = DEFAULT_CONTENT_ATTRIBUTES;

		private boolean reasonAttribute = true;

		private double otherTracesRatio = 1.0;

		private Builder() {
		}

		/**
		 * Share of the traces without any agent run that is handed on.
		 * @param otherTracesRatio a ratio in [0, 1]
		 * @return this builder
		 */
		public Builder otherTracesRatio(double otherTracesRatio) {
			if (!(otherTracesRatio >= 0.0 && otherTracesRatio <= 1.0)) {
				throw new IllegalArgumentException("otherTracesRatio must be in [0, 1], was " + otherTracesRatio);
			}
			this.otherTracesRatio = otherTracesRatio;
			return this;
		}

		/**
		 * The rule of agents without a rule of their own.
		 * @param defaultRule the rule
		 * @return this builder
		 */
		public Builder defaultRule(SamplingRule defaultRule) {
			this.defaultRule = Objects.requireNonNull(defaultRule, "defaultRule");
			return this;
		}

		/**
		 * The rule of one agent, derived from the default rule when the policy is built, so
		 * that what the override does not change is inherited whatever the order of the
		 * calls: {@code agent("billing", (rule) -> rule.withSuccessRatio(1.0))}.
		 * @param agentName the {@code gen_ai.agent.name} of the agent's runs
		 * @param override turns the default rule into the agent's rule
		 * @return this builder
		 */
		public Builder agent(String agentName, UnaryOperator<SamplingRule> override) {
			this.agentOverrides.put(Objects.requireNonNull(agentName, "agentName"),
					Objects.requireNonNull(override, "override"));
			return this;
		}

		/**
		 * The names of the attributes that carry content.
		 * @param contentAttributes attribute names
		 * @return this builder
		 */
		public Builder contentAttributes(Collection<String> contentAttributes) {
			this.contentAttributes = new LinkedHashSet<>(contentAttributes);
			return this;
		}

		/**
		 * Whether the run spans of a kept trace say why it was kept.
		 * @param reasonAttribute whether to write {@code agent.sampling.reason}
		 * @return this builder
		 */
		public Builder reasonAttribute(boolean reasonAttribute) {
			this.reasonAttribute = reasonAttribute;
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 */
		public SamplingPolicy build() {
			return new SamplingPolicy(this);
		}

	}

}
