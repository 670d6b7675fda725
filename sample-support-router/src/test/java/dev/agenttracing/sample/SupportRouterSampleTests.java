package dev.agenttracing.sample;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agenttracing.sample.router.CustomerNotFoundException;
import dev.agenttracing.sample.router.ExampleTickets;
import dev.agenttracing.sample.router.RouterAnswer;
import dev.agenttracing.sample.router.SupportRouterAgent;
import dev.agenttracing.sample.router.Ticket;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs every example ticket of the sample through both applications and asserts its
 * trace tree, and the {@code POST /tickets} API.
 */
class SupportRouterSampleTests {

	private static final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private static final ByteArrayOutputStream console = new ByteArrayOutputStream();

	private static SupportRouterSample.Running sample;

	private static SupportRouterAgent router;

	@BeforeAll
	static void start() {
		sample = SupportRouterSample.start(
				List.of(SimpleSpanProcessor.create(exporter),
						new TraceConsole(new PrintStream(console, true, StandardCharsets.UTF_8))),
				"--server.port=0", "--sample.examples.enabled=false", "--sample.model.latency=0ms");
		router = sample.router().getBean(SupportRouterAgent.class);
	}

	@AfterAll
	static void stop() {
		sample.close();
	}

	@BeforeEach
	void reset() {
		exporter.reset();
	}

	@Test
	void knowledgeBaseQuestionShowsTheRetrieval() {
		Trace trace = route(ticket("T-1001"));

		assertThat(trace.childNames(trace.run())).containsExactly("chat offline-support-1",
				"execute_tool searchKnowledgeBase", "chat offline-support-1");
		SpanData retrieval = trace.one("retrieval kb-articles");
		assertThat(trace.parentOf(retrieval).getName()).isEqualTo("execute_tool searchKnowledgeBase");
		assertThat(retrieval.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(trace.answer().answer()).contains("reset your password");
		assertThat(trace.outcome()).isEqualTo("success");
	}

	@Test
	void unsupportedCurrencyShowsThePricingCallAndTheModelCallThatInventedThePrice() {
		Trace trace = route(ticket("T-1002"));

		assertThat(trace.childNames(trace.run())).containsExactly("chat offline-support-1",
				"execute_tool lookupPricing", "chat offline-support-1");
		List<SpanData> chats = trace.named("chat offline-support-1");
		assertThat(chats.get(0).getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
			.containsExactly("tool_call");
		SpanData pricing = trace.one("execute_tool lookupPricing");
		assertThat(pricing.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		// The root cause: the pricing tool was asked for JPY and came back empty...
		assertThat(pricing.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.arguments")))
			.isEqualTo("{\"plan\":\"pro\",\"currency\":\"JPY\"}");
		assertThat(pricing.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.result"))).isEqualTo("{}");
		// ...and the model call that followed received that empty result and answered anyway.
		assertThat(chats.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
			.contains("{\"type\":\"tool_call_response\",\"id\":\"" + pricing.getAttributes()
				.get(AttributeKey.stringKey("gen_ai.tool.call.id")) + "\",\"response\":{}}");
		assertThat(chats.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages")))
			.contains("The Pro plan costs 4,900 JPY per month.");
		assertThat(chats.get(1).getStartEpochNanos()).isGreaterThanOrEqualTo(pricing.getEndEpochNanos());
		assertThat(chats.get(1).getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
			.containsExactly("stop");
		// The wrong answer: JPY is not a supported currency, the price is made up.
		assertThat(trace.answer().answer()).isEqualTo("The Pro plan costs 4,900 JPY per month.");
		assertThat(trace.outcome()).isEqualTo("success");
	}

	@Test
	void billingCaseReachesTheBillingSpecialistOverHttpInTheSameTrace() {
		Trace trace = route(ticket("T-1003"));

		SpanData escalate = trace.one("execute_tool escalateToBilling");
		SpanData billing = trace.one("invoke_agent billing-specialist");
		SpanData server = trace.parentOf(billing);
		assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
		SpanData client = trace.parentOf(server);
		assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(trace.parentOf(client).getSpanId()).isEqualTo(escalate.getSpanId());
		assertThat(trace.childNames(billing)).containsExactly("chat offline-support-1");
		assertThat(billing.getAttributes().get(AttributeKey.stringKey("agent.outcome"))).isEqualTo("success");
		assertThat(trace.answer().answer()).contains("refund of 49.00 EUR");
	}

	@Test
	void orderQuestionUsesTheMcpTool() {
		Trace trace = route(ticket("T-1004"));

		SpanData orderStatus = trace.one("execute_tool orderStatus");
		assertThat(orderStatus.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
			.isEqualTo("orderStatus");
		assertThat(orderStatus.getAttributes().get(AttributeKey.stringKey("mcp.method.name"))).isEqualTo("tools/call");
		assertThat(orderStatus.getAttributes().get(AttributeKey.stringKey("network.transport"))).isEqualTo("tcp");
		// The order service continued the router's trace from params._meta: its server span is
		// a child of the router's execute_tool span, whatever the HTTP transport did.
		SpanData served = await().atMost(Duration.ofSeconds(10))
			.until(() -> exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals("tools/call orderStatus"))
				.findFirst()
				.orElse(null), (span) -> span != null);
		assertThat(served.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(served.getTraceId()).isEqualTo(orderStatus.getTraceId());
		assertThat(served.getParentSpanId()).isEqualTo(orderStatus.getSpanId());
		assertThat(served.getAttributes().get(AttributeKey.stringKey("mcp.method.name"))).isEqualTo("tools/call");
		assertThat(served.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("orderStatus");
		assertThat(served.getAttributes().get(AttributeKey.stringKey("mcp.session.id"))).isNotBlank();
		assertThat(served.getAttributes().get(AttributeKey.stringKey("network.transport"))).isEqualTo("tcp");
		assertThat(served.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
		assertThat(trace.answer().answer()).isEqualTo("Your order ORD-5512 is shipped, expected delivery 2026-11-24.");
	}

	@Test
	void harmfulRequestIsRefusedByTheModel() {
		Trace trace = route(ticket("T-1005"));

		assertThat(trace.outcome()).isEqualTo("refused");
		assertThat(trace.run().getAttributes().get(AttributeKey.stringKey("agent.refusal.reason")))
			.isEqualTo("content_filter");
		assertThat(trace.answer().outcome()).isEqualTo("refused");
		assertThat(trace.childNames(trace.run())).containsExactly("chat offline-support-1");
	}

	@Test
	void bugReportFilesATicketForEngineering() {
		Trace trace = route(ticket("T-1006"));

		assertThat(trace.childNames(trace.run())).containsExactly("chat offline-support-1", "execute_tool fileTicket",
				"chat offline-support-1");
		assertThat(trace.answer().answer()).startsWith("I filed a ticket for our engineering team: ENG-");
	}

	@Test
	void unknownCustomerMarksTheToolFailedWhileTheAgentAnswers() {
		Trace trace = route(ticket("T-1007"));

		SpanData lookup = trace.one("execute_tool lookupCustomer");
		assertThat(lookup.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(lookup.getAttributes().get(AttributeKey.stringKey("error.type")))
			.isEqualTo(CustomerNotFoundException.class.getName());
		assertThat(trace.outcome()).isEqualTo("success");
		assertThat(trace.answer().answer()).startsWith("I could not find your account");
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
		SpanData run = await().atMost(Duration.ofSeconds(10))
			.until(() -> exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals("invoke_agent support-router"))
				.findFirst()
				.orElse(null), (span) -> span != null);
		assertThat(run.getAttributes().get(AttributeKey.stringKey("workflow.run_id"))).isEqualTo(answer.runId());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(exporter.getFinishedSpanItems())
				.anySatisfy((span) -> assertThat(span.getSpanId()).isEqualTo(run.getParentSpanId())));
		SpanData server = exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getSpanId().equals(run.getParentSpanId()))
			.findFirst()
			.orElseThrow();
		assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(server.getName()).isEqualTo("http post /tickets");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(console.toString(StandardCharsets.UTF_8))
				.contains("workflow.run_id=" + answer.runId()));
	}

	private static Ticket ticket(String id) {
		return ExampleTickets.TICKETS.stream().filter((ticket) -> ticket.id().equals(id)).findFirst().orElseThrow();
	}

	private static Trace route(Ticket ticket) {
		RouterAnswer answer = router.handle(ticket);
		SpanData run = exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals("invoke_agent support-router"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no run span for " + ticket.id()));
		List<SpanData> spans = exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getTraceId().equals(run.getTraceId()))
			.toList();
		assertThat(run.getAttributes().get(AttributeKey.stringKey("workflow.run_id"))).isEqualTo(answer.runId());
		return new Trace(answer, run, spans);
	}

	record Trace(RouterAnswer answer, SpanData run, List<SpanData> spans) {

		String outcome() {
			return this.run.getAttributes().get(AttributeKey.stringKey("agent.outcome"));
		}

		List<SpanData> named(String name) {
			return this.spans.stream()
				.filter((span) -> span.getName().equals(name))
				.sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
				.toList();
		}

		SpanData one(String name) {
			List<SpanData> named = named(name);
			assertThat(named).as("spans named %s in %s", name, TraceConsole.render(this.spans)).hasSize(1);
			return named.get(0);
		}

		SpanData parentOf(SpanData child) {
			return this.spans.stream()
				.filter((span) -> span.getSpanId().equals(child.getParentSpanId()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no parent of " + child.getName()));
		}

		List<String> childNames(SpanData parent) {
			return this.spans.stream()
				.filter((span) -> span.getParentSpanId().equals(parent.getSpanId()))
				.sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
				.map(SpanData::getName)
				.toList();
		}

	}

}
