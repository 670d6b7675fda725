package dev.agenttracing.test;

import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Assertions on one span of a run: a model call, a retrieval, an HTTP call under a tool.
 * Obtained from {@link AgentRunAssert#span(String)} or {@link AgentRunAssert#modelCall(int)}.
 */
public final class SpanAssert extends AbstractTraceSpanAssert<SpanAssert, SpanData> {

	private final AgentRunTrace run;

	SpanAssert(SpanData span, AgentRunTrace run) {
		super(span, SpanAssert.class);
		this.run = run;
	}

	@Override
	SpanData span() {
		return this.actual;
	}

	@Override
	AgentRunTrace run() {
		return this.run;
	}

}
