package dev.agenttracing.sampling;

import io.opentelemetry.sdk.trace.SpanProcessor;

import dev.agenttracing.trace.TracingFailures;

/**
 * The tail-sampling settings of an application: puts a {@link TraceSamplingProcessor}
 * with them in front of the span processors that export. Not a span processor itself,
 * so that it can be a bean without joining the processors it sits in front of.
 *
 * @param policy what to keep
 * @param limits the memory bounds
 * @param stats the counters the processor keeps
 */
public record TraceSampling(SamplingPolicy policy, SamplingLimits limits, SamplingStats stats) {

	/**
	 * A sampling processor in front of the given one.
	 * @param downstream the processors that export
	 * @param failures where sampling failures go
	 * @return the sampling processor
	 */
	public TraceSamplingProcessor inFrontOf(SpanProcessor downstream, TracingFailures failures) {
		return TraceSamplingProcessor.builder(downstream)
			.policy(this.policy)
			.limits(this.limits)
			.stats(this.stats)
			.failures(failures)
			.build();
	}

}
