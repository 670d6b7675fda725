package dev.agenttracing.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import dev.agenttracing.semconv.AgentAttributes;

import static dev.agenttracing.sampling.SamplingFixture.fail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads end the spans of many runs at once while the bounds are low: the bounds
 * hold at every moment, every span is accounted for exactly once, traces stay whole, and
 * nothing deadlocks.
 */
class TraceSamplingConcurrencyTests {

	private static final int RUNS = 10_000;

	private static final int THREADS = 16;

	private static final int RUNS_IN_FLIGHT_PER_THREAD = 8;

	private static final int MAX_HELD_SPANS = 64;

	/** Above the thread count, so that a full table always holds a trace to decide early. */
	private static final int MAX_HELD_TRACES = 32;

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
	void concurrentRunsKeepTheBoundsAndEverySpanIsAccountedFor() throws Exception {
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults()
				.withSuccessRatio(0.3)
				.withContentRetention(ContentRetention.EARNED)
				.withContentRatio(0.5))
			.build();
		// Every decision is remembered for the whole test (more room than traces, and the
		// fixture's clock stands still), so a trace decided twice is a race, never a
		// forgotten decision.
		SamplingLimits limits = SamplingLimits.defaults()
			.withMaxHeldSpans(MAX_HELD_SPANS)
			.withMaxHeldTraces(MAX_HELD_TRACES)
			.withRememberedDecisions(2 * RUNS);
		try (SamplingFixture traces = new SamplingFixture(policy, limits)) {
			Map<String, AtomicInteger> producedByTrace = new ConcurrentHashMap<>();
			AtomicLong produced = new AtomicLong();
			AtomicInteger mostHeldSpans = new AtomicInteger();
			AtomicInteger mostHeldTraces = new AtomicInteger();
			AtomicInteger nextRun = new AtomicInteger();
			CountDownLatch start = new CountDownLatch(1);
			Runnable sample = () -> {
				mostHeldSpans.accumulateAndGet(traces.stats().heldSpans(), Math::max);
				mostHeldTraces.accumulateAndGet(traces.stats().heldTraces(), Math::max);
			};
			Runnable worker = () -> {
				await(start);
				List<List<Span>> inFlight = new ArrayList<>();
				while (true) {
					while (inFlight.size() < RUNS_IN_FLIGHT_PER_THREAD && nextRun.getAndIncrement() < RUNS) {
						inFlight.add(spansOfOneRun(traces));
					}
					if (inFlight.isEmpty()) {
						return;
					}
					// One span of each run in flight in turn, so that many traces are open at once.
					for (List<Span> ending : inFlight) {
						Span span = ending.remove(0);
						span.end();
						produced.incrementAndGet();
						producedByTrace.computeIfAbsent(span.getSpanContext().getTraceId(), (id) -> new AtomicInteger())
							.incrementAndGet();
						sample.run();
					}
					inFlight.removeIf(List::isEmpty);
				}
			};
			ExecutorService executor = Executors.newFixedThreadPool(THREADS);
			try {
				List<Future<?>> workers = new ArrayList<>();
				for (int i = 0; i < THREADS; i++) {
					workers.add(executor.submit(worker));
				}
				start.countDown();
				for (Future<?> done : workers) {
					done.get();
				}
			}
			finally {
				executor.shutdownNow();
			}
			traces.provider.forceFlush().join(30, TimeUnit.SECONDS);

			SamplingStats stats = traces.stats();
			System.out.println(stats + ", early decisions " + earlyDecisions(stats) + ", most held " + mostHeldSpans
					+ " spans, " + mostHeldTraces + " traces");
			assertThat(mostHeldSpans.get()).isPositive().isLessThanOrEqualTo(MAX_HELD_SPANS);
			assertThat(mostHeldTraces.get()).isPositive().isLessThanOrEqualTo(MAX_HELD_TRACES);
			assertThat(earlyDecisions(stats)).as("the bounds were reached").isPositive();
			assertThat(stats.heldSpans()).isZero();
			assertThat(stats.heldTraces()).isZero();
			assertThat(stats.spansReceived()).isEqualTo(produced.get());
			assertThat(stats.spansKept() + stats.spansDropped() + stats.spansDroppedEarly()
					+ stats.spansPassedThrough()).isEqualTo(produced.get());
			assertThat((long) traces.exported().size()).isEqualTo(stats.spansKept() + stats.spansPassedThrough());
			assertThat(stats.tracesKept() + stats.tracesDropped() + stats.tracesPassedThrough())
				.as("each trace decided once").isEqualTo(producedByTrace.size());
			assertThat(traces.exportedSpansByTrace()).as("kept traces are whole")
				.allSatisfy((traceId, spans) -> assertThat(spans.intValue())
					.isEqualTo(producedByTrace.get(traceId).get()));
			assertThat(traces.failures.total()).isZero();
		}
	}

	/**
	 * The spans of one trace in the order they end: an agent run under an HTTP server span
	 * (some failing, some refused, some with a failed tool), or plain HTTP traffic.
	 */
	private static List<Span> spansOfOneRun(SamplingFixture traces) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Span http = traces.http("POST /tickets");
		List<Span> ending = new ArrayList<>();
		if (random.nextInt(10) == 0) {
			ending.add(traces.child("SELECT tickets", http));
			ending.add(traces.child("SELECT customers", http));
		}
		else {
			Span run = traces.run("support-router", http);
			ending.add(traces.chat(run));
			Span tool = traces.tool("lookup_pricing", run);
			if (random.nextInt(10) == 0) {
				fail(tool);
			}
			ending.add(tool);
			ending.add(traces.chat(run));
			int outcome = random.nextInt(20);
			run.setAttribute(AgentAttributes.OUTCOME,
					(outcome == 0) ? "error" : (outcome == 1) ? "refused" : "success");
			if (outcome == 0) {
				fail(run);
			}
			ending.add(run);
		}
		ending.add(http);
		return ending;
	}

	private static long earlyDecisions(SamplingStats stats) {
		long total = 0;
		for (EarlyDecisionCause cause : EarlyDecisionCause.values()) {
			total += stats.earlyDecisions(cause);
		}
		return total;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
