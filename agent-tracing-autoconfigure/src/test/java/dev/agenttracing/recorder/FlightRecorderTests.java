package dev.agenttracing.recorder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;

import static dev.agenttracing.recorder.SpanFixture.batch;
import static dev.agenttracing.recorder.SpanFixture.nanos;
import static dev.agenttracing.recorder.SpanFixture.run;
import static dev.agenttracing.recorder.SpanFixture.span;
import static dev.agenttracing.recorder.SpanFixture.spanId;
import static dev.agenttracing.recorder.SpanFixture.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the flight recorder keeps, for how long, and how it shows it.
 */
class FlightRecorderTests {

	private static final FlightRecorderLimits DEFAULTS = FlightRecorderLimits.defaults();

	@Test
	void aTraceBecomesARunOfItsTopLevelInvokeAgentSpanWithTheRunsNestedInIt() {
		FlightRecorder recorder = new FlightRecorder(DEFAULTS);
		// Spans end bottom-up: the model and tool calls, the nested run, then the run.
		recorder.record(batch(span(1, 3, "chat gpt-4o").parent(2).operation(GenAiOperations.CHAT).at(10, 40)));
		recorder.record(batch(span(1, 5, "chat gpt-4o").parent(4).operation(GenAiOperations.CHAT).at(60, 80)));
		assertThat(recorder.runs(RunQuery.all()).runs()).isEmpty();
		assertThat(recorder.stats().pendingTraces()).isEqualTo(1);

		recorder.record(batch(run(1, 4, "billing-specialist", "success").parent(6).at(55, 90)));
		recorder.record(batch(span(1, 6, "execute_tool escalate").parent(2).operation(GenAiOperations.EXECUTE_TOOL)
			.at(50, 95)));
		recorder.record(batch(run(1, 2, "support-router", "success").parent(1)
			.with(AgentAttributes.USER_ID, "c-007")
			.with(GenAiAttributes.CONVERSATION_ID, "T-1001")
			.with(AgentAttributes.WORKFLOW_RUN_ID, "wf-1")
			.at(5, 100)));

		RunList list = recorder.runs(RunQuery.all());
		assertThat(list.runs()).singleElement().satisfies((run) -> {
			assertThat(run.traceId()).isEqualTo(traceId(1));
			assertThat(run.agentName()).isEqualTo("support-router");
			assertThat(run.agents()).containsExactly("support-router", "billing-specialist");
			assertThat(run.outcome()).isEqualTo("success");
			assertThat(run.userId()).isEqualTo("c-007");
			assertThat(run.conversationId()).isEqualTo("T-1001");
			assertThat(run.workflowRunId()).isEqualTo("wf-1");
			assertThat(run.startTime()).isEqualTo(Instant.ofEpochSecond(0, nanos(5)));
			assertThat(run.durationNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(95));
			assertThat(run.spanCount()).isEqualTo(5);
			assertThat(run.failed()).isFalse();
		});
		assertThat(list.recorder()).isEqualTo(new RecorderStats(1, 0, 0, 0, 0, 0));

		// The HTTP request that carried the run ends last: it joins the tree as its root.
		recorder.record(batch(span(1, 1, "http post /tickets").kind(SpanKind.SERVER).at(0, 110)));
		RunTree tree = recorder.run(traceId(1)).orElseThrow();
		assertThat(tree.spans()).extracting(RunTree.Span::name, RunTree.Span::depth, RunTree.Span::parentSpanId)
			.containsExactly(tuple("http post /tickets", 0, null), tuple("invoke_agent support-router", 1, spanId(1)),
					tuple("chat gpt-4o", 2, spanId(2)), tuple("execute_tool escalate", 2, spanId(2)),
					tuple("invoke_agent billing-specialist", 3, spanId(6)), tuple("chat gpt-4o", 4, spanId(4)));
		assertThat(tree.startTime()).isEqualTo(Instant.ofEpochSecond(0, nanos(0)));
		assertThat(tree.durationNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(110));
		assertThat(tree.run().spanCount()).isEqualTo(6);
	}

	@Test
	void tracesWithoutAnAgentRunAreNeverListedAndTheirSpansAreBounded() {
		FlightRecorder recorder = new FlightRecorder(new FlightRecorderLimits(50, 200, 3, 256, 256 * 1024, 16_384));
		// Requests still in progress: their local root has not ended, a run may still come.
		for (int trace = 1; trace <= 10; trace++) {
			recorder.record(batch(span(trace, 2, "SELECT orders").parent(1).kind(SpanKind.CLIENT).at(1, 2)));
		}

		assertThat(recorder.runs(RunQuery.all()).runs()).isEmpty();
		assertThat(recorder.run(traceId(10))).isEmpty();
		assertThat(recorder.stats()).isEqualTo(new RecorderStats(0, 0, 3, 0, 7, 0));
	}

	@Test
	void aTraceWhoseLocalRootEndedWithoutAnyAgentRunIsNotKeptNorWaiting() {
		FlightRecorder recorder = new FlightRecorder(DEFAULTS);
		for (int trace = 1; trace <= 500; trace++) {
			// page loads and health checks: a root with or without children, in one batch or two
			if (trace % 2 == 0) {
				recorder.record(batch(span(trace, 2, "SELECT orders").parent(1).kind(SpanKind.CLIENT).at(1, 2),
						span(trace, 1, "http get /orders").kind(SpanKind.SERVER).at(0, 3)));
			}
			else {
				recorder.record(batch(span(trace, 2, "render").parent(1).at(1, 2)));
				recorder.record(batch(span(trace, 1, "http get /").kind(SpanKind.SERVER).at(0, 3)));
			}
		}
		// a request that came from another service: its local root has a remote parent
		recorder.record(batch(span(501, 1, "http get /health").remoteParent(9).kind(SpanKind.SERVER).at(0, 1)));

		assertThat(recorder.runs(RunQuery.all()).runs()).isEmpty();
		assertThat(recorder.stats()).isEqualTo(new RecorderStats(0, 0, 0, 0, 0, 0));

		// A request whose root ended with a model call in it but no run yet keeps waiting for it.
		recorder.record(batch(span(600, 2, "chat gpt-4o").parent(1).operation(GenAiOperations.CHAT).at(1, 2),
				span(600, 1, "http post /chat").kind(SpanKind.SERVER).at(0, 5)));
		assertThat(recorder.stats().pendingTraces()).isEqualTo(1);
		recorder.record(batch(run(600, 3, "late-agent", "success").parent(1).at(1, 6)));
		assertThat(recorder.runs(RunQuery.all()).runs()).extracting(RunSummary::agentName)
			.containsExactly("late-agent");
		assertThat(recorder.stats().pendingTraces()).isZero();
	}

	@Test
	void pendingTracesWithGenAiSpansOutliveThoseWithout() {
		FlightRecorder recorder = new FlightRecorder(new FlightRecorderLimits(50, 200, 2, 256, 256 * 1024, 16_384));
		recorder.record(batch(span(1, 2, "chat gpt-4o").parent(1).operation(GenAiOperations.CHAT).at(1, 2)));
		recorder.record(batch(span(2, 2, "SELECT health").parent(1).at(0, 1)));
		recorder.record(batch(span(3, 2, "SELECT health").parent(1).at(0, 1)));
		recorder.record(batch(run(1, 1, "support-router", "success").at(0, 3)));

		assertThat(recorder.run(traceId(1)).orElseThrow().spans()).extracting(RunTree.Span::name)
			.containsExactly("invoke_agent support-router", "chat gpt-4o");
		assertThat(recorder.stats().discardedTraces()).isEqualTo(1);
	}

	@Test
	void failedAndRefusedRunsAreKeptLongerThanSuccessfulOnes() {
		FlightRecorder recorder = new FlightRecorder(new FlightRecorderLimits(2, 3, 100, 256, 256 * 1024, 16_384));
		recordRun(recorder, 1, "error");
		recordRun(recorder, 2, "success");
		recordRun(recorder, 3, "refused");
		recordRun(recorder, 4, "success");
		recordRun(recorder, 5, "success");
		recordRun(recorder, 6, "success");
		// A run that answered although one of its tools failed is kept with the failures.
		recorder.record(batch(span(7, 2, "execute_tool lookupCustomer").parent(1)
			.operation(GenAiOperations.EXECUTE_TOOL)
			.failed("CustomerNotFoundException", "no customer c-999")
			.at(10, 20), run(7, 1, "support-router", "success").at(7000, 7100)));
		recordRun(recorder, 8, "success");
		recordRun(recorder, 9, "error");

		List<RunSummary> runs = recorder.runs(RunQuery.all()).runs();
		assertThat(runs).extracting(RunSummary::traceId)
			.containsExactly(traceId(9), traceId(8), traceId(7), traceId(6), traceId(3));
		assertThat(runs).filteredOn(RunSummary::failed)
			.extracting(RunSummary::traceId)
			.containsExactlyInAnyOrder(traceId(3), traceId(7), traceId(9));
		assertThat(recorder.stats()).isEqualTo(new RecorderStats(2, 3, 0, 4, 0, 0));
	}

	@Test
	void aRunKeepsItsEarliestStartedSpansWithinItsSpanBound() {
		FlightRecorder recorder = new FlightRecorder(new FlightRecorderLimits(50, 200, 100, 4, 256 * 1024, 16_384));
		for (int child = 2; child <= 7; child++) {
			recorder.record(batch(span(1, child, "execute_tool step" + child).parent(1)
				.operation(GenAiOperations.EXECUTE_TOOL)
				.at(child * 10, child * 10 + 5)));
		}
		recorder.record(batch(run(1, 1, "planner", "success").at(0, 100)));

		RunTree tree = recorder.run(traceId(1)).orElseThrow();
		assertThat(tree.spans()).extracting(RunTree.Span::name)
			.containsExactly("invoke_agent planner", "execute_tool step2", "execute_tool step3", "execute_tool step4");
		assertThat(tree.run().droppedSpanCount()).isEqualTo(3);
		assertThat(recorder.stats().droppedSpans()).isEqualTo(3);
	}

	@Test
	void aRunKeepsItsEarliestStartedSpansWithinItsSizeBound() {
		String prompt = "x".repeat(1000);
		FlightRecorder recorder = new FlightRecorder(new FlightRecorderLimits(50, 200, 100, 256, 8 * 1024, 16_384));
		for (int child = 2; child <= 21; child++) {
			recorder.record(batch(span(1, child, "chat gpt-4o").parent(1)
				.operation(GenAiOperations.CHAT)
				.with(AttributeKey.stringKey("gen_ai.input.messages"), prompt)
				.at(child * 10, child * 10 + 5)));
		}
		recorder.record(batch(run(1, 1, "planner", "success").at(0, 300)));

		RunTree tree = recorder.run(traceId(1)).orElseThrow();
		// About 3 KB a model call, 1 KB the run: the run and the first two model calls fit in 8 KB.
		assertThat(tree.spans()).extracting(RunTree.Span::spanId).containsExactly(spanId(1), spanId(2), spanId(3));
		assertThat(tree.run().droppedSpanCount()).isEqualTo(18);
	}

	@Test
	void longValuesAreCutAndTheSpanSaysWhichOnes() {
		FlightRecorder recorder = new FlightRecorder(new FlightRecorderLimits(50, 200, 100, 256, 256 * 1024, 64));
		String result = "{\"rows\":[" + "1,".repeat(100) + "1]}";
		recorder.record(batch(span(1, 2, "execute_tool export").parent(1)
			.operation(GenAiOperations.EXECUTE_TOOL)
			.with(AttributeKey.stringKey("gen_ai.tool.call.result"), result)
			.with(AttributeKey.stringKey("gen_ai.tool.name"), "export")
			.event("exception", 3, Attributes.of(AttributeKey.stringKey("exception.stacktrace"), "at x\n".repeat(40)))
			.at(1, 5), run(1, 1, "exporter", "success").at(0, 10)));

		RunTree.Span tool = recorder.run(traceId(1)).orElseThrow().spans().get(1);
		assertThat(tool.attributes()).filteredOn((attribute) -> attribute.key().equals("gen_ai.tool.call.result"))
			.singleElement()
			.satisfies((attribute) -> assertThat(attribute.value()).isEqualTo(result.substring(0, 64)));
		assertThat(tool.events().get(0).attributes().get(0).value()).isEqualTo("at x\n".repeat(40).substring(0, 64));
		assertThat(tool.cutAttributes()).containsExactly("gen_ai.tool.call.result", "exception/exception.stacktrace");
	}

	@Test
	void aRunTreeHoldsTypedAttributesEventsStatusAndTimes() {
		FlightRecorder recorder = new FlightRecorder(DEFAULTS);
		recorder.record(batch(
				span(1, 2, "chat gpt-4o").parent(1)
					.kind(SpanKind.CLIENT)
					.operation(GenAiOperations.CHAT)
					.with(GenAiAttributes.USAGE_INPUT_TOKENS, 42L)
					.with(GenAiAttributes.REQUEST_TEMPERATURE, 0.2)
					.with(GenAiAttributes.RESPONSE_FINISH_REASONS, List.of("tool_call"))
					.with(AgentAttributes.RESPONSE_TRUNCATED, false)
					.at(10, 30),
				span(1, 3, "execute_tool lookupCustomer").parent(1)
					.operation(GenAiOperations.EXECUTE_TOOL)
					.failed("CustomerNotFoundException", "no customer c-999")
					.at(35, 40),
				run(1, 1, "support-router", "error").failed("IllegalStateException", "gave up")
					.event("agent.iteration", 31,
							Attributes.of(AttributeKey.longKey("agent.iteration.number"), 1L,
									AttributeKey.stringArrayKey("agent.iteration.tool_calls"),
									List.of("lookupCustomer")))
					.at(0, 50)));

		RunTree tree = recorder.run(traceId(1)).orElseThrow();

		assertThat(tree.run().outcome()).isEqualTo("error");
		assertThat(tree.run().errorSpanCount()).isEqualTo(2);
		assertThat(tree.run().firstErrorSpanId()).isEqualTo(spanId(3));
		assertThat(tree.run().firstErrorSpanName()).isEqualTo("execute_tool lookupCustomer");
		RunTree.Span run = tree.spans().get(0);
		assertThat(run.status()).isEqualTo("ERROR");
		assertThat(run.statusDescription()).isEqualTo("gave up");
		assertThat(run.events()).singleElement().satisfies((event) -> {
			assertThat(event.name()).isEqualTo("agent.iteration");
			assertThat(event.offsetNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(31));
			assertThat(event.time()).isEqualTo(Instant.ofEpochSecond(0, nanos(31)));
			assertThat(event.attributes()).containsExactly(new RunTree.Attribute("agent.iteration.number", "long", 1L),
					new RunTree.Attribute("agent.iteration.tool_calls", "string_array", List.of("lookupCustomer")));
		});
		RunTree.Span chat = tree.spans().get(1);
		assertThat(chat.kind()).isEqualTo("CLIENT");
		assertThat(chat.status()).isEqualTo("UNSET");
		assertThat(chat.offsetNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
		assertThat(chat.durationNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
		assertThat(chat.attributes()).containsExactly(
				new RunTree.Attribute("agent.response.truncated", "boolean", false),
				new RunTree.Attribute("gen_ai.operation.name", "string", "chat"),
				new RunTree.Attribute("gen_ai.request.temperature", "double", 0.2),
				new RunTree.Attribute("gen_ai.response.finish_reasons", "string_array", List.of("tool_call")),
				new RunTree.Attribute("gen_ai.usage.input_tokens", "long", 42L));
		RunTree.Span tool = tree.spans().get(2);
		assertThat(tool.status()).isEqualTo("ERROR");
		assertThat(tool.statusDescription()).isEqualTo("no customer c-999");
		assertThat(tool.attributes()).contains(new RunTree.Attribute("error.type", "string", "CustomerNotFoundException"));
	}

	@Test
	void runsAreFilteredByAgentOutcomeUserConversationWorkflowRunAndTime() {
		FlightRecorder recorder = new FlightRecorder(DEFAULTS);
		recorder.record(batch(run(1, 1, "support-router", "success").with(AgentAttributes.USER_ID, "c-007")
			.with(GenAiAttributes.CONVERSATION_ID, "T-1")
			.with(AgentAttributes.WORKFLOW_RUN_ID, "wf-1")
			.at(1000, 1100)));
		recorder.record(batch(run(2, 2, "billing-specialist", "success").parent(1).at(2010, 2050),
				run(2, 1, "support-router", "refused").with(AgentAttributes.USER_ID, "c-666")
					.with(GenAiAttributes.CONVERSATION_ID, "T-2")
					.with(AgentAttributes.WORKFLOW_RUN_ID, "wf-2")
					.at(2000, 2100)));
		recorder.record(batch(run(3, 1, "triage", "error").with(AgentAttributes.USER_ID, "c-007")
			.with(GenAiAttributes.CONVERSATION_ID, "T-3")
			.with(AgentAttributes.WORKFLOW_RUN_ID, "wf-3")
			.at(3000, 3100)));

		assertThat(traceIds(recorder, RunQuery.all())).containsExactly(traceId(3), traceId(2), traceId(1));
		assertThat(traceIds(recorder, query("billing-specialist", null, null, null, null, null, null, null)))
			.containsExactly(traceId(2));
		assertThat(traceIds(recorder, query("support-router", null, null, null, null, null, null, null)))
			.containsExactly(traceId(2), traceId(1));
		assertThat(traceIds(recorder, query(null, "refused", null, null, null, null, null, null)))
			.containsExactly(traceId(2));
		assertThat(traceIds(recorder, query(null, null, "c-007", null, null, null, null, null)))
			.containsExactly(traceId(3), traceId(1));
		assertThat(traceIds(recorder, query(null, null, null, "T-3", null, null, null, null)))
			.containsExactly(traceId(3));
		assertThat(traceIds(recorder, query(null, null, null, null, "wf-1", null, null, null)))
			.containsExactly(traceId(1));
		assertThat(traceIds(recorder, query(null, null, null, null, null, at(2000), at(3000), null)))
			.containsExactly(traceId(2));
		assertThat(traceIds(recorder, query(null, null, "c-007", null, null, at(1001), null, null)))
			.containsExactly(traceId(3));
		assertThat(traceIds(recorder, query(" ", "", null, null, null, null, null, 2)))
			.containsExactly(traceId(3), traceId(2));
	}

	@Test
	void memoryStaysBoundedUnderConcurrentLoad() throws Exception {
		FlightRecorderLimits limits = new FlightRecorderLimits(20, 30, 40, 8, 16 * 1024, 256);
		FlightRecorder recorder = new FlightRecorder(limits);
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				int first = thread * 1000 + 1;
				work.add(threads.submit(() -> {
					for (int trace = first; trace < first + 1000; trace++) {
						for (int child = 2; child <= 12; child++) {
							recorder.record(batch(span(trace, child, "chat m").parent(1)
								.operation(GenAiOperations.CHAT)
								.with(AttributeKey.stringKey("gen_ai.input.messages"), "y".repeat(500))
								.at(child, child + 1)));
						}
						if (trace % 5 != 0) {
							recorder.record(batch(run(trace, 1, "agent", (trace % 3 == 0) ? "error" : "success")
								.at(0, 20)));
						}
						recorder.record(batch(span(trace + 100_000, 1, "http get /health").at(0, 1)));
					}
				}));
			}
			for (Future<?> future : work) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		RecorderStats stats = recorder.stats();
		assertThat(stats.successfulRuns()).isEqualTo(20);
		assertThat(stats.failedRuns()).isEqualTo(30);
		assertThat(stats.pendingTraces()).isLessThanOrEqualTo(40);
		assertThat(stats.evictedRuns()).isEqualTo(3200 - 50);
		assertThat(recorder.runs(RunQuery.of(null, null, null, null, null, null, null, null, 1000)).runs())
			.hasSize(50)
			.allSatisfy((run) -> assertThat(run.spanCount()).isLessThanOrEqualTo(8));
	}

	@Test
	void aRunCarriesItsFindingsAndTheStepOfItsFirstFinding() {
		FlightRecorder recorder = new FlightRecorder(DEFAULTS);
		RecorderWebApplication.recordRunWithFindings(recorder, 1);

		RunSummary run = recorder.runs(RunQuery.all()).runs().get(0);
		assertThat(run.findings()).containsExactly("empty_tool_result", "ungrounded_value");
		assertThat(run.findingCount()).isEqualTo(2);
		assertThat(run.hasFindings()).isTrue();
		// The finding on the tool happened before the one on the final answer.
		assertThat(run.firstFindingSpanId()).isEqualTo(spanId(3));
		assertThat(run.firstFindingSpanName()).isEqualTo("execute_tool lookupPricing");
		// A finding is a suspicion: the run is still a success, kept with the successful runs.
		assertThat(run.outcome()).isEqualTo("success");
		assertThat(run.failed()).isFalse();
		assertThat(recorder.stats().successfulRuns()).isEqualTo(1);
		RunTree.Span tool = recorder.run(traceId(1)).orElseThrow().spans().get(2);
		assertThat(tool.name()).isEqualTo("execute_tool lookupPricing");
		assertThat(tool.events()).singleElement().satisfies((event) -> {
			assertThat(event.name()).isEqualTo("agent.finding");
			assertThat(event.attributes()).containsExactly(
					new RunTree.Attribute("agent.finding.kind", "string", "empty_tool_result"),
					new RunTree.Attribute("agent.finding.message", "string",
							"Tool lookupPricing returned an empty result: {}"));
		});
	}

	@Test
	void aRunWithoutFindingsHasNone() {
		FlightRecorder recorder = new FlightRecorder(DEFAULTS);
		recordRun(recorder, 1, "success");

		RunSummary run = recorder.runs(RunQuery.all()).runs().get(0);
		assertThat(run.findings()).isEmpty();
		assertThat(run.findingCount()).isZero();
		assertThat(run.hasFindings()).isFalse();
		assertThat(run.firstFindingSpanId()).isNull();
		assertThat(run.firstFindingSpanName()).isNull();
	}

	@Test
	void runsAreFilteredByAnyFindingOrByItsKind() {
		FlightRecorder recorder = new FlightRecorder(DEFAULTS);
		recordRun(recorder, 1, "success");
		RecorderWebApplication.recordRunWithFindings(recorder, 2);
		recorder.record(batch(run(3, 1, "support-router", "success")
			.with(AttributeKey.stringArrayKey("agent.findings"), List.of("repeated_tool_call"))
			.with(AttributeKey.longKey("agent.finding.count"), 1L)
			.event("agent.finding", 3050,
					Attributes.of(AttributeKey.stringKey("agent.finding.kind"), "repeated_tool_call",
							AttributeKey.stringKey("agent.finding.message"), "Tool lookupCustomer was called 3 times with the same arguments",
							AttributeKey.longKey("agent.finding.repeats"), 3L))
			.at(3000, 3100)));
		recordRun(recorder, 4, "error");

		assertThat(traceIds(recorder, findingQuery("any"))).containsExactly(traceId(3), traceId(2));
		assertThat(traceIds(recorder, findingQuery("ungrounded_value"))).containsExactly(traceId(2));
		assertThat(traceIds(recorder, findingQuery("repeated_tool_call"))).containsExactly(traceId(3));
		assertThat(traceIds(recorder, findingQuery("budget_exceeded"))).isEmpty();
		assertThat(traceIds(recorder, findingQuery(" "))).containsExactly(traceId(4), traceId(3), traceId(2),
				traceId(1));
		assertThat(traceIds(recorder,
				RunQuery.of(null, "success", "any", null, null, null, null, at(2500), null)))
			.containsExactly(traceId(2));
		RunSummary repeated = recorder.runs(findingQuery("repeated_tool_call")).runs().get(0);
		assertThat(repeated.firstFindingSpanName()).isEqualTo("invoke_agent support-router");
	}

	@Test
	void aSubAgentsFindingsCountForTheRunItServed() {
		FlightRecorder recorder = new FlightRecorder(DEFAULTS);
		recorder.record(batch(run(5, 1, "support-router", "success").at(5000, 5400),
				run(5, 2, "billing-specialist", "success").parent(1)
					.with(AttributeKey.stringArrayKey("agent.findings"), List.of("ungrounded_value"))
					.with(AttributeKey.longKey("agent.finding.count"), 2L)
					.at(5100, 5300)));

		RunSummary run = recorder.runs(RunQuery.all()).runs().get(0);
		assertThat(run.agentName()).isEqualTo("support-router");
		assertThat(run.findings()).containsExactly("ungrounded_value");
		assertThat(run.findingCount()).isEqualTo(2);
		assertThat(traceIds(recorder, findingQuery("ungrounded_value"))).containsExactly(traceId(5));
		assertThat(traceIds(recorder, findingQuery("any"))).containsExactly(traceId(5));
	}

	private static RunQuery findingQuery(String finding) {
		return RunQuery.of(null, null, finding, null, null, null, null, null, null);
	}

	private static void recordRun(FlightRecorder recorder, int trace, String outcome) {
		recorder.record(batch(run(trace, 1, "support-router", outcome).at(trace * 1000L, trace * 1000L + 100)));
	}

	private static Instant at(long millis) {
		return Instant.ofEpochSecond(0, nanos(millis));
	}

	private static RunQuery query(String agent, String outcome, String user, String conversation, String workflowRunId,
			Instant from, Instant to, Integer limit) {
		return RunQuery.of(agent, outcome, null, user, conversation, workflowRunId, from, to, limit);
	}

	private static List<String> traceIds(FlightRecorder recorder, RunQuery query) {
		return recorder.runs(query).runs().stream().map(RunSummary::traceId).toList();
	}

}
