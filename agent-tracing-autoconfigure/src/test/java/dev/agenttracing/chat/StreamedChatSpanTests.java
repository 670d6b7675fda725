package dev.agenttracing.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.support.SpanTree;
import dev.agenttracing.support.TracedAgentApplication;
import dev.agenttracing.support.TracedAgentApplication.SupportAgent;
import dev.agenttracing.support.TracedAgentApplication.Ticket;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.ScriptedChatModel.call;
import static dev.agenttracing.support.ScriptedChatModel.streamFailing;
import static dev.agenttracing.support.ScriptedChatModel.streamHanging;
import static dev.agenttracing.support.ScriptedChatModel.toolCalls;
import static dev.agenttracing.support.SpanTree.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Model calls streamed through the real {@code ChatClient} and its tool loop: one
 * {@code chat} span per model round, ended once whether the stream completes, fails,
 * or is cancelled, with {@code gen_ai.response.time_to_first_chunk}.
 */
@SpringBootTest(classes = TracedAgentApplication.class, properties = { "management.tracing.sampling.probability=1.0",
		"spring.ai.model.chat=scripted", "spring.ai.model.embedding=none", "spring.ai.model.image=none",
		"spring.ai.model.audio.speech=none", "spring.ai.model.audio.transcription=none",
		"spring.ai.model.moderation=none", "agent-tracing.retrieval.data-source-id=kb-articles" })
class StreamedChatSpanTests {

	private static final String CHAT = "chat " + ScriptedChatModel.MODEL;

	private static final String RUN = "invoke_agent streaming-router";

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Autowired
	ObservationRegistry observationRegistry;

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@Test
	void everyStreamedModelRoundIsOneChatSpanWithItsTimeToFirstChunk() {
		this.model.script(toolCalls("resp-1", 10, 5, call("call-1", "lookupCustomer", "{\"customerId\":\"c-5\"}")),
				answer("resp-2", "the plan is pro", "STOP", 20, 7));

		List<String> chunks = this.agent.stream("stream it").collectList().block(Duration.ofSeconds(10));

		assertThat(chunks).containsExactly("the", " plan", " is", " pro");
		SpanTree tree = awaitTrace(4);
		SpanData run = tree.root();
		assertThat(tree.childNames(run)).containsExactlyInAnyOrder(CHAT, "execute_tool lookupCustomer", CHAT);
		assertThat(tree.named(CHAT)).hasSize(2).allSatisfy((chat) -> {
			assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId());
			assertThat(attr(chat, GenAiAttributes.REQUEST_STREAM)).isTrue();
			assertTimeToFirstChunkWithinSpan(chat);
			assertThat(attr(chat, AgentAttributes.RESPONSE_CANCELLED)).isNull();
			assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(attr(chat, GenAiAttributes.ERROR_TYPE)).isNull();
		});
		assertThat(tree.named(CHAT)).extracting((chat) -> attr(chat, GenAiAttributes.RESPONSE_ID))
			.containsExactlyInAnyOrder("resp-1", "resp-2");
		assertThat(attr(run, AgentAttributes.MODEL_CALLS)).isEqualTo(2L);
		assertThat(attr(run, GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(30L);
	}

	/**
	 * A run's span never ends before the spans of its streamed model calls: their end is
	 * deferred until the first chunk crossed the ChatClient's thread hop, and the run waits
	 * for it.
	 */
	@Test
	void aStreamedRunEndsAfterEveryOneOfItsChatSpans() {
		int runs = 30;
		for (int i = 0; i < runs; i++) {
			this.model.script(toolCalls("resp-" + i + "a", 10, 5,
					call("call-" + i, "lookupCustomer", "{\"customerId\":\"c-5\"}")),
					answer("resp-" + i + "b", "ok", "STOP", 20, 7));
			this.agent.stream("stream " + i).collectList().block(Duration.ofSeconds(10));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(SpanTree.of(this.exporter.getFinishedSpanItems()).named(RUN)).hasSize(runs));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(SpanTree.of(this.exporter.getFinishedSpanItems()).named(CHAT))
				.hasSize(2 * runs));
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		List<String> late = new java.util.ArrayList<>();
		for (SpanData run : SpanTree.of(spans).named(RUN)) {
			for (SpanData span : spans) {
				if (span.getTraceId().equals(run.getTraceId()) && span.getEndEpochNanos() > run.getEndEpochNanos()) {
					late.add(span.getName() + " ended " + (span.getEndEpochNanos() - run.getEndEpochNanos())
							+ " ns after its run");
				}
			}
		}
		assertThat(late).isEmpty();
	}

	@Test
	void aStreamFailingMidwayEndsItsChatSpanOnceAsAnError() {
		this.model.script(streamFailing("resp-1", "half an answer", new IllegalStateException("connection reset")));

		assertThatThrownBy(() -> this.agent.stream("fail").collectList().block(Duration.ofSeconds(10)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("connection reset");

		SpanTree tree = awaitTrace(2);
		SpanData chat = tree.one(CHAT);
		assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attr(chat, GenAiAttributes.ERROR_TYPE)).isEqualTo(IllegalStateException.class.getName());
		assertTimeToFirstChunkWithinSpan(chat);
		assertThat(attr(chat, AgentAttributes.RESPONSE_CANCELLED)).isNull();
	}

	@Test
	void takingTheFirstChunkCancelsTheStreamAndEndsItsChatSpanOnceWithoutError() {
		this.model.script(streamHanging("resp-1", "first and never more"));

		List<String> chunks = this.agent.stream("cancel").take(1).collectList().block(Duration.ofSeconds(10));

		assertThat(chunks).containsExactly("first");
		SpanTree tree = awaitTrace(2);
		assertCancelled(tree.one(CHAT));
	}

	@Test
	void disposingTheSubscriptionEndsTheChatSpanOnceWithoutError() {
		this.model.script(streamHanging("resp-1", "first and never more"));
		List<String> received = new CopyOnWriteArrayList<>();

		Disposable subscription = this.agent.stream("dispose").subscribe(received::add);
		await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
		subscription.dispose();
		subscription.dispose();

		SpanTree tree = awaitTrace(2);
		assertCancelled(tree.one(CHAT));
		assertThat(received).containsExactly("first");
	}

	@Test
	void aModelCallThatIsNotStreamedHasNoTimeToFirstChunk() {
		this.model.script(answer("resp-1", "plain answer", "STOP", 5, 2));

		this.agent.handle(new Ticket("c-1", "low", "hello"), "conv-1", "session-1");

		SpanData chat = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router")
			.one(CHAT);
		assertThat(attr(chat, GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK)).isNull();
		assertThat(attr(chat, GenAiAttributes.REQUEST_STREAM)).isNull();
		assertThat(attr(chat, AgentAttributes.RESPONSE_CANCELLED)).isNull();
	}

	@Test
	void aModelCallStoppedTwiceEndsItsSpanOnceAndAnErrorAfterTheEndIsIgnored() {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(new Prompt("hi", ToolCallingChatOptions.builder().model(ScriptedChatModel.MODEL).build()))
			.provider("openai")
			.streaming(true)
			.build();
		Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, new DefaultChatModelObservationConvention(), () -> context, this.observationRegistry)
			.start();

		observation.stop();
		observation.error(new IllegalStateException("late"));
		observation.stop();

		assertThat(SpanTree.of(this.exporter.getFinishedSpanItems()).named(CHAT)).singleElement().satisfies((chat) -> {
			assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(attr(chat, GenAiAttributes.ERROR_TYPE)).isNull();
			assertThat(chat.getEvents()).isEmpty();
		});
	}

	private SpanTree awaitTrace(int spans) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(SpanTree.of(this.exporter.getFinishedSpanItems()).spans()).hasSize(spans));
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), RUN);
		assertThat(tree.spans()).hasSize(spans);
		return tree;
	}

	private static void assertTimeToFirstChunkWithinSpan(SpanData chat) {
		Double timeToFirstChunk = attr(chat, GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK);
		double duration = (chat.getEndEpochNanos() - chat.getStartEpochNanos()) / 1e9;
		assertThat(timeToFirstChunk).isNotNull().isPositive().isLessThanOrEqualTo(duration);
	}

	private static void assertCancelled(SpanData chat) {
		assertThat(attr(chat, AgentAttributes.RESPONSE_CANCELLED)).isTrue();
		assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(attr(chat, GenAiAttributes.ERROR_TYPE)).isNull();
		assertTimeToFirstChunkWithinSpan(chat);
	}

}
