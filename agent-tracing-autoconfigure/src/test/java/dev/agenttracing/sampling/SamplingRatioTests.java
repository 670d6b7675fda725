package dev.agenttracing.sampling;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.agenttracing.sampling.SamplingFixture.INPUT_MESSAGES;
import static dev.agenttracing.sampling.SamplingFixture.end;
import static dev.agenttracing.sampling.SamplingFixture.keeping;
import static dev.agenttracing.sampling.SamplingFixture.seeded;
import static dev.agenttracing.sampling.SamplingFixture.traceIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ratios are kept, are decided from the trace id alone, and the content ratio is
 * independent of the keep ratio; traces without an agent run follow the other-traces
 * ratio.
 */
class SamplingRatioTests {

	private static final int RUNS = 100_000;

	@ParameterizedTest
	@ValueSource(doubles = { 0.01, 0.1, 0.25, 0.5, 0.9 })
	void keptShareOfSuccessfulRunsIsTheRatio(double ratio) {
		try (SamplingFixture traces = new SamplingFixture(keeping(ratio))) {
			long kept = 0;
			for (int i = 0; i < RUNS; i++) {
				end(traces.rootRun("support-router"), "success");
				if ((i + 1) % 10_000 == 0) {
					kept += traces.exported().size();
					traces.exporter.reset();
				}
			}
			double share = (double) kept / RUNS;
			System.out.printf("success ratio %.2f: kept %d of %d runs (%.4f)%n", ratio, kept, RUNS, share);
			assertThat(share).isCloseTo(ratio, within(0.01));
			assertThat(traces.stats().tracesKept(SamplingReason.RATIO)).isEqualTo(kept);
			assertThat(traces.stats().tracesDropped()).isEqualTo(RUNS - kept);
		}
	}

	@Test
	void contentShareOfKeptSuccessesIsTheContentRatioWhateverTheKeepRatio() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults()
				.withSuccessRatio(0.5)
				.withContentRetention(ContentRetention.EARNED)
				.withContentRatio(0.25))
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy)) {
			long kept = 0;
			long withContent = 0;
			for (int i = 0; i < RUNS; i++) {
				Span run = traces.rootRun("support-router");
				traces.chat(run).end();
				end(run, "success");
				if ((i + 1) % 10_000 == 0) {
					for (SpanData span : traces.exported()) {
						if (span.getName().startsWith("chat")) {
							kept++;
							withContent += (span.getAttributes().get(INPUT_MESSAGES) != null) ? 1 : 0;
						}
					}
					traces.exporter.reset();
				}
			}
			double keptShare = (double) kept / RUNS;
			double contentShare = (double) withContent / kept;
			System.out.printf("kept %.4f of runs, %.4f of kept runs with content%n", keptShare, contentShare);
			assertThat(keptShare).isCloseTo(0.5, within(0.01));
			assertThat(contentShare).isCloseTo(0.25, within(0.01));
		}
	}

	@Test
	void twoServicesWithTheSameRatioKeepTheSameTraces() {
		Set<String> keptByOne = keptTraceIds(0.3, seeded(42), 5_000);
		Set<String> keptByOther = keptTraceIds(0.3, seeded(42), 5_000);
		Set<String> keptAtLowerRatio = keptTraceIds(0.1, seeded(42), 5_000);

		assertThat(keptByOne).hasSizeBetween(1_250, 1_750).isEqualTo(keptByOther);
		assertThat(keptByOne).containsAll(keptAtLowerRatio);
		assertThat(keptAtLowerRatio).hasSizeBetween(350, 650);
	}

	@Test
	void decisionComesFromTheRightmost56BitsOfTheTraceId() {
		String half = "ffffffffffffffff" + "0080000000000000";
		String justBelowHalf = "0000000000000000" + "ff7fffffffffffff";

		assertThat(TraceIdRandomness.keepValue(half)).isEqualTo(1L << 55);
		assertThat(TraceIdRandomness.keepValue(half) >= TraceIdRandomness.threshold(0.5)).isTrue();
		assertThat(TraceIdRandomness.keepValue(justBelowHalf) >= TraceIdRandomness.threshold(0.5)).isFalse();
		assertThat(TraceIdRandomness.keepValue("ffffffffffffffffffffffffffffffff") >= TraceIdRandomness.threshold(0.0))
			.isFalse();
		assertThat(TraceIdRandomness.keepValue("00000000000000000000000000000001") >= TraceIdRandomness.threshold(1.0))
			.isTrue();
	}

	@Test
	void traceWithoutAgentRunIsPassedThroughOrDroppedByTheOtherTracesRatioOfItsTraceId() {
		// At 0.5 the threshold is 2^55: a keep value (the rightmost 56 bits) from
		// 80000000000000 up is passed through, one below it is dropped.
		String passed = "4bf92f3577b34da6a3" + "80000000000000";
		String dropped = "4bf92f3577b34da6a3" + "7fffffffffffff";
		String passedAlone = "00f067aa0ba902b7c1" + "ffffffffffffff";
		String droppedAlone = "00f067aa0ba902b7c1" + "00000000000000";
		String passedOpen = "5b8efff798038103d2" + "c0000000000000";
		String droppedOpen = "5b8efff798038103d2" + "12345678901234";
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults().withSuccessRatio(0.0))
			.otherTracesRatio(0.5)
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy, SamplingLimits.defaults(),
				traceIds(passed, dropped, passedAlone, droppedAlone, passedOpen, droppedOpen), SpanLimits.getDefault())) {
			// Held until the local root ends.
			for (String name : List.of("GET /passed", "GET /dropped")) {
				Span http = traces.http(name);
				Span query = traces.child("SELECT " + name, http);
				query.setAttribute(INPUT_MESSAGES, "not content: passed through untouched");
				query.end();
				http.end();
			}
			// A local root alone.
			traces.http("GET /passed-alone").end();
			traces.http("GET /dropped-alone").end();
			// Decided early, by a flush, on the held child; the root ends late and follows.
			Span passedRoot = traces.http("GET /passed-open");
			traces.child("SELECT GET /passed-open", passedRoot).end();
			Span droppedRoot = traces.http("GET /dropped-open");
			traces.child("SELECT GET /dropped-open", droppedRoot).end();
			traces.provider.forceFlush().join(10, TimeUnit.SECONDS);
			passedRoot.end();
			droppedRoot.end();

			assertThat(traces.exportedNames()).containsExactly("GET /passed", "GET /passed-alone", "GET /passed-open",
					"SELECT GET /passed", "SELECT GET /passed-open");
			assertThat(traces.exportedSpansByTrace()).containsOnlyKeys(passed, passedAlone, passedOpen);
			assertThat(traces.exported("SELECT GET /passed").getAttributes().get(INPUT_MESSAGES))
				.isEqualTo("not content: passed through untouched");
			SamplingStats stats = traces.stats();
			assertThat(stats.tracesPassedThrough()).isEqualTo(3);
			assertThat(stats.tracesDropped()).isEqualTo(3);
			assertThat(stats.tracesKept()).isZero();
			assertThat(stats.earlyDecisions(EarlyDecisionCause.FLUSH)).isEqualTo(2);
			assertThat(stats.spansPassedThrough()).isEqualTo(5);
			assertThat(stats.spansDropped()).isEqualTo(3);
			assertThat(stats.spansDroppedEarly(EarlyDecisionCause.FLUSH)).isEqualTo(2);
			assertThat(stats.lateSpans()).isEqualTo(2);
			assertThat(stats.spansReceived()).isEqualTo(10);
		}
	}

	@Test
	void otherTracesRatioLeavesTracesWithAgentSpansToTheirRules() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults().withSuccessRatio(1.0))
			.otherTracesRatio(0.0)
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy)) {
			Span http = traces.http("POST /tickets");
			end(traces.run("support-router", http), "success");
			http.end();
			traces.http("GET /health").end();
			Span unfinished = traces.rootRun("support-router");
			traces.chat(unfinished).end();
			traces.provider.forceFlush().join(10, TimeUnit.SECONDS);

			assertThat(traces.exportedNames()).containsExactly("POST /tickets", "chat gpt-4o",
					"invoke_agent support-router");
			assertThat(traces.stats().tracesKept(SamplingReason.RATIO)).isEqualTo(2);
			assertThat(traces.stats().tracesDropped()).isEqualTo(1);
			assertThat(traces.stats().tracesPassedThrough()).isZero();
		}
	}

	private static Set<String> keptTraceIds(double ratio, IdGenerator ids, int runs) {
		try (SamplingFixture traces = new SamplingFixture(keeping(ratio), SamplingLimits.defaults(), ids,
				SpanLimits.getDefault())) {
			Set<String> all = new HashSet<>();
			for (int i = 0; i < runs; i++) {
				Span run = traces.rootRun("support-router");
				traces.chat(run).end();
				end(run, "success");
				all.add(run.getSpanContext().getTraceId());
			}
			assertThat(all).hasSize(runs);
			assertThat(traces.exportedSpansByTrace()).allSatisfy((traceId, spans) -> assertThat(spans).isEqualTo(2));
			return traces.exported().stream().map(SpanData::getTraceId).collect(Collectors.toSet());
		}
	}

}
