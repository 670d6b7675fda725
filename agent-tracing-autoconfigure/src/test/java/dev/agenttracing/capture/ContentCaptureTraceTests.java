package dev.agenttracing.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.support.SpanTree;
import dev.agenttracing.support.TracedAgentApplication;
import dev.agenttracing.support.TracedAgentApplication.SupportAgent;
import dev.agenttracing.support.TracedAgentApplication.Ticket;

import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.ScriptedChatModel.call;
import static dev.agenttracing.support.ScriptedChatModel.toolCalls;
import static dev.agenttracing.support.SpanTree.attr;
import static dev.agenttracing.support.SpanTree.raw;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content capture switched on: the GenAI JSON schemas, redaction, truncation, the
 * per-agent and per-tool switches, the export safety net, and hostile input.
 */
@SpringBootTest(classes = TracedAgentApplication.class,
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=scripted",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none",
				"agent-tracing.retrieval.data-source-id=kb-articles", "agent-tracing.capture.enabled=true",
				"agent-tracing.capture.agents.react-loop=false", "agent-tracing.capture.tools.lookupPricing=false",
				"agent-tracing.capture.max-attribute-length=4000" })
class ContentCaptureTraceTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Autowired
	Tracer tracer;

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@Test
	void modelCallContentFollowsTheGenAiJsonSchemas() {
		this.model.script(
				toolCalls("resp-1", 10, 5, call("call-1", "lookupCustomer", "{\"customerId\":\"c-42\"}")),
				answer("resp-2", "Customer c-42 is on the pro plan.", "STOP", 20, 8));

		this.agent.handle(new Ticket("cust-1", "low", "Which plan is c-42 on?"), "conv-1", "sess-1");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		List<SpanData> chats = tree.named("chat scripted-model-1");
		JsonNode firstInput = json(chats.get(0), GenAiAttributes.INPUT_MESSAGES);
		assertValidInputMessages(firstInput);
		assertThat(firstInput).hasSize(1);
		assertThat(firstInput.get(0).get("role").asString()).isEqualTo("user");
		assertThat(firstInput.get(0).get("parts").get(0).get("content").asString()).isEqualTo("Which plan is c-42 on?");
		JsonNode firstOutput = json(chats.get(0), GenAiAttributes.OUTPUT_MESSAGES);
		assertThat(firstOutput.get(0).get("role").asString()).isEqualTo("assistant");
		assertThat(firstOutput.get(0).get("finish_reason").asString()).isEqualTo("tool_call");
		JsonNode toolCall = firstOutput.get(0).get("parts").get(0);
		assertThat(toolCall.get("type").asString()).isEqualTo("tool_call");
		assertThat(toolCall.get("id").asString()).isEqualTo("call-1");
		assertThat(toolCall.get("name").asString()).isEqualTo("lookupCustomer");
		assertThat(toolCall.get("arguments").get("customerId").asString()).isEqualTo("c-42");
		JsonNode definitions = json(chats.get(0), GenAiAttributes.TOOL_DEFINITIONS);
		assertThat(definitions).isNotEmpty().allSatisfy((definition) -> {
			assertThat(definition.get("type").asString()).isEqualTo("function");
			assertThat(definition.get("name").asString()).isNotBlank();
		});

		// the second call sees the whole history in order: user, assistant tool call, tool response
		JsonNode secondInput = json(chats.get(1), GenAiAttributes.INPUT_MESSAGES);
		assertValidInputMessages(secondInput);
		assertThat(secondInput).extracting((message) -> message.get("role").asString())
			.containsExactly("user", "assistant", "tool");
		JsonNode response = secondInput.get(2).get("parts").get(0);
		assertThat(response.get("type").asString()).isEqualTo("tool_call_response");
		assertThat(response.get("id").asString()).isEqualTo("call-1");
		assertThat(response.get("response").get("plan").asString()).isEqualTo("pro");
		assertThat(raw(chats.get(1), "agent.content.redactions")).isEqualTo(0L);

		SpanData tool = tree.one("execute_tool lookupCustomer");
		assertThat(json(tool, GenAiAttributes.TOOL_CALL_ARGUMENTS).get("customerId").asString()).isEqualTo("c-42");
		assertThat(json(tool, GenAiAttributes.TOOL_CALL_RESULT).get("plan").asString()).isEqualTo("pro");
		assertThat(tree.root().getAttributes().asMap().keySet()).doesNotContainAnyElementsOf(GenAiAttributes.CONTENT);
	}

	@Test
	void capturedContentIsRedactedAndTheSpanSaysHowMuch() {
		this.model.script(
				toolCalls("resp-1", 10, 5,
						call("call-1", "lookupCustomer", "{\"customerId\":\"jane.doe@example.com\"}")),
				answer("resp-2", "Call us at +44 20 7946 0958.", "STOP", 20, 8));

		this.agent.handle(new Ticket("cust-1", "low", "My card 4111 1111 1111 1111 was charged twice"), "conv-1",
				"sess-1");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		List<SpanData> chats = tree.named("chat scripted-model-1");
		String input = attr(chats.get(0), GenAiAttributes.INPUT_MESSAGES);
		assertThat(input).doesNotContain("4111 1111 1111 1111").contains("[REDACTED:credit_card]");
		assertThat(raw(chats.get(0), "agent.content.redactions")).isEqualTo(2L);
		String output = attr(chats.get(1), GenAiAttributes.OUTPUT_MESSAGES);
		assertThat(output).doesNotContain("7946").contains("[REDACTED:phone]");
		SpanData tool = tree.one("execute_tool lookupCustomer");
		assertThat(attr(tool, GenAiAttributes.TOOL_CALL_ARGUMENTS)).doesNotContain("jane.doe@example.com")
			.contains("[REDACTED:email]");
		// the argument, and the customer record the tool echoed back
		assertThat(raw(tool, "agent.content.redactions")).isEqualTo(2L);
		assertThat(this.exporter.getFinishedSpanItems()).allSatisfy((span) -> assertThat(span.getAttributes().toString())
			.doesNotContain("jane.doe@example.com", "4111 1111 1111 1111"));
	}

	@Test
	void perToolAndPerAgentSwitchesTurnCaptureOff() {
		this.model.script(
				toolCalls("resp-1", 10, 5, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				answer("resp-2", "4900 JPY", "STOP", 20, 8));
		this.agent.handle(new Ticket("cust-1", "low", "Price?"), "conv-1", "sess-1");
		this.agent.handWrittenLoop(List.of("c-1"));

		SpanTree pricingTree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		assertThat(pricingTree.one("execute_tool lookupPricing").getAttributes().asMap().keySet())
			.doesNotContainAnyElementsOf(GenAiAttributes.CONTENT);
		assertThat(attr(pricingTree.named("chat scripted-model-1").get(0), GenAiAttributes.INPUT_MESSAGES)).isNotNull();
		SpanTree loop = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent react-loop");
		assertThat(loop.spans()).allSatisfy((span) -> assertThat(span.getAttributes().asMap().keySet())
			.doesNotContainAnyElementsOf(GenAiAttributes.CONTENT));
	}

	@Test
	void hugePromptIsCutToTheLimitAndStaysValidJson() {
		String huge = "lorem ipsum ".repeat(900_000);
		this.model.script(answer("resp-1", "ok", "STOP", 20, 8));

		assertThat(this.agent.limited(huge, 50)).isEqualTo("ok");

		SpanData chat = SpanTree.of(this.exporter.getFinishedSpanItems()).one("chat scripted-model-1");
		String input = attr(chat, GenAiAttributes.INPUT_MESSAGES);
		assertThat(input.length()).isLessThanOrEqualTo(4000);
		assertValidInputMessages(JSON.readTree(input));
		assertThat(raw(chat, "agent.content.truncated")).isEqualTo(true);
	}

	@Test
	void toolArgumentsThatCannotBeSerialisedNeverBreakTheAgent() {
		List<Object> cyclic = new ArrayList<>();
		cyclic.add(cyclic);
		Map<String, Object> payload = Map.of("self", cyclic, "text", "hello\u0000\ud800world");

		assertThat(this.agent.inspect(payload)).isEqualTo("described");

		SpanData tool = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent inspector")
			.one("execute_tool describe");
		String arguments = attr(tool, GenAiAttributes.TOOL_CALL_ARGUMENTS);
		assertThat(arguments).isNotNull().hasSizeLessThanOrEqualTo(4000);
		assertThat(JSON.readTree(arguments).has("payload")).isTrue();
		assertThat(json(tool, GenAiAttributes.TOOL_CALL_RESULT).asString()).isEqualTo("described");
	}

	@Test
	void safetyNetRedactsConfiguredKeysOnEverySpanWhoeverSetThem() {
		Span span = this.tracer.nextSpan().name("GET /pricing").start();
		span.tag("url.full", "https://api.example.com/v1/prices?api_key=sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD");
		span.tag("db.vector.query.content", "refund for jane.doe@example.com");
		span.error(new IllegalStateException("no refund for jane.doe@example.com"));
		span.end();

		SpanData exported = SpanTree.of(this.exporter.getFinishedSpanItems()).one("GET /pricing");
		assertThat(exported.getAttributes().get(AttributeKey.stringKey("url.full")))
			.startsWith("https://api.example.com/v1/prices?")
			.doesNotContain("sk-proj-abcdefghijklmnopqrstuvwxyz");
		assertThat(exported.getAttributes().get(AttributeKey.stringKey("db.vector.query.content")))
			.isEqualTo("refund for [REDACTED:email]");
		// an exception's message, and the status and stack trace that repeat it, may quote the input
		assertThat(exported.getStatus().getDescription()).isEqualTo("no refund for [REDACTED:email]");
		assertThat(exported.getEvents()).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("exception");
			assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
				.isEqualTo("no refund for [REDACTED:email]");
			assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
				.startsWith("java.lang.IllegalStateException: no refund for [REDACTED:email]")
				.doesNotContain("jane.doe@example.com");
		});
	}

	@Test
	void tenMegabyteToolResultIsCutForTheSpanButReachesTheModelWhole() {
		String customer = "c-" + "0123456789".repeat(1024 * 1024);
		this.model.script(
				toolCalls("resp-1", 10, 5, call("call-1", "lookupCustomer", "{\"customerId\":\"" + customer + "\"}")),
				answer("resp-2", "Found it.", "STOP", 20, 8));

		assertThat(this.agent.handle(new Ticket("cust-1", "low", "Who is this?"), "conv-1", "sess-1"))
			.isEqualTo("Found it.");

		ToolResponseMessage toolResponse = (ToolResponseMessage) this.model.prompts().get(1).getInstructions().get(2);
		assertThat(toolResponse.getResponses().get(0).responseData()).hasSizeGreaterThan(10 * 1024 * 1024)
			.contains(customer);
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		SpanData tool = tree.one("execute_tool lookupCustomer");
		assertBoundedJson(tool, GenAiAttributes.TOOL_CALL_ARGUMENTS);
		assertThat(json(tool, GenAiAttributes.TOOL_CALL_RESULT).get("plan").asString()).isEqualTo("pro");
		assertThat(raw(tool, "agent.content.truncated")).isEqualTo(true);
		SpanData secondChat = tree.named("chat scripted-model-1").get(1);
		assertValidInputMessages(assertBoundedJson(secondChat, GenAiAttributes.INPUT_MESSAGES));
		assertThat(raw(secondChat, "agent.content.truncated")).isEqualTo(true);
	}

	@Test
	void jsonNestedAHundredThousandLevelsDeepNeverOverflowsTheStack() {
		// a few hundred levels are read as JSON and cut at the depth limit; far deeper, the
		// document is captured as text
		JsonNode read = deeplyNestedToolResult(400);
		assertThat(read.get("plan").asString()).isEqualTo("pro");
		assertThat(read.toString()).contains("[truncated: nested too deep]");
		JsonNode unread = deeplyNestedToolResult(100_000);
		assertThat(unread.isString()).isTrue();
		assertThat(unread.asString()).startsWith("{\"id\":\"x\",\"deep\":[[[[");

		// the same depth given straight to an @AgentTool method: a list in a list..., deep
		// JSON text and an unclosed array
		List<Object> nested = new ArrayList<>();
		List<Object> innermost = nested;
		for (int i = 0; i < 100_000; i++) {
			List<Object> next = new ArrayList<>();
			innermost.add(next);
			innermost = next;
		}
		String deep = "[".repeat(100_000) + "]".repeat(100_000);
		assertThat(this.agent.inspect(Map.of("list", nested, "json", deep, "open", "[".repeat(100_000))))
			.isEqualTo("described");
		SpanData described = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent inspector")
			.one("execute_tool describe");
		assertBoundedJson(described, GenAiAttributes.TOOL_CALL_ARGUMENTS);
	}

	/**
	 * A run whose prompt is deeply nested JSON text and whose tool echoes its argument into
	 * a result that is valid JSON nested {@code depth} levels deep.
	 * @return the captured tool result
	 */
	private JsonNode deeplyNestedToolResult(int depth) {
		this.exporter.reset();
		String deep = "[".repeat(depth) + "]".repeat(depth);
		String echoedIntoDeepResult = "x\\\",\\\"deep\\\":" + deep + ",\\\"y\\\":\\\"";
		this.model.script(
				toolCalls("resp-1", 10, 5,
						call("call-1", "lookupCustomer", "{\"customerId\":\"" + echoedIntoDeepResult + "\"}")),
				answer("resp-2", "Deep enough.", "STOP", 20, 8));

		assertThat(this.agent.handle(new Ticket("cust-1", "low", deep), "conv-1", "sess-1")).isEqualTo("Deep enough.");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		for (SpanData chat : tree.named("chat scripted-model-1")) {
			assertValidInputMessages(assertBoundedJson(chat, GenAiAttributes.INPUT_MESSAGES));
			assertBoundedJson(chat, GenAiAttributes.OUTPUT_MESSAGES);
		}
		SpanData tool = tree.one("execute_tool lookupCustomer");
		assertBoundedJson(tool, GenAiAttributes.TOOL_CALL_ARGUMENTS);
		return assertBoundedJson(tool, GenAiAttributes.TOOL_CALL_RESULT);
	}

	@Test
	void controlCharactersBecomeReplacementCharactersInValidJson() {
		String hostile = "stop\u0000here \u001b[31mred\u001b[0m line\u2028separator para\u2029graph del\u007f bell\u0007";
		this.model.script(
				toolCalls("resp-1", 10, 5,
						call("call-1", "lookupCustomer", "{\"customerId\":\"c-\\u0000\\u001b\\u2028\"}")),
				answer("resp-2", "Answer with \u001b and \u2028 inside.", "STOP", 20, 8));

		assertThat(this.agent.handle(new Ticket("cust-1", "low", hostile), "conv-1", "sess-1"))
			.isEqualTo("Answer with \u001b and \u2028 inside.");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		List<SpanData> chats = tree.named("chat scripted-model-1");
		JsonNode input = assertBoundedJson(chats.get(0), GenAiAttributes.INPUT_MESSAGES);
		assertValidInputMessages(input);
		// line and paragraph separators are text; other control characters break backends
		assertThat(input.get(0).get("parts").get(0).get("content").asString()).isEqualTo(
				"stop\uFFFDhere \uFFFD[31mred\uFFFD[0m line\u2028separator para\u2029graph del\u007f bell\uFFFD");
		assertThat(assertBoundedJson(chats.get(1), GenAiAttributes.OUTPUT_MESSAGES).get(0)
			.get("parts")
			.get(0)
			.get("content")
			.asString()).isEqualTo("Answer with \uFFFD and \u2028 inside.");
		SpanData tool = tree.one("execute_tool lookupCustomer");
		assertThat(assertBoundedJson(tool, GenAiAttributes.TOOL_CALL_ARGUMENTS).get("customerId").asString())
			.isEqualTo("c-\uFFFD\uFFFD\u2028");
		// the tool wrote the control characters into its JSON unescaped: that is text, not JSON
		assertThat(assertBoundedJson(tool, GenAiAttributes.TOOL_CALL_RESULT).asString())
			.isEqualTo("{\"id\":\"c-\uFFFD\uFFFD\u2028\",\"plan\":\"pro\"}");
		assertThat(this.exporter.getFinishedSpanItems()).allSatisfy((span) -> assertThat(
				span.getAttributes().asMap().values().stream().map(String::valueOf).collect(Collectors.joining()))
			.doesNotContain("\u0000", "\u001b", "\u0007"));
	}

	/** The attribute is present, within the configured length, and strict JSON. */
	private static JsonNode assertBoundedJson(SpanData span, AttributeKey<String> key) {
		String value = span.getAttributes().get(key);
		assertThat(value).as("%s on %s", key, span.getName()).isNotNull().hasSizeLessThanOrEqualTo(4000);
		return JSON.readTree(value);
	}

	private static JsonNode json(SpanData span, AttributeKey<String> key) {
		String value = span.getAttributes().get(key);
		assertThat(value).as("%s on %s", key, span.getName()).isNotNull();
		return JSON.readTree(value);
	}

	/** The required fields of gen-ai-input-messages.json and its part types. */
	private static void assertValidInputMessages(JsonNode messages) {
		assertThat(messages.isArray()).isTrue();
		for (JsonNode message : messages) {
			assertThat(message.get("role").asString()).isIn("system", "user", "assistant", "tool");
			assertThat(message.get("parts").isArray()).isTrue();
			for (JsonNode part : message.get("parts")) {
				String type = part.get("type").asString();
				switch (type) {
					case "text" -> assertThat(part.get("content").isString()).isTrue();
					case "tool_call" -> assertThat(part.get("name").isString()).isTrue();
					case "tool_call_response" -> assertThat(part.has("response")).isTrue();
					default -> assertThat(type).isNotBlank();
				}
			}
		}
	}

}
