package dev.agenttracing.trace;

import java.time.Duration;
import java.util.List;

import io.micrometer.tracing.Span;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.support.SpanTree;
import dev.agenttracing.support.TracedAgentApplication;
import dev.agenttracing.support.TracedAgentApplication.SupportAgent;
import dev.agenttracing.support.TracedAgentApplication.Ticket;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.SpanTree.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application's own {@link GenAiSpanConvention} for a kind of operation replaces the
 * built-in one for that kind, blocking and streamed, and a streamed call keeps its time to
 * the first chunk, which does not depend on the convention.
 */
@SpringBootTest(classes = { TracedAgentApplication.class, ApplicationSpanConventionTests.ChatConvention.class },
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=scripted",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none" })
class ApplicationSpanConventionTests {

	private static final AttributeKey<String> LLM_VENDOR = AttributeKey.stringKey("llm.vendor");

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

	@Test
	void theApplicationsChatConventionReplacesTheBuiltInOne() {
		this.model.script(answer("resp-1", "hello there", "STOP", 5, 2));

		this.agent.handle(new Ticket("c-1", "low", "hello"), "conv-1", "session-1");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		SpanData chat = tree.one("llm " + ScriptedChatModel.MODEL);
		assertThat(chat.getAttributes().get(LLM_VENDOR)).isEqualTo("scripted");
		assertThat(attr(chat, GenAiAttributes.OPERATION_NAME)).as("no built-in attribute").isNull();
		assertThat(attr(chat, GenAiAttributes.USAGE_INPUT_TOKENS)).isNull();
		assertThat(tree.named("chat " + ScriptedChatModel.MODEL)).isEmpty();
	}

	@Test
	void aStreamedCallWrittenByTheApplicationsConventionKeepsItsTimeToFirstChunk() {
		this.model.script(answer("resp-1", "the plan is pro", "STOP", 20, 7));

		List<String> chunks = this.agent.stream("stream it").collectList().block(Duration.ofSeconds(10));

		assertThat(chunks).isNotEmpty();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(SpanTree.of(this.exporter.getFinishedSpanItems())
				.named("invoke_agent streaming-router")).hasSize(1));
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent streaming-router");
		SpanData chat = tree.one("llm " + ScriptedChatModel.MODEL);
		assertThat(chat.getAttributes().get(LLM_VENDOR)).isEqualTo("scripted");
		assertThat(attr(chat, GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK)).isNotNull().isPositive();
		assertThat(chat.getEndEpochNanos()).isLessThanOrEqualTo(tree.root().getEndEpochNanos());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ChatConvention {

		@Bean
		GenAiSpanConvention<ChatModelObservationContext> myChatConvention() {
			return new GenAiSpanConvention<>() {

				@Override
				public Class<ChatModelObservationContext> contextType() {
					return ChatModelObservationContext.class;
				}

				@Override
				public Span.Kind spanKind(ChatModelObservationContext context) {
					return Span.Kind.CLIENT;
				}

				@Override
				public String spanName(ChatModelObservationContext context) {
					return "llm " + context.getRequest().getOptions().getModel();
				}

				@Override
				public void onStart(ChatModelObservationContext context, SpanAttributes attributes) {
					attributes.put(LLM_VENDOR, "scripted");
				}

				@Override
				public void onStop(ChatModelObservationContext context, SpanAttributes attributes) {
				}

				@Override
				public boolean copiesKeyValue(String key) {
					return false;
				}

			};
		}

	}

}
