package dev.agenttracing.trace;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.support.TracedAgentApplication;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.ScriptedChatModel.call;
import static dev.agenttracing.support.ScriptedChatModel.toolCalls;
import static dev.agenttracing.support.SpanTree.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application closes while an agent run is still in flight (inside a tool): the run
 * span and the open tool span are ended, with a status that says so, before the tracer
 * provider shuts down; the run itself goes on and returns its answer unchanged, and its
 * spans are not ended a second time.
 */
@ExtendWith(OutputCaptureExtension.class)
class InFlightRunShutdownTests {

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void runInFlightAtShutdownEndsItsOpenSpansWithShutdownStatusAndStillReturnsItsAnswer(CapturedOutput output)
			throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TracedAgentApplication.class,
				GatedAgentConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties(TracedAgentApplication.PROPERTIES)
			.run();
		GatedTools tools = context.getBean(GatedTools.class);
		RecordingSpanProcessor recorded = context.getBean(RecordingSpanProcessor.class);
		TracingFailures failures = context.getBean(TracingFailures.class);
		context.getBean(ScriptedChatModel.class)
			.script(toolCalls("resp-1", 40, 8, call("call-1", "waitForRefundApproval", "{\"ticket\":\"t-7\"}")),
					answer("resp-2", "Refund approved.", "STOP", 60, 4));
		GatedAgent agent = context.getBean(GatedAgent.class);
		// The knowledge base of the application was filled at startup.
		recorded.spans.clear();

		Future<String> answer = this.executor.submit(() -> agent.handle("Refund ticket t-7"));
		assertThat(tools.entered.await(30, TimeUnit.SECONDS)).as("the tool was entered").isTrue();
		assertThat(recorded.spans).as("spans ended while the run is in the tool").isEmpty();

		context.close();

		Map<String, SpanData> byName = recorded.spans.stream()
			.collect(Collectors.toMap(SpanData::getName, Function.identity()));
		assertThat(byName).containsKeys("invoke_agent refund-desk", "execute_tool waitForRefundApproval",
				"chat " + ScriptedChatModel.MODEL);
		SpanData run = byName.get("invoke_agent refund-desk");
		SpanData tool = byName.get("execute_tool waitForRefundApproval");
		SpanData chat = byName.get("chat " + ScriptedChatModel.MODEL);
		for (SpanData cutShort : List.of(run, tool)) {
			assertThat(cutShort.hasEnded()).isTrue();
			assertThat(cutShort.getStatus().getStatusCode()).as("status of %s", cutShort.getName())
				.isEqualTo(StatusCode.ERROR);
			assertThat(cutShort.getStatus().getDescription()).isEqualTo(InFlightSpans.SHUTDOWN_DESCRIPTION);
			assertThat(attr(cutShort, GenAiAttributes.ERROR_TYPE)).isEqualTo(InFlightSpans.SHUTDOWN_ERROR_TYPE);
		}
		assertThat(attr(run, AgentAttributes.OUTCOME)).isEqualTo("error");
		assertThat(tool.getTraceId()).isEqualTo(run.getTraceId());
		assertThat(tool.getEndEpochNanos()).isLessThanOrEqualTo(run.getEndEpochNanos());
		// The model call that finished before the shutdown keeps its own, normal end.
		assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(chat.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isNull();
		int exportedAtShutdown = recorded.spans.size();

		tools.gate.countDown();

		assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("Refund approved.");
		await().atMost(Duration.ofSeconds(10)).until(() -> tools.left.getCount() == 0);
		assertThat(recorded.spans).as("spans exported after the run went on").hasSize(exportedAtShutdown);
		assertThat(failures.total()).as("tracing failures").isZero();
		assertThat(output).doesNotContain("agent-tracing failed").doesNotContain("ended Span");
		assertThat(output).contains("Ended 2 span(s) of agent runs still in flight at shutdown");
	}

	@Configuration(proxyBeanMethods = false)
	static class GatedAgentConfiguration {

		@Bean
		GatedTools gatedTools() {
			return new GatedTools();
		}

		@Bean
		GatedAgent gatedAgent(ChatClient.Builder builder, GatedTools tools) {
			return new GatedAgent(builder.build(), tools);
		}

		@Bean
		RecordingSpanProcessor recordingSpanProcessor() {
			return new RecordingSpanProcessor();
		}

	}

	public static class GatedAgent {

		private final ChatClient chatClient;

		private final GatedTools tools;

		GatedAgent(ChatClient chatClient, GatedTools tools) {
			this.chatClient = chatClient;
			this.tools = tools;
		}

		@AgentRun(name = "refund-desk")
		public String handle(String text) {
			return this.chatClient.prompt().user(text).tools(this.tools).call().content();
		}

	}

	public static class GatedTools {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch gate = new CountDownLatch(1);

		final CountDownLatch left = new CountDownLatch(1);

		@Tool(description = "Wait until a refund is approved")
		public String waitForRefundApproval(String ticket) throws InterruptedException {
			this.entered.countDown();
			try {
				return this.gate.await(60, TimeUnit.SECONDS) ? "{\"approved\":true}" : "{\"approved\":false}";
			}
			finally {
				this.left.countDown();
			}
		}

	}

	/**
	 * Keeps every span it sees end; unlike the in-memory exporter, it does not forget them
	 * when the tracer provider shuts down.
	 */
	static class RecordingSpanProcessor implements SpanProcessor {

		final List<SpanData> spans = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			this.spans.add(span.toSpanData());
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

}
