package dev.agenttracing.sampling;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.run.AgentOutcome;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;

/**
 * What one ended span tells about its trace's decision, read once when it ends (outside
 * any lock) so that deciding a trace is a matter of combining a few fields.
 *
 * @param localRoot its parent is invalid or remote: when it ends, the local trace is over
 * @param genAi it carries {@code gen_ai.operation.name}
 * @param runRule the rule of its agent when it is an {@code invoke_agent} span, else
 * {@code null}
 * @param reason the strongest reason to keep that it shows, or {@code null}
 */
record SpanFacts(boolean localRoot, boolean genAi, @Nullable SamplingRule runRule, @Nullable SamplingReason reason) {

	private static final SpanFacts PLAIN = new SpanFacts(false, false, null, null);

	private static final SpanFacts PLAIN_ROOT = new SpanFacts(true, false, null, null);

	private static final SpanFacts GEN_AI = new SpanFacts(false, true, null, null);

	private static final SpanFacts GEN_AI_ROOT = new SpanFacts(true, true, null, null);

	static SpanFacts of(ReadableSpan span, SamplingPolicy policy) {
		SpanContext parent = span.getParentSpanContext();
		boolean localRoot = !parent.isValid() || parent.isRemote();
		String operation = span.getAttribute(GenAiAttributes.OPERATION_NAME);
		SamplingReason reason = (span.toSpanData().getStatus().getStatusCode() == StatusCode.ERROR)
				? SamplingReason.SPAN_ERROR : null;
		if (GenAiOperations.INVOKE_AGENT.equals(operation)) {
			SamplingRule rule = policy.ruleFor(span.getAttribute(GenAiAttributes.AGENT_NAME));
			reason = stronger(reason, runReason(span, rule));
			return new SpanFacts(localRoot, true, rule, reason);
		}
		if (reason != null) {
			return new SpanFacts(localRoot, operation != null, null, reason);
		}
		if (operation != null) {
			return localRoot ? GEN_AI_ROOT : GEN_AI;
		}
		return localRoot ? PLAIN_ROOT : PLAIN;
	}

	private static @Nullable SamplingReason runReason(ReadableSpan run, SamplingRule rule) {
		String outcome = run.getAttribute(AgentAttributes.OUTCOME);
		if (AgentOutcome.ERROR.value().equals(outcome)) {
			return SamplingReason.ERROR;
		}
		if (AgentOutcome.REFUSED.value().equals(outcome)) {
			return SamplingReason.REFUSED;
		}
		if (Boolean.TRUE.equals(run.getAttribute(AgentAttributes.BUDGET_EXCEEDED))) {
			return SamplingReason.BUDGET_EXCEEDED;
		}
		Long findings = run.getAttribute(AgentAttributes.FINDING_COUNT);
		if (findings != null && findings > 0) {
			return SamplingReason.FINDING;
		}
		if (rule.isSlow(run.getLatencyNanos())) {
			return SamplingReason.SLOW;
		}
		return null;
	}

	static @Nullable SamplingReason stronger(@Nullable SamplingReason one, @Nullable SamplingReason other) {
		if (one == null) {
			return other;
		}
		return (other != null) ? one.strongest(other) : one;
	}

}
