package dev.agenttracing.sample;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.agenttracing.sample.router.CustomerNotFoundException;
import dev.agenttracing.sample.router.ExampleTickets;
import dev.agenttracing.sample.router.RouterAnswer;
import dev.agenttracing.sample.router.SupportRouterAgent;
import dev.agenttracing.sample.router.Ticket;
import dev.agenttracing.test.AgentRunTrace;
import dev.agenttracing.test.AgentTraceExtension;
import dev.agenttracing.test.AgentTraces;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs every example ticket of the sample through both applications and asserts its
 * trace tree, and the {@code POST /tickets} API.
 */
class SupportRouterSampleTests {

	private static final String CHAT = "chat offline-support-1";

	/** Both applications' spans, emptied before each test. */
	@RegisterExtension
	static final AgentTraceExtension agentTraces = AgentTraceExtension.standalone();

	private static final ByteArrayOutputStream console = new ByteArrayOutputStream();

	private static SupportRouterSample.Running sample;

	private static SupportRouterAgent router;

	@BeforeAll
	static void start() {
		sample = SupportRouterSample.start(
				List.of(agentTraces.spanProcessor(),
						new TraceConsole(new PrintStream(console, true, StandardCharsets.UTF_8))),
				"--server.port=0", "--sample.examples.enabled=false", "--sample.model.latency=0ms");
		router = sample.router().getBean(SupportRouterAgent.class);
	}

	@AfterAll
	static void stop() {
		sample.close();
	}

	@Test
	void knowledgeBaseQuestionShowsTheRetrieval() {
		RouterAnswer answer = router.handle(ticket("T-1001"));

		AgentRunTrace run = runOf(answer);
		assertThatRun(run).succeeded().hasSteps(CHAT, "execute_tool searchKnowledgeBase", CHAT);
		assertThatRun(run).span("retrieval kb-articles")
			.hasParent("execute_tool searchKnowledgeBase")
			.hasKind(SpanKind.CLIENT);
		assertThat(answer.answer()).contains("reset your password");
		assertNoFinding(run);
	}

	@Test
	void unsupportedCurrencyShowsThePricingCallAndTheModelCallThatInventedThePrice() {
		RouterAnswer answer = router.handle(ticket("T-1002"));

		AgentRunTrace run = runOf(answer);
		assertThatRun(run).succeeded().hasSteps(CHAT, "execute_tool lookupPricing", CHAT).hasModelCalls(2);
		assertThatRun(run).modelCall(0).hasAttribute("gen_ai.response.finish_reasons", List.of("tool_call"));
		// The root cause: the pricing tool was asked for JPY and came back empty...
		assertThatRun(run).toolCall("lookupPricing")
			.hasStatus(StatusCode.UNSET)
			.hasAttribute("gen_ai.tool.call.arguments", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")
			.hasAttribute("gen_ai.tool.call.result", "{}");
		// ...and the model call that followed received that empty result and answered anyway.
		String callId = run.toolCalls("lookupPricing").get(0).callId();
		assertThatRun(run).modelCall(1)
			.hasAttributeContaining("gen_ai.input.messages",
					"{\"type\":\"tool_call_response\",\"id\":\"" + callId + "\",\"response\":{}}")
			.hasAttributeContaining("gen_ai.output.messages", "The Pro plan costs 4,900 JPY per month.")
			.hasAttribute("gen_ai.response.finish_reasons", List.of("stop"));
		assertThat(run.modelCalls().get(1).getStartEpochNanos())
			.isGreaterThanOrEqualTo(run.toolCalls("lookupPricing").get(0).span().getEndEpochNanos());
		// The wrong answer: JPY is not a supported currency, the price is made up.
		assertThat(answer.answer()).isEqualTo("The Pro plan costs 4,900 JPY per month.");
		// The diagnosis points at both: the empty result and the value found in no input.
		assertThat(findingKinds(run.toolCalls("lookupPricing").get(0).span())).containsExactly("empty_tool_result");
		assertThat(findingKinds(run.modelCalls().get(0))).isEmpty();
		assertThat(findingKinds(run.modelCalls().get(1))).containsExactly("ungrounded_value");
		assertThat(run.span().getAttributes().get(AttributeKey.stringArrayKey("agent.findings")))
			.containsExactly("empty_tool_result", "ungrounded_value");
		assertThat(run.span().getAttributes().get(AttributeKey.longKey("agent.finding.count"))).isEqualTo(2L);
		assertThat(run.outcome()).isEqualTo("success");
		assertThat(run.modelCalls().get(1).getEvents()
			.stream()
			.filter((event) -> event.getName().equals("agent.finding"))
			.map((event) -> event.getAttributes().get(AttributeKey.stringKey("agent.finding.message")))
			.toList()).containsExactly("The answer states 1 value found in none of the run's inputs: 4,900");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(console.toString(StandardCharsets.UTF_8))
				.contains("⚠ FINDING empty_tool_result"));
	}

	@Test
	void billingCaseReachesTheBillingSpecialistOverHttpInTheSameTrace() {
		RouterAnswer answer = router.handle(ticket("T-1003"));

		AgentRunTrace run = runOf(answer);
		assertThatRun(run).hasSubAgents("billing-specialist")
			.subAgent("billing-specialist")
			.succeeded()
			.hasSteps(CHAT);
		SpanData escalate = run.toolCalls("escalateToBilling").get(0).span();
		assertThatRun(run).toolCall("escalateToBilling").succeeded();
		SpanData server = run.parentOf(run.subRun("billing-specialist").orElseThrow().span()).orElseThrow();
		assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
		SpanData client = run.parentOf(server).orElseThrow();
		assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(run.parentOf(client).orElseThrow().getSpanId()).isEqualTo(escalate.getSpanId());
		assertThat(answer.answer()).contains("refund of 49.00 EUR");
		// The specialist's values come from its instructions: no finding in either run.
		assertNoFinding(run);
		assertNoFinding(run.subRun("billing-specialist").orElseThrow());
	}

	@Test
	void orderQuestionUsesTheMcpTool() {
		RouterAnswer answer = router.handle(ticket("T-1004"));

		AgentRunTrace run = runOf(answer);
		assertThatRun(run).calledTools("orderStatus")
			.span("execute_tool orderStatus")
			.hasAttribute("gen_ai.tool.name", "orderStatus")
			.hasAttribute("mcp.method.name", "tools/call")
			.hasAttribute("network.transport", "tcp");
		SpanData orderStatus = run.spans()
			.stream()
			.filter((span) -> span.getName().equals("execute_tool orderStatus"))
			.findFirst()
			.orElseThrow();
		// The order service continued the router's trace from params._meta: its server span is
		// a child of the router's execute_tool span, whatever the HTTP transport did.
		SpanData served = await().atMost(Duration.ofSeconds(10))
			.until(() -> agentTraces.traces()
				.spans()
				.stream()
				.filter((span) -> span.getName().equals("tools/call orderStatus"))
				.findFirst()
				.orElse(null), Objects::nonNull);
		assertThat(served.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(served.getTraceId()).isEqualTo(orderStatus.getTraceId());
		assertThat(served.getParentSpanId()).isEqualTo(orderStatus.getSpanId());
		assertThat(served.getAttributes().get(AttributeKey.stringKey("mcp.method.name"))).isEqualTo("tools/call");
		assertThat(served.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("orderStatus");
		assertThat(served.getAttributes().get(AttributeKey.stringKey("mcp.session.id"))).isNotBlank();
		assertThat(served.getAttributes().get(AttributeKey.stringKey("network.transport"))).isEqualTo("tcp");
		assertThat(served.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
		assertThat(answer.answer()).isEqualTo("Your order ORD-5512 is shipped, expected delivery 2026-11-24.");
		assertNoFinding(run);
	}

	@Test
	void harmfulRequestIsRefusedByTheModel() {
		RouterAnswer answer = router.handle(ticket("T-1005"));

		assertThatRun(runOf(answer)).wasRefused("content_filter").hasSteps(CHAT);
		assertThat(answer.outcome()).isEqualTo("refused");
		assertNoFinding(runOf(answer));
	}

	@Test
	void bugReportFilesATicketForEngineering() {
		RouterAnswer answer = router.handle(ticket("T-1006"));

		assertThatRun(runOf(answer)).hasSteps(CHAT, "execute_tool fileTicket", CHAT);
		assertThat(answer.answer()).startsWith("I filed a ticket for our engineering team: ENG-");
		assertNoFinding(runOf(answer));
	}

	@Test
	void unknownCustomerMarksTheToolFailedWhileTheAgentAnswers() {
		RouterAnswer answer = router.handle(ticket("T-1007"));

		AgentRunTrace run = runOf(answer);
		assertThatRun(run).succeeded().hasFailedTools("lookupCustomer");
		assertThatRun(run).toolCall("lookupCustomer").failedWith(CustomerNotFoundException.class);
		assertThatRun(run).span("execute_tool lookupCustomer").hasStatus(StatusCode.ERROR);
		assertThat(answer.answer()).startsWith("I could not find your account");
		// The failure is acknowledged by the answer: not a tool_error_ignored finding.
		assertNoFinding(run);
	}

	@Test
	void postTicketsReturnsTheRunIdOfTheTraceThatAnsweredIt() {
		String port = sample.router().getEnvironment().getProperty("local.server.port");
		RouterAnswer answer = RestClient.create("http://localhost:" + port)
			.post()
			.uri("/tickets")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customerId", "c-042", "text", "How much does the Pro plan cost in EUR?"))
			.retrieve()
			.body(RouterAnswer.class);

		assertThat(answer.answer()).isEqualTo("The Pro plan costs 45.00 EUR per month.");
		AgentTraces traces = agentTraces.traces();
		AgentRunTrace run = traces.awaitRun("support-router", Duration.ofSeconds(10));
		assertThat(run.runId()).isEqualTo(answer.runId());
		SpanData server = await().atMost(Duration.ofSeconds(10))
			.until(() -> traces.lastRun("support-router").parentOf(run.span()).orElse(null), Objects::nonNull);
		assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(server.getName()).isEqualTo("http post /tickets");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(console.toString(StandardCharsets.UTF_8))
				.contains("workflow.run_id=" + answer.runId()));
	}

	/** The kinds of the findings on a span. */
	private static List<String> findingKinds(SpanData span) {
		return span.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("agent.finding"))
			.map((event) -> event.getAttributes().get(AttributeKey.stringKey("agent.finding.kind")))
			.toList();
	}

	/** No span of the run's trace carries a finding, and neither does the run. */
	private static void assertNoFinding(AgentRunTrace run) {
		assertThat(run.span().getAttributes().get(AttributeKey.stringArrayKey("agent.findings"))).isNull();
		assertThat(run.span().getAttributes().get(AttributeKey.longKey("agent.finding.count"))).isNull();
		assertThat(run.spans().stream().flatMap((span) -> findingKinds(span).stream()).toList()).isEmpty();
	}

	private static Ticket ticket(String id) {
		return ExampleTickets.TICKETS.stream().filter((ticket) -> ticket.id().equals(id)).findFirst().orElseThrow();
	}

	/** The run that answered, checked to be the one whose id the answer carries. */
	private static AgentRunTrace runOf(RouterAnswer answer) {
		AgentRunTrace run = agentTraces.traces().lastRun("support-router");
		assertThat(run.runId()).as("workflow.run_id of the run that answered %s", answer.ticketId())
			.isEqualTo(answer.runId());
		return run;
	}

}
