package dev.agenttracing.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.agenttracing.conformance.OtlpTestReceiver.Transport;
import dev.agenttracing.sample.SupportRouterSample;
import dev.agenttracing.sample.router.ExampleTickets;
import dev.agenttracing.sample.router.RouterAnswer;
import dev.agenttracing.sample.router.SupportRouterAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is lost at shutdown: spans still waiting in the batch processor when the
 * applications close are exported before the close returns.
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

}
