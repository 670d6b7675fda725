package dev.agenttracing.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.opentelemetry.context.Context;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.Test;

import dev.agenttracing.conformance.OtlpTestReceiver.Transport;
import dev.agenttracing.sample.SupportRouterSample;
import dev.agenttracing.sample.router.ExampleTickets;
import dev.agenttracing.sample.router.RouterAnswer;
import dev.agenttracing.sample.router.SupportRouterAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is lost at shutdown: spans still waiting in the batch processor when the
 * applications close are exported before the close returns, and a run still in flight
 * then is exported too, its open spans ended with the shutdown status.
 */
class ShutdownFlushTests {

	/** Runs on top of the sample's example tickets. */
	private static final int MORE_RUNS = 13;

	@Test
	void spansWaitingInTheBatchProcessorAreExportedWhenTheApplicationsClose() throws Exception {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			// Nothing is exported on a timer or because a batch is full: only the flush at shutdown can.
			SupportRouterSample.Running sample = ExportingSample.start(receiver.endpoint(Transport.GRPC),
					Transport.GRPC, List.of(), "management.opentelemetry.tracing.export.schedule-delay=1h",
					"management.opentelemetry.tracing.export.max-batch-size=4096",
					"management.opentelemetry.tracing.export.max-queue-size=8192");
			List<String> runIds = new ArrayList<>();
			SupportRouterAgent router = sample.router().getBean(SupportRouterAgent.class);
			for (int i = 0; i < MORE_RUNS; i++) {
				RouterAnswer answer = router.handle(ExampleTickets.TICKETS.get(i % ExampleTickets.TICKETS.size()));
				runIds.add(answer.runId());
			}
			assertThat(receiver.exports()).as("exports before shutdown").isEmpty();

			sample.close();

			WireSpans spans = receiver.spans();
			List<WireSpan> runs = spans.named("invoke_agent support-router");
			assertThat(runs).hasSize(ExampleTickets.TICKETS.size() + MORE_RUNS);
			assertThat(runs.stream().map(WireSpan::traceId).distinct()).hasSize(runs.size());
			Set<String> exportedRunIds = runs.stream()
				.map((run) -> run.string("workflow.run_id"))
				.collect(Collectors.toSet());
			assertThat(exportedRunIds).containsAll(runIds);
			for (WireSpan run : runs) {
				WireSpans trace = spans.trace(run.traceId());
				assertThat(trace.roots()).as("roots of the trace of run %s:%n%s", run.string("workflow.run_id"), trace)
					.containsExactly(run);
				assertThat(trace.childrenOf(run)).as("children of %s", run).isNotEmpty();
			}
		}
	}

	@Test
	void runInFlightWhenTheApplicationsCloseIsExportedWithTheShutdownStatus() throws Exception {
		ModelCallGate gate = new ModelCallGate();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			SupportRouterSample.Running sample = ExportingSample.start(receiver.endpoint(Transport.GRPC),
					Transport.GRPC, List.of(gate), "management.opentelemetry.tracing.export.schedule-delay=1h",
					"management.opentelemetry.tracing.export.max-batch-size=4096",
					"management.opentelemetry.tracing.export.max-queue-size=8192");
			SupportRouterAgent router = sample.router().getBean(SupportRouterAgent.class);
			var ticket = ExampleTickets.TICKETS.get(1);
			gate.arm();
			CompletableFuture<RouterAnswer> inFlight = CompletableFuture.supplyAsync(() -> router.handle(ticket),
					executor);
			assertThat(gate.entered.await(60, TimeUnit.SECONDS)).as("the run reached its model call").isTrue();

			sample.close();

			WireSpans spans = receiver.spans();
			List<WireSpan> runs = spans.named("invoke_agent support-router");
			assertThat(runs).hasSize(ExampleTickets.TICKETS.size() + 1);
			List<WireSpan> cutShort = runs.stream().filter((run) -> "shutdown".equals(run.string("error.type"))).toList();
			assertThat(cutShort).singleElement().satisfies((run) -> {
				assertThat(run.statusCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
				assertThat(run.span().getStatus().getMessage())
					.isEqualTo("The application shut down before the operation completed");
				assertThat(run.string("agent.outcome")).isEqualTo("error");
			});
			for (WireSpan run : runs) {
				if (!cutShort.contains(run)) {
					assertThat(run.statusCode()).as("status of finished run %s", run.string("workflow.run_id"))
						.isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
				}
			}

			gate.release.countDown();
			RouterAnswer answer = inFlight.get(60, TimeUnit.SECONDS);
			assertThat(answer.ticketId()).isEqualTo(ticket.id());
			assertThat(answer.outcome()).isEqualTo("success");
			assertThat(answer.runId()).isEqualTo(cutShort.get(0).string("workflow.run_id"));
		}
		finally {
			gate.release.countDown();
			executor.shutdownNow();
		}
	}

	/**
	 * Once armed, holds the first model call that starts (a {@code chat} span) until
	 * released: its run is then in flight.
	 */
	static final class ModelCallGate implements SpanProcessor {

		private final AtomicBoolean armed = new AtomicBoolean();

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		void arm() {
			this.armed.set(true);
		}

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
			if (span.getName().startsWith("chat ") && this.armed.compareAndSet(true, false)) {
				this.entered.countDown();
				try {
					this.release.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public boolean isStartRequired() {
			return true;
		}

		@Override
		public void onEnd(ReadableSpan span) {
		}

		@Override
		public boolean isEndRequired() {
			return false;
		}

	}

}
