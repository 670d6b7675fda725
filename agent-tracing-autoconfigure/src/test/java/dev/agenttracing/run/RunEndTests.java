package dev.agenttracing.run;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agenttracing.support.SpanTree;
import dev.agenttracing.support.TracedAgentApplication;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.SpanTree.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A run whose method returned or threw while one of its model calls was still open (the
 * tail of a stream it blocked on: the stream's last signal reaches the caller before the
 * model call's observation stops, on another thread) ends when that call stops, with its
 * usage and iteration on the run's span.
 */
@SpringBootTest(classes = { TracedAgentApplication.class, RunEndTests.Agents.class },
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=scripted",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none" })
class RunEndTests {

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	Agents.OpenCallAgent agent;

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@Test
	void returnedRunEndsWhenTheModelCallItLeftOpenStops() {
		ChatModelObservationContext call = modelCall();
		Observation open = this.agent.returnWithCallOpen(call);

		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		call.setResponse(answer("resp-1", "done", "STOP", 30, 7));
		open.stop();

		SpanData run = runWithItsCall("invoke_agent returns-early");
		assertThat(raw(run, "agent.outcome")).isEqualTo("success");
		assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void failedRunEndsWhenTheModelCallItLeftOpenStops() {
		ChatModelObservationContext call = modelCall();

		assertThatIllegalStateException().isThrownBy(() -> this.agent.throwWithCallOpen(call))
			.withMessage("gave up");
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		call.setResponse(answer("resp-1", "done", "STOP", 30, 7));
		this.agent.opened().stop();

		SpanData run = runWithItsCall("invoke_agent throws-early");
		assertThat(raw(run, "agent.outcome")).isEqualTo("error");
		assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
	}

	private SpanData runWithItsCall(String name) {
		SpanTree tree = SpanTree.of(this.exporter.getFinishedSpanItems());
		SpanData run = tree.root();
		assertThat(run.getName()).isEqualTo(name);
		SpanData chat = tree.childrenOf(run).get(0);
		assertThat(tree.spans()).as(tree.toString()).hasSize(2);
		assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(raw(run, "agent.model_calls")).isEqualTo(1L);
		assertThat(raw(run, "gen_ai.usage.input_tokens")).isEqualTo(30L);
		assertThat(raw(run, "gen_ai.usage.output_tokens")).isEqualTo(7L);
		assertThat(run.getEvents()).extracting(EventData::getName).contains("agent.iteration");
		return run;
	}

	private static ChatModelObservationContext modelCall() {
		return ChatModelObservationContext.builder().prompt(new Prompt("hi")).provider("openai").build();
	}

	@Configuration(proxyBeanMethods = false)
	static class Agents {

		@Bean
		OpenCallAgent openCallAgent(ObservationRegistry registry) {
			return new OpenCallAgent(registry);
		}

		public static class OpenCallAgent {

			private final ObservationRegistry registry;

			private volatile Observation opened;

			OpenCallAgent(ObservationRegistry registry) {
				this.registry = registry;
			}

			public Observation opened() {
				return this.opened;
			}

			@AgentRun(name = "returns-early")
			public Observation returnWithCallOpen(ChatModelObservationContext call) {
				return start(call);
			}

			@AgentRun(name = "throws-early")
			public void throwWithCallOpen(ChatModelObservationContext call) {
				this.opened = start(call);
				throw new IllegalStateException("gave up");
			}

			private Observation start(ChatModelObservationContext call) {
				return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
					.observation(null, new DefaultChatModelObservationConvention(), () -> call, this.registry)
					.start();
			}

		}

	}

}
