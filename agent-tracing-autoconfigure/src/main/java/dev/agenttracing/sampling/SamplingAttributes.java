package dev.agenttracing.sampling;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes tail sampling reads or writes beyond those of
 * {@link dev.agenttracing.semconv.AgentAttributes}.
 */
public final class SamplingAttributes {

	/** On an {@code invoke_agent} span: the run went over one of its budgets. */
	public static final AttributeKey<Boolean> BUDGET_EXCEEDED = AttributeKey.booleanKey("agent.budget.exceeded");

	/**
	 * On the {@code invoke_agent} spans of a kept trace: why it was kept, a
	 * {@link SamplingReason#value()}.
	 */
	public static final AttributeKey<String> SAMPLING_REASON = AttributeKey.stringKey("agent.sampling.reason");

	private SamplingAttributes() {
	}

}
