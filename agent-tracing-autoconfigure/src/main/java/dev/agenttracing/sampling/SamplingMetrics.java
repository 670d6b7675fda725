package dev.agenttracing.sampling;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes {@link SamplingStats} as Micrometer meters:
 * <ul>
 * <li>{@code agent.tracing.sampling.traces} (counter), tags {@code decision}
 * ({@code kept}, {@code dropped}, {@code passed_through}) and {@code reason} (a
 * {@link SamplingReason#value()} for kept traces, {@code none} otherwise);</li>
 * <li>{@code agent.tracing.sampling.traces.early} (counter), tag {@code cause}: traces
 * decided before their local root ended ({@link EarlyDecisionCause#value()});</li>
 * <li>{@code agent.tracing.sampling.spans} (counter), tags {@code fate} ({@code kept},
 * {@code dropped}, {@code dropped_early}, {@code passed_through}) and {@code cause} (an
 * {@link EarlyDecisionCause#value()} for {@code dropped_early}, {@code none}
 * otherwise);</li>
 * <li>{@code agent.tracing.sampling.spans.content.stripped} and
 * {@code agent.tracing.sampling.spans.late} (counters);</li>
 * <li>{@code agent.tracing.sampling.held.spans} and
 * {@code agent.tracing.sampling.held.traces} (gauges).</li>
 * </ul>
 */
public final class SamplingMetrics implements MeterBinder {

	private static final String PREFIX = "agent.tracing.sampling.";

	private static final String NONE = "none";

	private final SamplingStats stats;

	/**
	 * Metrics of one processor.
	 * @param stats the processor's {@link TraceSamplingProcessor#stats()}
	 */
	public SamplingMetrics(SamplingStats stats) {
		this.stats = stats;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (SamplingReason reason : SamplingReason.values()) {
			traces(registry, "kept", reason.value(), (stats) -> stats.tracesKept(reason));
		}
		traces(registry, "dropped", NONE, SamplingStats::tracesDropped);
		traces(registry, "passed_through", NONE, SamplingStats::tracesPassedThrough);
		for (EarlyDecisionCause cause : EarlyDecisionCause.values()) {
			counter(registry, "traces.early", "Traces decided before their local root ended",
					Tags.of("cause", cause.value()), (stats) -> stats.earlyDecisions(cause));
			spans(registry, "dropped_early", cause.value(), (stats) -> stats.spansDroppedEarly(cause));
		}
		spans(registry, "kept", NONE, SamplingStats::spansKept);
		spans(registry, "dropped", NONE, SamplingStats::spansDropped);
		spans(registry, "passed_through", NONE, SamplingStats::spansPassedThrough);
		counter(registry, "spans.content.stripped", "Kept spans exported without their content", Tags.empty(),
				SamplingStats::spansContentStripped);
		counter(registry, "spans.late", "Spans that ended after their trace was decided", Tags.empty(),
				SamplingStats::lateSpans);
		Gauge.builder(PREFIX + "held.spans", this.stats, SamplingStats::heldSpans)
			.description("Spans held until their trace is decided")
			.register(registry);
		Gauge.builder(PREFIX + "held.traces", this.stats, SamplingStats::heldTraces)
			.description("Traces held undecided")
			.register(registry);
	}

	private void traces(MeterRegistry registry, String decision, String reason,
			ToDoubleFunction<SamplingStats> count) {
		counter(registry, "traces", "Traces decided by tail sampling", Tags.of("decision", decision, "reason", reason),
				count);
	}

	private void spans(MeterRegistry registry, String fate, String cause, ToDoubleFunction<SamplingStats> count) {
		counter(registry, "spans", "Spans by what tail sampling did with them", Tags.of("fate", fate, "cause", cause),
				count);
	}

	private void counter(MeterRegistry registry, String name, String description, Tags tags,
			ToDoubleFunction<SamplingStats> count) {
		FunctionCounter.builder(PREFIX + name, this.stats, count)
			.description(description)
			.tags(tags)
			.register(registry);
	}

}
