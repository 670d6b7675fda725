package dev.agenttracing.propagation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.AgentRuns;
import dev.agenttracing.support.SpanTree;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static dev.agenttracing.support.SpanTree.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Spring Boot applications on random ports: an agent in one calls an agent in the
 * other over HTTP with Boot's RestClient, and both runs are one trace that shares one
 * {@code workflow.run_id} and the caller's business context.
 */
class HttpPropagationTests {

	static final String[] PROPERTIES = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=none",
			"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
			"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none", "server.port=0",
			"spring.main.banner-mode=off", "management.otlp.metrics.export.enabled=false",
			"management.opentelemetry.logging.export.otlp.enabled=false", "logging.level.root=WARN" };

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private ConfigurableApplicationContext remote;

	private ConfigurableApplicationContext caller;

	@AfterEach
	void close() {
		if (this.caller != null) {
			this.caller.close();
		}
		if (this.remote != null) {
			this.remote.close();
		}
	}

	@Test
	void remoteAgentIsAChildOfTheCallingAgentAndInheritsItsBusinessContext() {
		start();
		String remoteRunId = this.caller.getBean(CallerAgent.class).ask("c-42", "s-7", "conv-9", "refund?");

		SpanTree trace = traceOf("invoke_agent caller");
		SpanData callerRun = trace.one("invoke_agent caller");
		SpanData remoteRun = trace.one("invoke_agent remote");
		SpanData server = trace.parentOf(remoteRun);
		assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
		SpanData client = trace.parentOf(server);
		assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(trace.parentOf(client).getSpanId()).isEqualTo(callerRun.getSpanId());
		String runId = attr(callerRun, AttributeKey.stringKey("workflow.run_id"));
		assertThat(remoteRunId).isEqualTo(runId);
		assertThat(attr(remoteRun, AttributeKey.stringKey("workflow.run_id"))).isEqualTo(runId);
		assertThat(attr(remoteRun, AttributeKey.stringKey("user.id"))).isEqualTo("c-42");
		assertThat(attr(remoteRun, AttributeKey.stringKey("session.id"))).isEqualTo("s-7");
		assertThat(attr(remoteRun, AttributeKey.stringKey("gen_ai.conversation.id"))).isEqualTo("conv-9");
	}

	@Test
	void remoteRunKeepsItsOwnBusinessContextOverTheInheritedOne() {
		start();
		this.caller.getBean(CallerAgent.class).askAs("c-42", "c-99");

		SpanTree trace = traceOf("invoke_agent caller");
		SpanData remoteRun = trace.one("invoke_agent remote-own-user");
		assertThat(attr(remoteRun, AttributeKey.stringKey("user.id"))).isEqualTo("c-99");
		assertThat(attr(remoteRun, AttributeKey.stringKey("workflow.run_id")))
			.isEqualTo(attr(trace.one("invoke_agent caller"), AttributeKey.stringKey("workflow.run_id")));
	}

	@Test
	void onlyTheConfiguredBaggageKeysTravel() {
		start("agent-tracing.propagation.baggage-keys=workflow.run_id");
		String remoteRunId = this.caller.getBean(CallerAgent.class).ask("c-42", "s-7", "conv-9", "refund?");

		SpanTree trace = traceOf("invoke_agent caller");
		SpanData remoteRun = trace.one("invoke_agent remote");
		assertThat(attr(remoteRun, AttributeKey.stringKey("workflow.run_id"))).isEqualTo(remoteRunId)
			.isEqualTo(attr(trace.one("invoke_agent caller"), AttributeKey.stringKey("workflow.run_id")));
		assertThat(remoteRun.getAttributes().asMap()).doesNotContainKeys(AttributeKey.stringKey("user.id"),
				AttributeKey.stringKey("session.id"), AttributeKey.stringKey("gen_ai.conversation.id"));
	}

	@Test
	void withoutPropagationTheRemoteRunStartsItsOwnWorkflow() {
		start("agent-tracing.propagation.enabled=false");
		String remoteRunId = this.caller.getBean(CallerAgent.class).ask("c-42", "s-7", "conv-9", "refund?");

		SpanTree trace = traceOf("invoke_agent caller");
		SpanData remoteRun = trace.one("invoke_agent remote");
		assertThat(attr(remoteRun, AttributeKey.stringKey("workflow.run_id"))).isEqualTo(remoteRunId)
			.isNotEqualTo(attr(trace.one("invoke_agent caller"), AttributeKey.stringKey("workflow.run_id")));
		assertThat(remoteRun.getAttributes().asMap()).doesNotContainKey(AttributeKey.stringKey("user.id"));
	}

	private void start(String... extra) {
		this.remote = app(RemoteApplication.class, extra).run();
		String url = "http://localhost:" + this.remote.getEnvironment().getProperty("local.server.port");
		this.caller = app(CallerApplication.class, extra).properties("remote.url=" + url).run();
	}

	private SpringApplicationBuilder app(Class<?> type, String... extra) {
		SpanProcessorSharing sharing = new SpanProcessorSharing(SimpleSpanProcessor.create(this.exporter));
		return new SpringApplicationBuilder(type).initializers(sharing).properties(PROPERTIES).properties(extra);
	}

	private SpanTree traceOf(String rootName) {
		return await().atMost(Duration.ofSeconds(10)).until(() -> {
			List<SpanData> spans = this.exporter.getFinishedSpanItems();
			SpanData root = spans.stream().filter((span) -> span.getName().equals(rootName)).findFirst().orElse(null);
			if (root == null) {
				return null;
			}
			List<SpanData> trace = spans.stream().filter((span) -> span.getTraceId().equals(root.getTraceId())).toList();
			// The caller's run, its HTTP client span, the server span and the remote run.
			return (trace.size() >= 4) ? SpanTree.of(trace) : null;
		}, (tree) -> tree != null);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CallerApplication {

		@Bean
		CallerAgent callerAgent(RestClient.Builder restClient, org.springframework.core.env.Environment environment) {
			return new CallerAgent(restClient.baseUrl(environment.getProperty("remote.url")).build());
		}

	}

	static class CallerAgent {

		private final RestClient restClient;

		CallerAgent(RestClient restClient) {
			this.restClient = restClient;
		}

		@AgentRun(name = "caller", userId = "#user", sessionId = "#session", conversationId = "#conversation")
		public String ask(String user, String session, String conversation, String question) {
			return this.restClient.post()
				.uri("/agents/remote")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("question", question))
				.retrieve()
				.body(String.class);
		}

		@AgentRun(name = "caller", userId = "#user")
		public String askAs(String user, String remoteUser) {
			return this.restClient.post()
				.uri("/agents/remote-own-user")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("question", remoteUser))
				.retrieve()
				.body(String.class);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RemoteApplication {

		@Bean
		RemoteAgent remoteAgent(AgentRuns runs) {
			return new RemoteAgent(runs);
		}

		@Bean
		RemoteController remoteController(RemoteAgent agent) {
			return new RemoteController(agent);
		}

	}

	static class RemoteAgent {

		private final AgentRuns runs;

		RemoteAgent(AgentRuns runs) {
			this.runs = runs;
		}

		@AgentRun(name = "remote")
		public String answer(String question) {
			return this.runs.currentRunId().orElse("");
		}

		@AgentRun(name = "remote-own-user", userId = "#user")
		public String answerAs(String user) {
			return this.runs.currentRunId().orElse("");
		}

	}

	@RestController
	static class RemoteController {

		private final RemoteAgent agent;

		RemoteController(RemoteAgent agent) {
			this.agent = agent;
		}

		@PostMapping("/agents/remote")
		String remote(@RequestBody Map<String, String> body) {
			return this.agent.answer(body.get("question"));
		}

		@PostMapping("/agents/remote-own-user")
		String remoteOwnUser(@RequestBody Map<String, String> body) {
			return this.agent.answerAs(body.get("question"));
		}

	}

}
