package dev.agenttracing.trace;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.support.SpanTree;
import dev.agenttracing.support.TracedAgentApplication;
import dev.agenttracing.support.TracedAgentApplication.PolicyRefusal;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The trace of agent runs driven through the real {@code ChatClient} tool loop, asserted
 * as a whole tree: names, parents, kinds, typed attributes, status and events.
 */
@SpringBootTest(classes = TracedAgentApplication.class, properties = { "management.tracing.sampling.probability=1.0",
		"spring.ai.model.chat=scripted", "spring.ai.model.embedding=none", "spring.ai.model.image=none",
		"spring.ai.model.audio.speech=none", "spring.ai.model.audio.transcription=none",
		"spring.ai.model.moderation=none", "agent-tracing.retrieval.data-source-id=kb-articles",
		"agent-tracing.run.refusal-exceptions=dev.agenttracing.support.TracedAgentApplication$PolicyRefusal" })
class AgentTraceTreeTests {

	private static final ExecutorService executor = Executors.newFixedThreadPool(2);

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	ScriptedChatModel model;


	@Autowired
	SupportAgent agent;

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@AfterAll
	static void stopExecutor() {
		executor.shutdownNow();
	}

	@Test
	void agentWithTwoToolRoundsAndAFinalAnswerIsOneTree() {
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupCustomer", "{\"customerId\":\"c-42\"}"),
						call("call-2", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				toolCalls("resp-2", 150, 10, call("call-3", "escalateToBilling", "{\"question\":\"refund?\"}")),
				answer("resp-3", "The pro plan costs 4900 JPY.", "STOP", 200, 30));

		String answer = this.agent.handle(new Ticket("cust-7", "high", "How much is pro in JPY?"), "conv-1",
				"sess-1");

		assertThat(answer).isEqualTo("The pro plan costs 4900 JPY.");
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		SpanData run = tree.root();
		assertThat(run.getName()).isEqualTo("invoke_agent support-router");
		assertThat(tree.childNames(run)).as(tree.toString())
			.containsExactly("chat scripted-model-1", "execute_tool lookupCustomer", "execute_tool lookupPricing",
					"chat scripted-model-1", "execute_tool escalateToBilling", "chat scripted-model-1");
		assertThat(tree.spans()).extracting(SpanData::getName)
			.doesNotContain("spring_ai chat_client", "call", "tool _calling ", "stream");
		// content capture is off by default: no content on any span
		assertThat(tree.spans()).allSatisfy((span) -> assertThat(span.getAttributes().asMap().keySet())
			.doesNotContainAnyElementsOf(GenAiAttributes.CONTENT)
			.noneMatch((key) -> key.getKey().startsWith("agent.content.")));

		// the run
		assertThat(run.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(attr(run, GenAiAttributes.OPERATION_NAME)).isEqualTo("invoke_agent");
		assertThat(attr(run, GenAiAttributes.AGENT_NAME)).isEqualTo("support-router");
		assertThat(attr(run, GenAiAttributes.AGENT_DESCRIPTION)).isEqualTo("Routes support tickets");
		assertThat(attr(run, GenAiAttributes.CONVERSATION_ID)).isEqualTo("conv-1");
		assertThat(attr(run, AgentAttributes.USER_ID)).isEqualTo("cust-7");
		assertThat(attr(run, AgentAttributes.SESSION_ID)).isEqualTo("sess-1");
		assertThat(attr(run, AttributeKey.stringKey("ticket.priority"))).isEqualTo("high");
		assertThat(attr(run, AgentAttributes.OUTCOME)).isEqualTo("success");
		assertThat(raw(run, "gen_ai.usage.input_tokens")).isEqualTo(450L);
		assertThat(raw(run, "gen_ai.usage.output_tokens")).isEqualTo(60L);
		assertThat(raw(run, "agent.model_calls")).isEqualTo(3L);
		assertThat(raw(run, "agent.tool_calls")).isEqualTo(3L);
		assertThat(raw(run, "gen_ai.provider.name")).isNull();
		// one iteration event per model round, then the end of the loop
		List<EventData> iterations = run.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("agent.iteration"))
			.toList();
		assertThat(iterations).extracting((event) -> event.getAttributes()
			.get(AttributeKey.longKey("agent.iteration.number"))).containsExactly(1L, 2L, 3L);
		assertThat(iterations).extracting((event) -> event.getAttributes()
			.get(AttributeKey.stringArrayKey("agent.iteration.tool_calls")))
			.containsExactly(List.of("lookupCustomer", "lookupPricing"), List.of("escalateToBilling"), List.of());
		assertThat(iterations.get(1).getAttributes().get(AttributeKey.longKey("agent.iteration.input_tokens")))
			.isEqualTo(250L);
		EventData terminated = run.getEvents().get(run.getEvents().size() - 1);
		assertThat(terminated.getName()).isEqualTo("agent.loop_terminated");
		assertThat(terminated.getAttributes().get(AttributeKey.stringKey("agent.loop.termination_reason")))
			.isEqualTo("final_answer");
		assertThat(terminated.getAttributes().get(AttributeKey.longKey("agent.loop.iterations"))).isEqualTo(3L);
		String runId = attr(run, AgentAttributes.WORKFLOW_RUN_ID);
		assertThat(runId).isNotBlank().isEqualTo(this.agent.runIdSeen()).isEqualTo(this.agent.mdcRunIdSeen());

		// the model calls
		List<SpanData> chats = tree.named("chat scripted-model-1");
		for (SpanData chat : chats) {
			assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(attr(chat, GenAiAttributes.OPERATION_NAME)).isEqualTo("chat");
			assertThat(attr(chat, GenAiAttributes.PROVIDER_NAME)).isEqualTo("openai");
			assertThat(attr(chat, GenAiAttributes.REQUEST_MODEL)).isEqualTo(ScriptedChatModel.MODEL);
			assertThat(attr(chat, GenAiAttributes.RESPONSE_MODEL)).isEqualTo(ScriptedChatModel.MODEL + "-2026-01-01");
			assertThat(attr(chat, GenAiAttributes.CONVERSATION_ID)).isEqualTo("conv-1");
			assertThat(chat.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
				.noneMatch((key) -> key.startsWith("spring.ai.") || key.equals("gen_ai.system"));
		}
		assertThat(attr(chats.get(0), GenAiAttributes.RESPONSE_ID)).isEqualTo("resp-1");
		assertThat(raw(chats.get(0), "gen_ai.response.finish_reasons")).isEqualTo(List.of("tool_call"));
		assertThat(raw(chats.get(0), "gen_ai.usage.input_tokens")).isEqualTo(100L);
		assertThat(raw(chats.get(0), "gen_ai.usage.output_tokens")).isEqualTo(20L);
		assertThat(raw(chats.get(0), "gen_ai.usage.cache_read.input_tokens")).isEqualTo(50L);
		assertThat(raw(chats.get(2), "gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));
		assertThat(attr(chats.get(2), GenAiAttributes.RESPONSE_ID)).isEqualTo("resp-3");

		// the tool executions
		SpanData customer = tree.one("execute_tool lookupCustomer");
		assertThat(customer.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(attr(customer, GenAiAttributes.OPERATION_NAME)).isEqualTo("execute_tool");
		assertThat(attr(customer, GenAiAttributes.TOOL_NAME)).isEqualTo("lookupCustomer");
		assertThat(attr(customer, GenAiAttributes.TOOL_CALL_ID)).isEqualTo("call-1");
		assertThat(attr(customer, GenAiAttributes.TOOL_TYPE)).isEqualTo("function");
		assertThat(attr(customer, GenAiAttributes.TOOL_DESCRIPTION)).isEqualTo("Look up a customer by id");
		assertThat(attr(customer, GenAiAttributes.AGENT_NAME)).isEqualTo("support-router");
		assertThat(customer.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.noneMatch((key) -> key.startsWith("spring.ai."));
		SpanData pricing = tree.one("execute_tool lookupPricing");
		assertThat(attr(pricing, GenAiAttributes.TOOL_CALL_ID)).isEqualTo("call-2");
		assertThat(pricing.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

		// the sub-agent reached through a tool: same trace, same workflow run
		SpanData escalate = tree.one("execute_tool escalateToBilling");
		SpanData billing = tree.one("invoke_agent billing-specialist");
		assertThat(tree.parentOf(billing).getSpanId()).isEqualTo(escalate.getSpanId());
		assertThat(attr(billing, AgentAttributes.WORKFLOW_RUN_ID)).isEqualTo(runId);
		assertThat(attr(billing, AgentAttributes.USER_ID)).isEqualTo("cust-7");
		assertThat(attr(billing, AgentAttributes.OUTCOME)).isEqualTo("success");
		assertThat(raw(billing, "agent.model_calls")).isEqualTo(0L);
	}

	@Test
	void vectorStoreQueryIsARetrievalSpanWithoutTheQueryText() {
		this.model.script(
				toolCalls("resp-1", 10, 5, call("call-1", "searchKnowledgeBase", "{\"query\":\"reset my password\"}")),
				answer("resp-2", "Open Settings.", "STOP", 20, 4));

		this.agent.handle(new Ticket("cust-3", "low", "How do I reset my password?"), "conv-3", "sess-3");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		SpanData retrieval = tree.one("retrieval kb-articles");
		assertThat(tree.parentOf(retrieval).getName()).isEqualTo("execute_tool searchKnowledgeBase");
		assertThat(retrieval.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(attr(retrieval, GenAiAttributes.OPERATION_NAME)).isEqualTo("retrieval");
		assertThat(attr(retrieval, GenAiAttributes.DATA_SOURCE_ID)).isEqualTo("kb-articles");
		assertThat(raw(retrieval, "gen_ai.retrieval.top_k")).isEqualTo(2L);
		assertThat(raw(retrieval, "agent.retrieval.document_count")).isEqualTo(2L);
		assertThat(retrieval.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.noneMatch((key) -> key.startsWith("db.vector."));
	}

	@Test
	void failingToolIsMarkedAsErrorWhileTheModelGetsTheErrorText() {
		this.model.script(toolCalls("resp-1", 10, 5, call("call-9", "fileTicket", "{\"team\":\"nowhere\"}")),
				answer("resp-2", "I could not file the ticket.", "STOP", 20, 8));

		String answer = this.agent.handle(new Ticket("cust-1", "low", "file it"), "conv-2", "sess-2");

		assertThat(answer).isEqualTo("I could not file the ticket.");
		ToolResponseMessage toolResult = (ToolResponseMessage) this.model.prompts()
			.get(1)
			.getInstructions()
			.stream()
			.filter(ToolResponseMessage.class::isInstance)
			.findFirst()
			.orElseThrow();
		assertThat(toolResult.getResponses().get(0).responseData()).contains("no such team: nowhere");
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		SpanData tool = tree.one("execute_tool fileTicket");
		assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attr(tool, GenAiAttributes.ERROR_TYPE)).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(tool.getEvents()).extracting(EventData::getName).containsOnlyOnce("exception");
		SpanData run = tree.root();
		assertThat(attr(run, AgentAttributes.OUTCOME)).isEqualTo("success");
		assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void runRefusedByTheAgentItself() {
		assertThat(this.agent.refuseOffTopic("weather?")).isEqualTo("I can only help with support tickets.");

		SpanData run = SpanTree.of(this.exporter.getFinishedSpanItems()).one("invoke_agent support-router");
		assertThat(attr(run, AgentAttributes.OUTCOME)).isEqualTo("refused");
		assertThat(attr(run, AgentAttributes.REFUSAL_REASON)).isEqualTo("off-topic");
		assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(run.getEvents()).extracting(EventData::getName).containsExactly("agent.refused");
		assertThat(run.getEvents().get(0).getAttributes().get(AgentAttributes.REFUSAL_REASON)).isEqualTo("off-topic");
		assertThat(raw(run, "agent.budget.exceeded")).isNull();
	}

	@Test
	void runRefusedByAConfiguredExceptionStillThrowsIt() {
		assertThatThrownBy(() -> this.agent.refuseByPolicy("secrets")).isInstanceOf(PolicyRefusal.class)
			.hasMessage("policy forbids: secrets");

		SpanData run = SpanTree.of(this.exporter.getFinishedSpanItems()).one("invoke_agent support-router");
		assertThat(attr(run, AgentAttributes.OUTCOME)).isEqualTo("refused");
		assertThat(attr(run, AgentAttributes.REFUSAL_REASON)).isEqualTo(PolicyRefusal.class.getName());
		assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(raw(run, "error.type")).isNull();
	}

	@Test
	void runRefusedByTheModelsContentFilter() {
		this.model.script(answer("resp-1", "", "CONTENT_FILTER", 12, 0));

		this.agent.limited("something nasty", 100);

		SpanTree tree = SpanTree.of(this.exporter.getFinishedSpanItems());
		SpanData run = tree.one("invoke_agent support-router");
		assertThat(attr(run, AgentAttributes.OUTCOME)).isEqualTo("refused");
		assertThat(attr(run, AgentAttributes.REFUSAL_REASON)).isEqualTo("content_filter");
		assertThat(raw(tree.one("chat scripted-model-1"), "gen_ai.response.finish_reasons"))
			.isEqualTo(List.of("content_filter"));
	}

	@Test
	void failedRunPassesItsExceptionThroughAndIsMarkedAsError() {
		assertThatThrownBy(() -> this.agent.crash("ticket-9")).isInstanceOf(IllegalStateException.class)
			.hasMessage("agent crashed on ticket-9");

		SpanData run = SpanTree.of(this.exporter.getFinishedSpanItems()).one("invoke_agent support-router");
		assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attr(run, AgentAttributes.OUTCOME)).isEqualTo("error");
		assertThat(attr(run, GenAiAttributes.ERROR_TYPE)).isEqualTo(IllegalStateException.class.getName());
		assertThat(run.getEvents()).extracting(EventData::getName).containsExactly("exception");
	}

	@Test
	void answerCutByTheTokenBudgetIsMarkedTruncated() {
		this.model.script(answer("resp-1", "The answer is", "LENGTH", 30, 5));

		assertThat(this.agent.limited("explain everything", 5)).isEqualTo("The answer is");

		SpanData chat = SpanTree.of(this.exporter.getFinishedSpanItems()).one("chat scripted-model-1");
		assertThat(raw(chat, "gen_ai.response.finish_reasons")).isEqualTo(List.of("length"));
		assertThat(raw(chat, "agent.response.truncated")).isEqualTo(true);
		assertThat(raw(chat, "gen_ai.request.max_tokens")).isEqualTo(5L);
		assertThat(raw(chat, "gen_ai.request.temperature")).isEqualTo(0.2);
		EventData truncated = chat.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("agent.response.truncated"))
			.findFirst()
			.orElseThrow();
		assertThat(truncated.getAttributes().get(GenAiAttributes.REQUEST_MAX_TOKENS)).isEqualTo(5L);
		assertThat(truncated.getAttributes().get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(5L);
	}

	@Test
	void handWrittenLoopCallingAgentToolsGetsItsOwnToolSpans() {
		String answer = this.agent.handWrittenLoop(List.of("c-1", "c-2"));

		assertThat(answer).contains("c-1", "c-2");
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent react-loop");
		SpanData run = tree.root();
		assertThat(tree.childNames(run)).containsExactly("execute_tool lookupCustomer", "execute_tool lookupCustomer");
		SpanData tool = tree.childrenOf(run).get(0);
		assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(attr(tool, GenAiAttributes.TOOL_NAME)).isEqualTo("lookupCustomer");
		assertThat(attr(tool, GenAiAttributes.TOOL_TYPE)).isEqualTo("function");
		assertThat(attr(tool, GenAiAttributes.TOOL_DESCRIPTION)).isEqualTo("Look up a customer by id");
		assertThat(attr(tool, GenAiAttributes.AGENT_NAME)).isEqualTo("react-loop");
		assertThat(raw(run, "agent.tool_calls")).isEqualTo(2L);
		assertThat(raw(run, "agent.model_calls")).isEqualTo(0L);
	}

	@Test
	void streamedRunEndsOnceWhenItsFluxCompletes() {
		this.model.script(toolCalls("resp-1", 10, 5, call("call-1", "lookupCustomer", "{\"customerId\":\"c-5\"}")),
				answer("resp-2", "streamed answer", "STOP", 20, 7));

		List<String> chunks = this.agent.stream("stream it").collectList().block(Duration.ofSeconds(10));

		assertThat(String.join("", chunks)).isEqualTo("streamed answer");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(SpanTree.of(this.exporter.getFinishedSpanItems())
				.named("invoke_agent streaming-router")).hasSize(1));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(SpanTree.of(this.exporter.getFinishedSpanItems())
				.named("chat scripted-model-1")).hasSize(2));
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent streaming-router");
		SpanData run = tree.root();
		assertThat(run.getName()).isEqualTo("invoke_agent streaming-router");
		assertThat(tree.named("chat scripted-model-1")).allSatisfy((chat) -> {
			assertThat(raw(chat, "gen_ai.request.stream")).isEqualTo(true);
			assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId());
		});
		assertThat(tree.one("execute_tool lookupCustomer").getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(attr(run, AgentAttributes.OUTCOME)).isEqualTo("success");
		assertThat(raw(run, "agent.model_calls")).isEqualTo(2L);
		assertThat(raw(run, "gen_ai.usage.input_tokens")).isEqualTo(30L);
	}

	@Test
	void asynchronousRunEndsWhenItsFutureCompletes() throws Exception {
		assertThat(this.agent.async("quiet", executor).get()).isEqualTo("QUIET");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(SpanTree.of(this.exporter.getFinishedSpanItems())
				.named("invoke_agent async-router")).hasSize(1));
		SpanData run = SpanTree.of(this.exporter.getFinishedSpanItems()).one("invoke_agent async-router");
		assertThat(attr(run, AgentAttributes.OUTCOME)).isEqualTo("success");
	}

	@Test
	void cancelledAsynchronousRunEndsOnceAsAnError() {
		CompletableFuture<String> blocked = new CompletableFuture<>();
		CompletableFuture<String> result = this.agent.async("x", (task) -> blocked.thenRun(task));

		result.cancel(true);
		result.cancel(true);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(SpanTree.of(this.exporter.getFinishedSpanItems())
				.named("invoke_agent async-router")).hasSize(1));
		SpanData run = SpanTree.of(this.exporter.getFinishedSpanItems()).one("invoke_agent async-router");
		assertThat(attr(run, AgentAttributes.OUTCOME)).isEqualTo("error");
		assertThat(attr(run, GenAiAttributes.ERROR_TYPE)).isEqualTo(CancellationException.class.getName());
	}

	@Test
	void conversationIdComesFromSpringAiChatMemoryWhenTheRunHasNone() {
		this.model.script(answer("resp-1", "hello again", "STOP", 5, 2));

		this.agent.withMemory("memory-conv-7", "hi");

		SpanTree tree = SpanTree.of(this.exporter.getFinishedSpanItems());
		assertThat(attr(tree.one("invoke_agent memory-router"), GenAiAttributes.CONVERSATION_ID))
			.isEqualTo("memory-conv-7");
	}

}
