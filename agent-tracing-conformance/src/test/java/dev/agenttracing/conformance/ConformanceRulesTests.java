package dev.agenttracing.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.agenttracing.semconv.GenAiAttributes;

import static dev.agenttracing.conformance.WireSpanBuilder.chat;
import static dev.agenttracing.conformance.WireSpanBuilder.executeTool;
import static dev.agenttracing.conformance.WireSpanBuilder.invokeAgent;
import static dev.agenttracing.conformance.WireSpanBuilder.retrieval;
import static dev.agenttracing.conformance.WireSpanBuilder.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance rules themselves: each one fails on a span that breaks it, spans that
 * follow the conventions pass them all, and {@code docs/conformance.md} lists them as
 * they are.
 */
class ConformanceRulesTests {

	private static final GenAiConformance conformance = new GenAiConformance();

	private static final String INPUT_MESSAGES = """
			[{"role":"system","parts":[{"type":"text","content":"You are the support router."}]},
			 {"role":"user","parts":[{"type":"text","content":"How much is Pro in JPY?"}]},
			 {"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"lookupPricing",
			   "arguments":{"plan":"pro","currency":"JPY"}}]},
			 {"role":"tool","parts":[{"type":"tool_call_response","id":"call_1","response":{}}]}]""";

	private static final String OUTPUT_MESSAGES = """
			[{"role":"assistant","parts":[{"type":"text","content":"The Pro plan costs 4,900 JPY."}],
			  "finish_reason":"stop"}]""";

	/**
	 * A span for every rule that breaks it, and nothing else where that can be helped.
	 * @return rule id and span
	 */
	static Map<String, WireSpan> violations() {
		Map<String, WireSpan> violations = new LinkedHashMap<>();
		violations.put("no-deprecated-attributes", chat().string("gen_ai.system", "openai").build());
		violations.put("no-deprecated-events", chat().event("gen_ai.user.message").build());
		violations.put("attribute-types", chat().string("gen_ai.usage.input_tokens", "120").build());
		violations.put("operation-name", chat().string("gen_ai.operation.name", "chat_completion").build());
		violations.put("status", chat().status(StatusCode.STATUS_CODE_OK).build());
		violations.put("error-type", chat().failed("Customer c-999 not found").build());
		violations.put("no-spring-ai-dialect", chat().string("spring.ai.kind", "chat_model").build());
		violations.put("server-port", chat().string("server.address", "api.openai.com").build());
		violations.put("usage-tokens", chat().integer("gen_ai.usage.cache_read.input_tokens", 500).build());
		violations.put("positive-only-flags", chat().bool("gen_ai.request.stream", false).build());
		violations.put("inference-name", chat().name("chat").build());
		violations.put("inference-kind", chat().kind(SpanKind.SPAN_KIND_INTERNAL).build());
		violations.put("inference-provider", chat().string("gen_ai.provider.name", "azure_openai").build());
		violations.put("time-to-first-chunk", chat().decimal("gen_ai.response.time_to_first_chunk", 0.2).build());
		violations.put("finish-reasons", chat().strings("gen_ai.response.finish_reasons", "tool_calls").build());
		violations.put("invoke-agent-name", invokeAgent().name("invoke_agent router").build());
		violations.put("invoke-agent-kind",
				invokeAgent().kind(SpanKind.SPAN_KIND_CLIENT).string("gen_ai.provider.name", "openai").build());
		violations.put("invoke-agent-in-process-attributes",
				invokeAgent().string("gen_ai.provider.name", "openai").build());
		violations.put("execute-tool-name", executeTool().without("gen_ai.tool.name").build());
		violations.put("execute-tool-kind", executeTool().kind(SpanKind.SPAN_KIND_CLIENT).build());
		violations.put("retrieval-name", retrieval().name("retrieval").build());
		violations.put("retrieval-kind", retrieval().kind(SpanKind.SPAN_KIND_INTERNAL).build());
		violations.put("retrieval-top-k", retrieval().integer("gen_ai.request.top_k", 2).build());
		violations.put("mcp-span", span("tools/call", SpanKind.SPAN_KIND_SERVER).string("mcp.method.name", "tools/call")
			.string("gen_ai.tool.name", "orderStatus")
			.build());
		violations.put("content-placement", chat().string("gen_ai.tool.call.arguments", "{}").build());
		violations.put("content-input-messages", chat().string("gen_ai.input.messages", "[{\"parts\":[]}]").build());
		violations.put("content-output-messages",
				chat().string("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\"}]}]")
					.build());
		violations.put("content-system-instructions",
				chat().string("gen_ai.system_instructions", "\"You are the support router.\"").build());
		violations.put("content-tool-definitions",
				chat().string("gen_ai.tool.definitions", "[{\"type\":\"function\"}]").build());
		violations.put("content-tool-call-arguments",
				executeTool().string("gen_ai.tool.call.arguments", "{\"plan\":\"pro\"").build());
		violations.put("content-tool-call-result", executeTool().string("gen_ai.tool.call.result", "49.00 EUR").build());
		violations.put("content-retrieval-documents",
				retrieval().string("gen_ai.retrieval.documents", "[{\"id\":7,\"score\":\"high\"}]").build());
		violations.put("content-roles",
				chat().string("gen_ai.input.messages", "[{\"role\":\"developer\",\"parts\":[]}]").build());
		violations.put("content-output-count", chat()
			.string("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[]},{\"role\":\"assistant\",\"parts\":[]}]")
			.build());
		return violations;
	}

	static Stream<Arguments> ruleViolations() {
		return violations().entrySet().stream().map((entry) -> Arguments.of(entry.getKey(), entry.getValue()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ruleViolations")
	void everyRuleFailsOnASpanThatBreaksIt(String ruleId, WireSpan span) {
		ConformanceRule rule = rule(ruleId);
		ConformanceResult result = conformance.check(new WireSpans(List.of(span)));

		assertThat(result.spans().get(0).outcomes()).as("rules applied to %s", span).containsKey(rule);
		assertThat(result.spans().get(0).outcomes().get(rule)).as("violations of %s", ruleId).isNotEmpty();
	}

	@Test
	void everyRuleHasASpanThatBreaksIt() {
		assertThat(violations().keySet())
			.containsExactlyInAnyOrderElementsOf(conformance.rules().stream().map(ConformanceRule::id).toList());
	}

	@Test
	void spansThatFollowTheConventionsPassEveryRule() {
		WireSpans spans = new WireSpans(List.of(
				chat().string("server.address", "api.openai.com")
					.integer("server.port", 443)
					.decimal("gen_ai.request.temperature", 0.2)
					.integer("gen_ai.usage.cache_read.input_tokens", 100)
					.string("gen_ai.input.messages", INPUT_MESSAGES)
					.string("gen_ai.output.messages", OUTPUT_MESSAGES)
					.string("gen_ai.system_instructions", "[{\"type\":\"text\",\"content\":\"You are helpful.\"}]")
					.string("gen_ai.tool.definitions",
							"[{\"type\":\"function\",\"name\":\"lookupPricing\",\"parameters\":{\"type\":\"object\"}}]")
					.build(),
				invokeAgent().string("gen_ai.conversation.id", "T-1002")
					.integer("gen_ai.usage.input_tokens", 187)
					.integer("agent.model_calls", 2)
					.string("agent.outcome", "success")
					.build(),
				executeTool().string("gen_ai.tool.call.id", "call_1")
					.string("gen_ai.tool.call.arguments", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")
					.value("gen_ai.tool.call.result", structured("monthlyPrice", "45.00"))
					.build(),
				executeTool().failed("dev.agenttracing.sample.router.CustomerNotFoundException")
					.event("exception")
					.build(),
				retrieval().string("gen_ai.retrieval.documents", "[{\"id\":\"kb-7\",\"score\":0.82}]").build(),
				span("tools/call orderStatus", SpanKind.SPAN_KIND_SERVER).string("mcp.method.name", "tools/call")
					.string("gen_ai.tool.name", "orderStatus")
					.string("gen_ai.operation.name", "execute_tool")
					.build(),
				span("http post /tickets", SpanKind.SPAN_KIND_SERVER).status(StatusCode.STATUS_CODE_OK).build()));

		ConformanceResult result = conformance.check(spans);

		assertThat(result.violations()).isEmpty();
		assertThat(result.spans().get(0).outcomes().keySet()).extracting(ConformanceRule::id)
			.contains("content-input-messages", "content-output-messages", "content-system-instructions",
					"content-tool-definitions", "content-roles", "content-output-count", "server-port");
		assertThat(result.spans().get(6).outcomes().keySet()).extracting(ConformanceRule::id)
			.containsExactly("no-deprecated-attributes", "no-deprecated-events", "attribute-types");
	}

	@Test
	void toolResponsesInMessagesUseTheResponseKey() {
		String messages = INPUT_MESSAGES.replace("\"response\":{}", "\"result\":{}");

		ConformanceResult result = conformance.check(chat().string("gen_ai.input.messages", messages).buildAll());

		assertThat(result.violations()).singleElement()
			.asString()
			.contains("[content-input-messages]")
			.contains("response");
	}

	@Test
	void missingOperationNameIsReportedFromTheSpanName() {
		ConformanceResult result = conformance.check(chat().without("gen_ai.operation.name").buildAll());

		assertThat(result.spans().get(0).family()).isEqualTo(SpanFamily.INFERENCE);
		assertThat(result.violations()).singleElement().asString().contains("gen_ai.operation.name is missing");
	}

	@Test
	void projectKeysAreCheckedAgainstTheTypeTheirConstantDeclares() {
		ConformanceResult result = conformance
			.check(invokeAgent().string("agent.model_calls", "2").bool("agent.outcome", true).buildAll());

		assertThat(result.violations()).containsExactly(
				result.spans().get(0).span() + ": [attribute-types] agent.model_calls is string, expected int",
				result.spans().get(0).span() + ": [attribute-types] agent.outcome is boolean, expected string");
	}

	@Test
	void projectConstantsForConventionKeysHaveTheConventionsTypes() {
		Map<String, WireType> declared = AttributeTypes.declaredBy(GenAiAttributes.class);

		declared.forEach((key, type) -> {
			WireType expected = AttributeTypes.CONVENTIONS.get(key);
			if (expected != null || key.startsWith("gen_ai.usage.")) {
				assertThat(type).as(key).isEqualTo((expected != null) ? expected : WireType.INT);
			}
		});
		assertThat(declared).containsKeys("gen_ai.operation.name", "gen_ai.usage.input_tokens",
				"gen_ai.response.finish_reasons");
	}

	@Test
	void docsListTheRulesAsTheSuiteChecksThem() throws IOException {
		String rules = ConformanceReport.ruleList(conformance.rules());
		Path docs = Path.of(System.getProperty("conformance.docs", "../docs/conformance.md"));
		Path current = Path.of(System.getProperty("conformance.report", "target/conformance-report.md"))
			.resolveSibling("conformance-rules.md");
		Files.createDirectories(current.getParent());
		Files.writeString(current, rules, StandardCharsets.UTF_8);

		assertThat(docs).as("docs/conformance.md is out of date: copy %s over it", current.toAbsolutePath())
			.exists()
			.hasContent(rules);
	}

	private static ConformanceRule rule(String id) {
		return conformance.rules()
			.stream()
			.filter((rule) -> rule.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No rule " + id));
	}

	private static AnyValue structured(String key, String value) {
		return AnyValue.newBuilder()
			.setKvlistValue(KeyValueList.newBuilder()
				.addValues(KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value))))
			.build();
	}

}
