package dev.agenttracing.recorder;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.tool.AgentTool;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.ScriptedChatModel.call;
import static dev.agenttracing.support.ScriptedChatModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The viewer's "Download as a test fixture" gives the run's JSON as the viewer reads it
 * ({@code api/runs/{traceId}}, the same as {@code /actuator/agentruns/{traceId}}): it comes
 * from the flight recorder, whose spans went through the same redaction and safety net as
 * the export. A run with content capture on plants secrets in the prompt (a custom
 * pattern), in a tool's result (a built-in detector) and in a tool's exception message
 * (the safety net): none is in the downloaded file, while the rest of the content is.
 */
@SpringBootTest(classes = FixtureDownloadSecretsTests.SecretsApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=scripted",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none",
				"spring.ai.model.audio.speech=none", "spring.ai.model.audio.transcription=none",
				"spring.ai.model.moderation=none", "management.otlp.metrics.export.enabled=false",
				"management.opentelemetry.logging.export.otlp.enabled=false",
				"management.opentelemetry.tracing.export.schedule-delay=100ms", "agent-tracing.sampling.enabled=false",
				"management.endpoints.web.exposure.include=agentruns", "agent-tracing.recorder.viewer.enabled=true",
				"agent-tracing.capture.enabled=true",
				"agent-tracing.redaction.custom-patterns.ticket-token=TKT-[A-Z0-9]{20}" })
class FixtureDownloadSecretsTests {

	private static final SecureRandom random = new SecureRandom();

	static final String TICKET_TOKEN = "TKT-" + HexFormat.of().withUpperCase().formatHex(random.generateSeed(10));

	static final String AWS_KEY = "AKIA" + HexFormat.of().withUpperCase().formatHex(random.generateSeed(8));

	static final String EXCEPTION_SECRET = "password=" + HexFormat.of().formatHex(random.generateSeed(8));

	static final String MARKER = "zebra-" + HexFormat.of().formatHex(random.generateSeed(6));

	@LocalServerPort
	int port;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	VaultAgent agent;

	@Test
	void theDownloadedFixtureHoldsNoPlantedSecret() {
		this.model.script(
				toolCalls("resp-1", 10, 5, call("call-1", "readVault", "{\"name\":\"deploy\"}"),
						call("call-2", "rotateVault", "{\"name\":\"deploy\"}")),
				answer("resp-2", "Done: " + MARKER, "STOP", 20, 5));

		this.agent.ask("Rotate the deploy key. Reference " + MARKER + ", ticket token " + TICKET_TOKEN);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> RecorderWebApplication.get(this.port, "/actuator/agentruns").body().contains("vault-agent"));
		String traceId = JsonMapper.builder()
			.build()
			.readTree(RecorderWebApplication.get(this.port, "/actuator/agentruns").body())
			.get("runs")
			.get(0)
			.get("traceId")
			.asString();
		// What the run page's "Download as a test fixture" link gives, and the endpoint's JSON.
		HttpResponse<String> download = RecorderWebApplication.get(this.port, "/agent-tracing/runs/api/runs/" + traceId);
		HttpResponse<String> endpoint = RecorderWebApplication.get(this.port, "/actuator/agentruns/" + traceId);

		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).doesNotContain(TICKET_TOKEN, AWS_KEY, EXCEPTION_SECRET);
		// The secrets were in play: the content around them was captured, each one replaced by a mark.
		assertThat(download.body()).contains(MARKER, "gen_ai.input.messages", "gen_ai.tool.call.result",
				"exception.message", "[REDACTED:ticket-token]", "vault for deploy", "rotation failed for deploy");
		JsonMapper json = JsonMapper.builder().build();
		JsonNode downloaded = json.readTree(download.body());
		assertThat(downloaded).isEqualTo(json.readTree(endpoint.body()));
		assertThat(downloaded.get("run").get("traceId").asString()).isEqualTo(traceId);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SecretsApplication {

		@Bean
		ScriptedChatModel scriptedChatModel(ObservationRegistry registry) {
			return new ScriptedChatModel(registry);
		}

		@Bean
		VaultTools vaultTools() {
			return new VaultTools();
		}

		@Bean
		VaultAgent vaultAgent(ChatClient.Builder builder, VaultTools tools) {
			return new VaultAgent(builder.build(), tools);
		}

	}

	public static class VaultAgent {

		private final ChatClient chatClient;

		private final VaultTools tools;

		VaultAgent(ChatClient chatClient, VaultTools tools) {
			this.chatClient = chatClient;
			this.tools = tools;
		}

		@AgentRun(name = "vault-agent")
		public String ask(String text) {
			return this.chatClient.prompt().user(text).tools(this.tools).call().content();
		}

	}

	public static class VaultTools {

		@Tool(description = "Read a key from the vault")
		@AgentTool
		public String readVault(String name) {
			return "{\"note\":\"vault for " + name + "\",\"awsAccessKeyId\":\"" + AWS_KEY + "\"}";
		}

		@Tool(description = "Rotate a key of the vault")
		@AgentTool
		public String rotateVault(String name) {
			throw new IllegalStateException("rotation failed for " + name + ": " + EXCEPTION_SECRET);
		}

	}

}
