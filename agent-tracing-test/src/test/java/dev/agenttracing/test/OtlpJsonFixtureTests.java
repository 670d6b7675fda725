package dev.agenttracing.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.agenttracing.test.support.SupportDeskApplication;
import dev.agenttracing.test.support.SupportDeskApplication.SupportAgent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static dev.agenttracing.test.ScriptedChatModel.answer;
import static dev.agenttracing.test.ScriptedChatModel.call;
import static dev.agenttracing.test.ScriptedChatModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Traces saved as OTLP/JSON load as runs: the committed fixture of a production run, and
 * a captured run written and read back.
 */
@SpringBootTest(classes = SupportDeskApplication.class, properties = SupportDeskApplication.NO_PROVIDER)
@AgentTracingTest
class OtlpJsonFixtureTests {

	private static final String FIXTURE = "fixtures/pricing-in-jpy.otlp.json";

	@Autowired
	AgentTraces traces;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Test
	void committedFixtureOfAProductionRunShowsTheToolCallBehindAnInventedPrice() {
		AgentTraces fixture = TraceFixtures.loadResource(FIXTURE);

		assertThat(fixture.spans()).hasSize(7);
		assertThat(fixture.runs()).hasSize(1);
		AgentRunTrace run = fixture.lastRun("support-router");
		assertThatRun(run).succeeded()
			.hasSteps("chat gpt-4o", "execute_tool lookupPricing", "chat gpt-4o")
			.hasModelCalls(2)
			.hasInputTokens(612)
			.hasOutputTokens(48)
			.hasAttribute("agent.tool_calls", 1)
			.hasAttribute("gen_ai.conversation.id", "conv-88");
		assertThatRun(run).toolCall("lookupPricing")
			.succeeded()
			.hasCallId("call_9f2Kx")
			.hasArgument("currency", "JPY")
			.hasResult("{}");
		assertThatRun(run).modelCall(0)
			.hasAttribute("gen_ai.request.temperature", 0.2)
			.hasAttribute("gen_ai.response.finish_reasons", List.of("tool_call"));
		SpanData server = run.parentOf(run.span()).orElseThrow();
		assertThat(server.getName()).isEqualTo("http post /tickets");
		assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(run.childrenOf(run.modelCalls().get(0))).extracting(SpanData::getName).containsExactly("http post");
		assertThat(run.span().getResource().getAttribute(AttributeKey.stringKey("service.name")))
			.isEqualTo("support-router");
		assertThat(run.span().getInstrumentationScopeInfo().getName()).isEqualTo("dev.agenttracing");
		assertThat(run.span().getEndEpochNanos() - run.span().getStartEpochNanos()).isEqualTo(2_295_000_000L);
	}

	@Test
	void fixtureRunMatchesTheSnapshotOfTheSameBehaviourWithNormalisedIds() {
		AgentRunTrace run = TraceFixtures.loadResource(FIXTURE).lastRun();

		String json = TraceSnapshot.of(run).json();

		assertThat(json).contains("\"gen_ai.response.id\" : \"<gen_ai.response.id #2>\"",
				"\"gen_ai.tool.call.id\" : \"<gen_ai.tool.call.id #1>\"", "\"server.port\" : 443",
				"\"gen_ai.request.temperature\" : 0.2")
			.doesNotContain("chatcmpl-", "2f7c9e4a", "http post /tickets");
	}

	@Test
	void capturedRunWrittenAsOtlpJsonReadsBackWithTheSameTreeAndTypes(@TempDir Path directory) throws Exception {
		this.model.script(toolCalls("resp-1", 10, 5, call("call-9", "fileTicket", "{\"team\":\"nowhere\"}")),
				answer("resp-2", "I could not file the ticket.", "STOP", 20, 8));
		this.agent.handle("File a ticket for team nowhere");
		AgentRunTrace captured = this.traces.lastRun();
		Path file = directory.resolve("failed-ticket.otlp.json");

		Files.writeString(file, new OtlpJsonTraceFormat().write(captured.traceSpans()));
		AgentRunTrace loaded = TraceFixtures.load(file).lastRun();

		assertThat(TraceSnapshot.of(loaded)).isEqualTo(TraceSnapshot.of(captured));
		assertThat(loaded.span().getSpanId()).isEqualTo(captured.span().getSpanId());
		assertThat(loaded.span().getStartEpochNanos()).isEqualTo(captured.span().getStartEpochNanos());
		assertThatRun(loaded).hasFailedTools("fileTicket");
		assertThatRun(loaded).toolCall("fileTicket")
			.failedWith(IllegalArgumentException.class)
			.hasEvent("exception", "exception.message", "no such team: nowhere");
		assertThat(Files.readString(file)).contains("\"intValue\" : \"30\"", "\"kind\" : 3",
				"\"traceId\" : \"" + captured.span().getTraceId() + "\"");
	}

	@Test
	void savedRunLoadsBackFromItsFileWithTheSameSnapshot(@TempDir Path directory) throws Exception {
		this.model.script(toolCalls("resp-1", 10, 5, call("call-9", "fileTicket", "{\"team\":\"nowhere\"}")),
				answer("resp-2", "I could not file the ticket.", "STOP", 20, 8));
		this.agent.handle("File a ticket for team nowhere");
		AgentRunTrace captured = this.traces.lastRun();
		Path file = directory.resolve("fixtures").resolve("failed-ticket.otlp.json");

		assertThat(TraceFixtures.save(captured, file)).isEqualTo(file);
		AgentRunTrace loaded = TraceFixtures.load(file).lastRun();

		assertThat(TraceSnapshot.of(loaded)).isEqualTo(TraceSnapshot.of(captured));
		assertThat(Files.readString(file)).isEqualTo(new OtlpJsonTraceFormat().write(captured.traceSpans()));
		assertThatRun(loaded).hasFailedTools("fileTicket");
	}

	@Test
	void attributeValuesKeepTheirOtlpTypes() {
		String document = """
				{"resourceSpans":[{"scopeSpans":[{"spans":[{
				  "traceId":"W47/95gDgQPSabYzgT/GDA==","spanId":"7uGbfsPBsXQ=",
				  "name":"invoke_agent typed","kind":"SPAN_KIND_INTERNAL",
				  "startTimeUnixNano":1,"endTimeUnixNano":"2",
				  "status":{"code":"STATUS_CODE_ERROR","message":"boom"},
				  "attributes":[
				    {"key":"gen_ai.operation.name","value":{"stringValue":"invoke_agent"}},
				    {"key":"as.string","value":{"intValue":"7"}},
				    {"key":"as.number","value":{"intValue":7}},
				    {"key":"decimal","value":{"doubleValue":1.5}},
				    {"key":"flag","value":{"boolValue":true}},
				    {"key":"longs","value":{"arrayValue":{"values":[{"intValue":"1"},{"intValue":2}]}}},
				    {"key":"numbers","value":{"arrayValue":{"values":[{"intValue":"1"},{"doubleValue":2.5}]}}},
				    {"key":"mixed","value":{"arrayValue":{"values":[{"stringValue":"a"},{"boolValue":false}]}}},
				    {"key":"map","value":{"kvlistValue":{"values":[{"key":"k","value":{"intValue":"3"}}]}}},
				    {"key":"bytes","value":{"bytesValue":"AQI="}}
				  ]}]}]}]}
				""";

		SpanData span = TraceFixtures.parse(document).spans().get(0);

		assertThat(span.getTraceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
		assertThat(span.getSpanId()).isEqualTo("eee19b7ec3c1b174");
		assertThat(span.getStatus().getDescription()).isEqualTo("boom");
		assertThat(typeOf(span, "as.string")).isEqualTo(AttributeType.LONG);
		assertThat(span.getAttributes().get(AttributeKey.longKey("as.string"))).isEqualTo(7L);
		assertThat(span.getAttributes().get(AttributeKey.longKey("as.number"))).isEqualTo(7L);
		assertThat(span.getAttributes().get(AttributeKey.doubleKey("decimal"))).isEqualTo(1.5);
		assertThat(span.getAttributes().get(AttributeKey.booleanKey("flag"))).isTrue();
		assertThat(span.getAttributes().get(AttributeKey.longArrayKey("longs"))).containsExactly(1L, 2L);
		assertThat(span.getAttributes().get(AttributeKey.doubleArrayKey("numbers"))).containsExactly(1.0, 2.5);
		assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("mixed"))).containsExactly("\"a\"", "false");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("map"))).isEqualTo("{\"k\":3}");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("bytes"))).isEqualTo("AQI=");
		assertThatRun(TraceFixtures.parse(document).lastRun()).hasStatus(StatusCode.ERROR)
			.hasAttribute("decimal", 1.5)
			.hasAttribute("longs", List.of(1, 2));
	}

	@Test
	void documentInNoKnownFormatIsRejectedNamingTheFormatsTried() {
		assertThatIllegalArgumentException().isThrownBy(() -> TraceFixtures.parse("{\"spans\":[]}"))
			.withMessage("the document is in none of the known trace formats [OTLP/JSON, flight recorder run]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TraceFixtures.parse("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}"))
			.withMessage("Invalid traceId 'xyz': expected 32 hex digits");
	}

	private static AttributeType typeOf(SpanData span, String key) {
		return span.getAttributes()
			.asMap()
			.keySet()
			.stream()
			.filter((candidate) -> candidate.getKey().equals(key))
			.findFirst()
			.orElseThrow()
			.getType();
	}

}
