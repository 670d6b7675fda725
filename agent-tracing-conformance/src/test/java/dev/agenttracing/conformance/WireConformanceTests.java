package dev.agenttracing.conformance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.agenttracing.conformance.OtlpTestReceiver.Transport;
import dev.agenttracing.sample.SupportRouterSample;
import dev.agenttracing.sample.router.ExampleTickets;
import dev.agenttracing.sample.router.RouterAnswer;
import dev.agenttracing.sample.router.Ticket;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's example runs, and one ticket posted to its API, exported by Spring Boot's
 * own OTLP exporter over one transport into a receiver started by the test, then checked
 * as they arrived: every run whole, every span against the GenAI conventions (the
 * section of {@code target/conformance-report.md} for the transport), attribute types as
 * they travelled, and the resource as the user configured it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WireConformanceTests {

	private static final String RUN = "invoke_agent support-router";

	/** The children of each example ticket's run, in the order they started. */
	private static final Map<String, List<String>> RUN_CHILDREN = runChildren();

	private final GenAiConformance conformance = new GenAiConformance();

	private OtlpTestReceiver receiver;

	private RouterAnswer postedAnswer;

	/** The spring.application.name of each application, as configured. */
	private Set<String> applicationNames;

	private WireSpans spans;

	private ConformanceResult result;

	/**
	 * The transport the sample exports over.
	 * @return the transport
	 */
	abstract Transport transport();

	@BeforeAll
	void exportTheSampleRuns() throws Exception {
		this.receiver = OtlpTestReceiver.start();
		SupportRouterSample.Running sample = ExportingSample.start(this.receiver.endpoint(transport()), transport(),
				List.of(), "management.opentelemetry.tracing.export.schedule-delay=200ms");
		try {
			this.applicationNames = Set.of(sample.router().getEnvironment().getProperty("spring.application.name"),
					sample.orders().getEnvironment().getProperty("spring.application.name"));
			String router = "http://localhost:" + sample.router().getEnvironment().getProperty("local.server.port");
			this.postedAnswer = RestClient.create(router)
				.post()
				.uri("/tickets")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("id", "T-2001", "customerId", "c-042", "text", "How much does the Pro plan cost in EUR?"))
				.retrieve()
				.body(RouterAnswer.class);
			// Exported while the applications run, not only when they stop.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.receiver.spans().named(RUN).size() == ExampleTickets.TICKETS.size() + 1
						&& !this.receiver.spans().named("http post /tickets").isEmpty());
		}
		finally {
			sample.close();
		}
		this.spans = this.receiver.spans();
		this.result = this.conformance.check(this.spans);
		ConformanceReport.publish(transport().ordinal() + "-" + transport().propertyValue(),
				ConformanceReport.section("Run over OTLP " + title(),
						"The sample's " + ExampleTickets.TICKETS.size() + " example tickets and one ticket posted to "
								+ "`POST /tickets`, exported by Spring Boot's OTLP exporter "
								+ "(`management.opentelemetry.tracing.export.otlp.transport="
								+ transport().propertyValue() + "`) from both applications.",
						this.result),
				this.conformance.rules());
	}

	@AfterAll
	void stopTheReceiver() throws InterruptedException {
		this.receiver.close();
	}

	@Test
	void everyRunArrivesWholeOverTheConfiguredTransport() {
		assertThat(this.receiver.exports()).isNotEmpty()
			.allSatisfy((export) -> assertThat(export.transport()).isEqualTo(transport()));
		Map<String, WireSpan> runs = this.spans.named(RUN)
			.stream()
			.collect(Collectors.toMap((run) -> run.string("gen_ai.conversation.id"), (run) -> run));
		assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(
				concat(ExampleTickets.TICKETS.stream().map(Ticket::id).toList(), this.postedAnswer.ticketId()));
		assertThat(runs.values().stream().map(WireSpan::traceId).distinct()).hasSize(runs.size());
		runs.forEach((ticket, run) -> {
			WireSpans trace = this.spans.trace(run.traceId());
			assertThat(trace.roots()).as("roots of %s:%n%s", ticket, trace).hasSize(1);
			assertThat(trace.childNames(run)).as("children of the run of %s", ticket)
				.containsExactlyElementsOf(RUN_CHILDREN.get(ticket));
		});
		WireSpans posted = this.spans.trace(runs.get(this.postedAnswer.ticketId()).traceId());
		assertThat(posted.roots()).singleElement().satisfies((root) -> {
			assertThat(root.name()).isEqualTo("http post /tickets");
			assertThat(root.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
		});
		assertThat(runs.get(this.postedAnswer.ticketId()).string("workflow.run_id"))
			.isEqualTo(this.postedAnswer.runId());
	}

	@Test
	void billingSpecialistIsAChildOfTheToolThatCalledItOverHttp() {
		WireSpans trace = this.spans.trace(this.spans.one("invoke_agent billing-specialist").traceId());

		WireSpan billing = trace.one("invoke_agent billing-specialist");
		WireSpan server = trace.parentOf(billing);
		WireSpan client = trace.parentOf(server);
		assertThat(server.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
		assertThat(client.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
		assertThat(trace.parentOf(client).name()).isEqualTo("execute_tool escalateToBilling");
		assertThat(trace.childNames(billing)).containsExactly("chat offline-support-1");
	}

	@Test
	void everySpanFollowsTheGenAiConventions() {
		assertThat(this.result.violations()).as("violations (see target/conformance-report.md)").isEmpty();
		assertThat(this.result.families()).contains(SpanFamily.INVOKE_AGENT, SpanFamily.INFERENCE,
				SpanFamily.EXECUTE_TOOL, SpanFamily.RETRIEVAL, SpanFamily.NOT_GENAI);
		for (ConformanceRule rule : this.conformance.rules()) {
			if (!rule.id().startsWith("content-") && !rule.id().equals("mcp-span")) {
				assertThat(this.result.checked(rule)).as("spans checked by %s", rule.id()).isPositive();
			}
		}
	}

	@Test
	void attributesKeepTheirTypesOnTheWire() {
		WireSpan chat = this.spans.named("chat offline-support-1").get(0);
		assertThat(value(chat, "gen_ai.usage.input_tokens").getValueCase()).isEqualTo(AnyValue.ValueCase.INT_VALUE);
		assertThat(value(chat, "gen_ai.usage.output_tokens").getValueCase()).isEqualTo(AnyValue.ValueCase.INT_VALUE);
		assertThat(value(chat, "gen_ai.request.temperature").getValueCase())
			.isEqualTo(AnyValue.ValueCase.DOUBLE_VALUE);
		assertThat(value(chat, "gen_ai.response.finish_reasons").getArrayValue().getValuesList())
			.singleElement()
			.satisfies((reason) -> assertThat(reason.getValueCase()).isEqualTo(AnyValue.ValueCase.STRING_VALUE));
		WireSpan run = this.spans.named(RUN).get(0);
		assertThat(value(run, "agent.model_calls").getValueCase()).isEqualTo(AnyValue.ValueCase.INT_VALUE);
		assertThat(value(run, "gen_ai.usage.input_tokens").getValueCase()).isEqualTo(AnyValue.ValueCase.INT_VALUE);
		assertThat(value(this.spans.one("retrieval kb-articles"), "gen_ai.retrieval.top_k").getIntValue())
			.isEqualTo(2);
	}

	@Test
	void failuresAndRefusalsTravelWithTheirStatusAndEvents() {
		WireSpan lookup = this.spans.one("execute_tool lookupCustomer");
		assertThat(lookup.statusCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(lookup.string("error.type")).isEqualTo("dev.agenttracing.sample.router.CustomerNotFoundException");
		assertThat(lookup.events()).extracting(Span.Event::getName).containsExactly("exception");
		assertThat(WireSpan.toMap(lookup.events().get(0).getAttributesList()).get("exception.type").getStringValue())
			.isEqualTo("dev.agenttracing.sample.router.CustomerNotFoundException");

		WireSpan refused = this.spans.named(RUN)
			.stream()
			.filter((run) -> "T-1005".equals(run.string("gen_ai.conversation.id")))
			.findFirst()
			.orElseThrow();
		assertThat(refused.statusCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		assertThat(refused.string("agent.outcome")).isEqualTo("refused");
		assertThat(refused.events()).extracting(Span.Event::getName)
			.containsExactly("agent.iteration", "agent.loop_terminated", "agent.refused");
		assertThat(refused.events()).filteredOn((event) -> event.getName().equals("agent.refused"))
			.singleElement()
			.satisfies((event) -> assertThat(
					WireSpan.toMap(event.getAttributesList()).get("agent.refusal.reason").getStringValue())
				.isEqualTo("content_filter"));
		assertThat(refused.events()).filteredOn((event) -> event.getName().equals("agent.loop_terminated"))
			.singleElement()
			.satisfies((event) -> assertThat(
					WireSpan.toMap(event.getAttributesList()).get("agent.loop.termination_reason").getStringValue())
				.isEqualTo("refusal"));
	}

	@Test
	void resourceIsTheOneTheUserConfigured() {
		Resource sdk = Resource.getDefault();
		Map<String, String> common = new LinkedHashMap<>(ExportingSample.RESOURCE_ATTRIBUTES);
		common.put("telemetry.sdk.name", sdk.getAttribute(AttributeKey.stringKey("telemetry.sdk.name")));
		common.put("telemetry.sdk.language", sdk.getAttribute(AttributeKey.stringKey("telemetry.sdk.language")));
		common.put("telemetry.sdk.version", sdk.getAttribute(AttributeKey.stringKey("telemetry.sdk.version")));
		assertThat(common).containsEntry("telemetry.sdk.name", "opentelemetry")
			.containsEntry("telemetry.sdk.language", "java");

		Set<String> services = this.receiver.exports()
			.stream()
			.flatMap((export) -> export.request().getResourceSpansList().stream())
			.map(ResourceSpans::getResource)
			.map((resource) -> {
				Map<String, String> attributes = WireSpan.toMap(resource.getAttributesList())
					.entrySet()
					.stream()
					.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().getStringValue()));
				Map<String, String> expected = new LinkedHashMap<>(common);
				expected.put("service.name", attributes.get("service.name"));
				assertThat(attributes).isEqualTo(expected);
				return attributes.get("service.name");
			})
			.collect(Collectors.toSet());
		// service.name is each application's spring.application.name.
		assertThat(services).containsExactlyInAnyOrderElementsOf(this.applicationNames)
			.containsExactlyInAnyOrder("support-router", "order-service");
		// The agents run in the router; the order service serves the MCP tool (its tools/call span).
		assertThat(this.spans.filter((span) -> SpanFamily.of(span).isGenAi() && !span.name().startsWith("tools/call"))
			.all()).allSatisfy((span) -> assertThat(span.serviceName()).isEqualTo("support-router"));
		assertThat(this.spans.filter((span) -> span.name().startsWith("tools/call")).all()).isNotEmpty()
			.allSatisfy((span) -> assertThat(span.serviceName()).isEqualTo("order-service"));
		assertThat(this.spans.filter((span) -> span.name().endsWith(" /mcp")).all()).isNotEmpty()
			.allSatisfy((span) -> assertThat(span.serviceName()).isEqualTo("order-service"));
	}

	private String title() {
		return (transport() == Transport.GRPC) ? "gRPC" : "HTTP/protobuf";
	}

	private static AnyValue value(WireSpan span, String key) {
		return span.attribute(key).orElseThrow(() -> new AssertionError(key + " missing on " + span));
	}

	private static List<String> concat(List<String> list, String item) {
		return Stream.concat(list.stream(), Stream.of(item)).toList();
	}

	private static Map<String, List<String>> runChildren() {
		String chat = "chat offline-support-1";
		Map<String, List<String>> children = new LinkedHashMap<>();
		children.put("T-1001", List.of(chat, "execute_tool searchKnowledgeBase", chat));
		children.put("T-1002", List.of(chat, "execute_tool lookupPricing", chat));
		children.put("T-1003", List.of(chat, "execute_tool escalateToBilling", chat));
		children.put("T-1004", List.of(chat, "execute_tool orderStatus", chat));
		children.put("T-1005", List.of(chat));
		children.put("T-1006", List.of(chat, "execute_tool fileTicket", chat));
		children.put("T-1007", List.of(chat, "execute_tool lookupCustomer", chat));
		children.put("T-2001", List.of(chat, "execute_tool lookupPricing", chat));
		return children;
	}

}
