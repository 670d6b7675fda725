package dev.agenttracing.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.run.AgentRun;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every byte the application exports, scanned for its secrets: the real
 * {@code spring-ai-openai} module sends its API key to the provider (here a local stub),
 * content capture is on, and a second secret, matched by a custom redaction pattern, is in
 * the prompt, in a tool result and in the message of a tool's exception. Neither appears
 * in the OTLP request bodies (as they travelled, decompressed) nor in the flight
 * recorder's JSON, while the rest of the prompt does.
 */
@SpringBootTest(classes = SecretsStayOutOfExportsTests.SecretsApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=openai",
				"spring.ai.openai.chat.model=gpt-stub", "spring.ai.model.embedding=none", "spring.ai.model.image=none",
				"spring.ai.model.audio.speech=none", "spring.ai.model.audio.transcription=none",
				"spring.ai.model.moderation=none", "management.otlp.metrics.export.enabled=false",
				"management.opentelemetry.logging.export.otlp.enabled=false",
				"management.opentelemetry.tracing.export.otlp.transport=http",
				"management.opentelemetry.tracing.export.otlp.compression=gzip",
				"management.opentelemetry.tracing.export.schedule-delay=100ms",
				"management.endpoints.web.exposure.include=agentruns", "agent-tracing.capture.enabled=true",
				"agent-tracing.redaction.custom-patterns.ticket-token=TKT-[A-Z0-9]{20}" })
class SecretsStayOutOfExportsTests {

	private static final SecureRandom random = new SecureRandom();

	static final String API_KEY = "sk-test-" + HexFormat.of().formatHex(random.generateSeed(16));

	static final String TICKET_TOKEN = "TKT-" + HexFormat.of().withUpperCase().formatHex(random.generateSeed(10));

	static final String MARKER = "zebra-" + HexFormat.of().formatHex(random.generateSeed(6));

	static final OpenAiStubTraceTests.OpenAiStub stub = OpenAiStubTraceTests.OpenAiStub.start();

	static final RawOtlpReceiver receiver = RawOtlpReceiver.start();

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", () -> "http://127.0.0.1:" + stub.port() + "/v1");
		registry.add("spring.ai.openai.api-key", () -> API_KEY);
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", receiver::endpoint);
	}

	@AfterAll
	static void stop() {
		stub.stop();
		receiver.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	WeatherAgent agent;

	@Test
	void noExportedByteHoldsTheApiKeyOrARedactedSecret() throws Exception {
		String answer = this.agent.ask("Weather in Paris? Reference " + MARKER + ", ticket token " + TICKET_TOKEN);

		assertThat(answer).isEqualTo("It is rainy in Paris.");
		// the secrets were in play: the key went to the provider, the token into the prompt
		assertThat(stub.authorizations()).hasSize(2).containsOnly("Bearer " + API_KEY);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> receiver.bodies().contains("invoke_agent weather") && receiver.bodies().contains(MARKER));
		String exported = receiver.bodies();
		assertThat(exported).doesNotContain(API_KEY, "Bearer " + API_KEY, TICKET_TOKEN);
		assertThat(exported).contains("gen_ai.input.messages", "gen_ai.tool.call.result", "exception.message",
				"audit refused: Weather in Paris? Reference " + MARKER, "[REDACTED:ticket-token]");

		HttpResponse<String> runs = get("/actuator/agentruns");
		assertThat(runs.statusCode()).isEqualTo(200);
		String traceId = JsonMapper.builder().build().readTree(runs.body()).get("runs").get(0).get("traceId").asString();
		HttpResponse<String> run = get("/actuator/agentruns/" + traceId);
		assertThat(run.statusCode()).isEqualTo(200);
		assertThat(runs.body() + run.body()).doesNotContain(API_KEY, TICKET_TOKEN);
		assertThat(run.body()).contains(MARKER, "[REDACTED:ticket-token]");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SecretsApplication {

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

		@Bean
		WeatherAgent weatherAgent(ChatClient.Builder builder, WeatherTools tools) {
			return new WeatherAgent(builder.build(), tools);
		}

	}

	public static class WeatherTools {

		@Tool(description = "Current weather in a city")
		public String currentWeather(String city) {
			return "rainy, reported with station token " + TICKET_TOKEN;
		}

		/** Fails quoting its input, as exceptions do: the message lands in an exception event. */
		@AgentTool
		public void audit(String question) {
			throw new IllegalArgumentException("audit refused: " + question);
		}

	}

	static class WeatherAgent {

		private final ChatClient chatClient;

		private final WeatherTools tools;

		WeatherAgent(ChatClient chatClient, WeatherTools tools) {
			this.chatClient = chatClient;
			this.tools = tools;
		}

		@AgentRun(name = "weather")
		public String ask(String question) {
			String answer = this.chatClient.prompt().user(question).tools(this.tools).call().content();
			try {
				this.tools.audit(question);
			}
			catch (IllegalArgumentException ex) {
				// the audit is best effort
			}
			return answer;
		}

	}

	/**
	 * An OTLP/HTTP endpoint that keeps the body of every request, decompressed, as bytes:
	 * what is scanned is what travelled, whatever its protobuf structure.
	 */
	static final class RawOtlpReceiver {

		private final HttpServer server;

		private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

		private RawOtlpReceiver(HttpServer server) {
			this.server = server;
		}

		static RawOtlpReceiver start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				RawOtlpReceiver receiver = new RawOtlpReceiver(server);
				server.createContext("/v1/traces", receiver::receive);
				server.start();
				return receiver;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private void receive(HttpExchange exchange) throws IOException {
			try (exchange; InputStream body = "gzip".equalsIgnoreCase(
					exchange.getRequestHeaders().getFirst("Content-Encoding"))
							? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				body.transferTo(bytes);
				this.bodies.add(bytes.toByteArray());
				exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, -1);
			}
		}

		String endpoint() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
		}

		/** Every body, each byte taken as one ISO-8859-1 character so that no byte is lost. */
		String bodies() {
			return this.bodies.stream()
				.map((body) -> new String(body, StandardCharsets.ISO_8859_1))
				.collect(Collectors.joining("\n"));
		}

		void stop() {
			this.server.stop(0);
		}

	}

}
