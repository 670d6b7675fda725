package dev.agenttracing.sampling;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;

import static dev.agenttracing.sampling.SamplingFixture.end;
import static dev.agenttracing.sampling.SamplingFixture.keeping;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SamplingMetrics} publishes the decisions and the spans held.
 */
class SamplingMetricsTests {

	@Test
	void decisionsAreCountedByReasonAndSpansByFate() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (SamplingFixture traces = new SamplingFixture(keeping(0.0))) {
			new SamplingMetrics(traces.stats()).bindTo(registry);
			Span failed = traces.rootRun("support-router");
			traces.chat(failed).end();
			end(failed, "error");
			end(traces.rootRun("support-router"), "success");
			traces.http("GET /health").end();
			Span held = traces.rootRun("support-router");
			traces.chat(held).end();

			assertThat(count(registry, "agent.tracing.sampling.traces", "decision", "kept", "reason", "error"))
				.isEqualTo(1);
			assertThat(count(registry, "agent.tracing.sampling.traces", "decision", "kept", "reason", "ratio")).isZero();
			assertThat(count(registry, "agent.tracing.sampling.traces", "decision", "dropped", "reason", "none"))
				.isEqualTo(1);
			assertThat(count(registry, "agent.tracing.sampling.traces", "decision", "passed_through", "reason", "none"))
				.isEqualTo(1);
			assertThat(count(registry, "agent.tracing.sampling.spans", "fate", "kept", "cause", "none")).isEqualTo(2);
			assertThat(count(registry, "agent.tracing.sampling.spans", "fate", "dropped", "cause", "none")).isEqualTo(1);
			assertThat(count(registry, "agent.tracing.sampling.spans", "fate", "passed_through", "cause", "none"))
				.isEqualTo(1);
			assertThat(registry.get("agent.tracing.sampling.held.spans").gauge().value()).isEqualTo(1);
			assertThat(registry.get("agent.tracing.sampling.held.traces").gauge().value()).isEqualTo(1);

			traces.provider.forceFlush();
			assertThat(count(registry, "agent.tracing.sampling.traces.early", "cause", "flush")).isEqualTo(1);
			assertThat(count(registry, "agent.tracing.sampling.spans", "fate", "dropped_early", "cause", "flush"))
				.isEqualTo(1);
			assertThat(registry.get("agent.tracing.sampling.held.spans").gauge().value()).isZero();
		}
	}

	private static double count(SimpleMeterRegistry registry, String name, String... tags) {
		return registry.get(name).tags(tags).functionCounter().count();
	}

}
