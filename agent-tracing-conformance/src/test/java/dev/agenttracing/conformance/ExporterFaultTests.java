package dev.agenttracing.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.agenttracing.conformance.OtlpTestReceiver.Transport;
import dev.agenttracing.sample.SupportRouterSample;
import dev.agenttracing.sample.router.ExampleTickets;
import dev.agenttracing.sample.router.RouterAnswer;
import dev.agenttracing.sample.router.SupportRouterAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample exports over Spring Boot's OTLP/HTTP exporter to an endpoint that refuses
 * connections, accepts them and never answers, answers slowly, or is down and comes
 * back. Whatever the endpoint does, every agent run returns its normal answer without
 * waiting on the exporter (each run takes a fraction of the exporter's timeout), the batch
 * queue never holds more than its bound (spans beyond it are dropped, not kept), what
 * came of the spans is counted in the {@code agent.tracing.export.*} metrics, and export
 * resumes when the endpoint is back.
 */
class ExporterFaultTests {

	/** Boot's OTLP exporter timeout, as configured here (its default). */
	private static final Duration OTLP_TIMEOUT = Duration.ofSeconds(10);

	/** No run may take this long: far below the timeouts a blocked run would wait for. */
	private static final Duration MAX_RUN_TIME = Duration.ofSeconds(2);

	/** A small batch queue, so that an outage fills it within a few runs. */
	private static final int MAX_QUEUE_SIZE = 64;

	private static final int MAX_BATCH_SIZE = 16;

	private static final int RUNS = 30;

	private static final Duration DEADLINE = Duration.ofSeconds(90);

	@Test
	void refusedEndpointCountsFailedExportsAndRunsDoNotWait() throws Exception {
		try (FaultyOtlpEndpoint endpoint = FaultyOtlpEndpoint.refused();
				SupportRouterSample.Running sample = start(endpoint.endpoint())) {
			ExportMeters meters = new ExportMeters(sample);
			runAndCheck(sample, meters, RUNS);
			await().atMost(DEADLINE).until(() -> meters.otlp("failed") > 0);
			assertThat(meters.otlp("exported")).isZero();
			assertThat(meters.queueSize()).isLessThanOrEqualTo(MAX_QUEUE_SIZE);
		}
	}

	@Test
	void endpointThatNeverAnswersFillsTheQueueAndDropsAreCounted() throws Exception {
		try (FaultyOtlpEndpoint endpoint = FaultyOtlpEndpoint.blackHole();
				SupportRouterSample.Running sample = start(endpoint.endpoint())) {
			ExportMeters meters = new ExportMeters(sample);
			runAndCheck(sample, meters, RUNS);
			// The first batch waits for the exporter's timeout; the queue fills meanwhile.
			await().atMost(DEADLINE).until(() -> meters.dropped() > 0);
			assertThat(meters.otlp("exported")).isZero();
			assertThat(meters.queueSize()).isLessThanOrEqualTo(MAX_QUEUE_SIZE);
		}
	}

	@Test
	void slowEndpointDeliversWhatItCanAndRunsDoNotWait() throws Exception {
		try (FaultyOtlpEndpoint.Slow endpoint = FaultyOtlpEndpoint.slow(Duration.ofSeconds(3));
				SupportRouterSample.Running sample = start(endpoint.endpoint())) {
			ExportMeters meters = new ExportMeters(sample);
			runAndCheck(sample, meters, RUNS);
			await().atMost(DEADLINE).until(() -> meters.otlp("exported") > 0);
			assertThat(endpoint.answered()).isPositive();
			assertThat(meters.otlp("failed")).isZero();
			assertThat(meters.queueSize()).isLessThanOrEqualTo(MAX_QUEUE_SIZE);
		}
	}

	@Test
	void exportResumesWhenTheEndpointComesBack() throws Exception {
		FaultyOtlpEndpoint down = FaultyOtlpEndpoint.refused();
		try (SupportRouterSample.Running sample = start(down.endpoint())) {
			ExportMeters meters = new ExportMeters(sample);
			runAndCheck(sample, meters, RUNS / 3);
			await().atMost(DEADLINE).until(() -> meters.otlp("failed") > 0);
			assertThat(meters.otlp("exported")).isZero();

			try (OtlpTestReceiver receiver = OtlpTestReceiver.startOnHttpPort(down.port())) {
				// What the queue still held is delivered once the exporter's retry backoff is over.
				await().atMost(DEADLINE).until(() -> meters.otlp("exported") > 0 && meters.queueSize() == 0);
				assertThat(receiver.spans().named("invoke_agent support-router")).isNotEmpty();
				List<String> runIdsAfterReturn = runAndCheck(sample, meters, RUNS / 3);
				await().atMost(DEADLINE).untilAsserted(() -> {
					Set<String> received = receiver.spans()
						.named("invoke_agent support-router")
						.stream()
						.map((run) -> run.string("workflow.run_id"))
						.collect(Collectors.toSet());
					assertThat(received).containsAll(runIdsAfterReturn);
				});
			}
		}
	}

	private static SupportRouterSample.Running start(String endpoint) {
		return ExportingSample.start(endpoint, Transport.HTTP, List.of(),
				"management.opentelemetry.tracing.export.otlp.timeout=" + OTLP_TIMEOUT.toSeconds() + "s",
				"management.opentelemetry.tracing.export.schedule-delay=100ms",
				"management.opentelemetry.tracing.export.max-batch-size=" + MAX_BATCH_SIZE,
				"management.opentelemetry.tracing.export.max-queue-size=" + MAX_QUEUE_SIZE);
	}

	/**
	 * Route tickets one after the other: each returns its normal answer, well within
	 * {@link #MAX_RUN_TIME}, and the batch queue stays within its bound meanwhile.
	 * @return the run ids
	 */
	private static List<String> runAndCheck(SupportRouterSample.Running sample, ExportMeters meters, int runs) {
		SupportRouterAgent router = sample.router().getBean(SupportRouterAgent.class);
		List<String> runIds = new ArrayList<>();
		long slowest = 0;
		for (int i = 0; i < runs; i++) {
			var ticket = ExampleTickets.TICKETS.get(i % ExampleTickets.TICKETS.size());
			long started = System.nanoTime();
			RouterAnswer answer = router.handle(ticket);
			slowest = Math.max(slowest, System.nanoTime() - started);
			assertThat(answer.ticketId()).isEqualTo(ticket.id());
			assertThat(answer.answer()).isNotBlank();
			assertThat(answer.outcome()).isIn("success", "refused");
			runIds.add(answer.runId());
			assertThat(meters.queueSize()).as("spans in the batch queue").isLessThanOrEqualTo(MAX_QUEUE_SIZE);
		}
		assertThat(Duration.ofNanos(slowest)).as("slowest of %d runs", runs).isLessThan(MAX_RUN_TIME);
		return runIds;
	}

	/**
	 * The export meters of the support router.
	 */
	private record ExportMeters(MeterRegistry registry) {

		ExportMeters(SupportRouterSample.Running sample) {
			this(sample.router().getBean(MeterRegistry.class));
		}

		/** Spans of Boot's OTLP exporter, by outcome. */
		double otlp(String outcome) {
			return spans("OtlpHttpSpanExporter", outcome);
		}

		/** Spans the batch span processor dropped. */
		double dropped() {
			return spans("none", "dropped");
		}

		private double spans(String exporter, String outcome) {
			FunctionCounter counter = this.registry.find("agent.tracing.export.spans")
				.tag("exporter", exporter)
				.tag("outcome", outcome)
				.functionCounter();
			assertThat(counter).as("agent.tracing.export.spans{exporter=%s,outcome=%s}", exporter, outcome)
				.isNotNull();
			return counter.count();
		}

		double queueSize() {
			Gauge gauge = this.registry.find("agent.tracing.export.queue.size").gauge();
			assertThat(gauge).as("agent.tracing.export.queue.size").isNotNull();
			return gauge.value();
		}

	}

}
