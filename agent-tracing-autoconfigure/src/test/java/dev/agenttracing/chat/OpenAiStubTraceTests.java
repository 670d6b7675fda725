package dev.agenttracing.chat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.support.SpanTree;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.agenttracing.support.SpanTree.attr;
import static dev.agenttracing.support.SpanTree.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real {@code spring-ai-openai} module against a local OpenAI-compatible HTTP stub:
 * usage and finish reasons come from a real provider response, and the model's HTTP
 * request carries the trace context.
 */
@SpringBootTest(classes = OpenAiStubTraceTests.OpenAiAgentApplication.class,
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=openai",
				"spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=gpt-stub",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none" })
class OpenAiStubTraceTests {

	static final OpenAiStub stub = OpenAiStub.start();

	@DynamicPropertySource
	static void openAiBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", () -> "http://127.0.0.1:" + stub.port() + "/v1");
	}

	@AfterAll
	static void stopStub() {
		stub.stop();
	}

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	WeatherAgent agent;

	@Test
	void realOpenAiModuleGivesTypedUsageLowerCaseFinishReasonsAndPropagatesTraceContext() {
		String answer = this.agent.ask("Weather in Paris?");

		assertThat(answer).isEqualTo("It is rainy in Paris.");
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent weather");
		SpanData run = tree.root();
		List<SpanData> chats = tree.named("chat gpt-stub");
		assertThat(chats).as(tree.toString()).hasSize(2);
		assertThat(tree.childNames(run)).containsExactly("chat gpt-stub", "execute_tool currentWeather",
				"chat gpt-stub");

		SpanData first = chats.get(0);
		assertThat(first.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(attr(first, GenAiAttributes.PROVIDER_NAME)).isEqualTo("openai");
		assertThat(attr(first, GenAiAttributes.REQUEST_MODEL)).isEqualTo("gpt-stub");
		assertThat(attr(first, GenAiAttributes.RESPONSE_MODEL)).isEqualTo("gpt-stub-2026-11-01");
		assertThat(attr(first, GenAiAttributes.RESPONSE_ID)).isEqualTo("chatcmpl-1");
		assertThat(raw(first, "gen_ai.response.finish_reasons")).isEqualTo(List.of("tool_call"));
		assertThat(raw(first, "gen_ai.usage.input_tokens")).isEqualTo(42L);
		assertThat(raw(first, "gen_ai.usage.output_tokens")).isEqualTo(9L);
		SpanData second = chats.get(1);
		assertThat(raw(second, "gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));
		assertThat(raw(second, "gen_ai.usage.input_tokens")).isEqualTo(60L);
		assertThat(raw(run, "gen_ai.usage.input_tokens")).isEqualTo(102L);
		assertThat(raw(run, "gen_ai.usage.output_tokens")).isEqualTo(14L);

		SpanData tool = tree.one("execute_tool currentWeather");
		assertThat(attr(tool, GenAiAttributes.TOOL_CALL_ID)).isEqualTo("call_weather_1");

		// The HTTP client span of each model call hangs under its chat span, and the stub
		// received that span as the parent in the traceparent header.
		assertThat(stub.traceparents()).hasSize(2);
		for (int i = 0; i < 2; i++) {
			SpanData chat = chats.get(i);
			List<SpanData> http = tree.childrenOf(chat);
			assertThat(http).as(tree.toString()).hasSize(1);
			assertThat(http.get(0).getKind()).isEqualTo(SpanKind.CLIENT);
			String[] traceparent = stub.traceparents().get(i).split("-");
			assertThat(traceparent).hasSize(4);
			assertThat(traceparent[1]).isEqualTo(run.getTraceId());
			assertThat(traceparent[2]).isEqualTo(http.get(0).getSpanId());
			assertThat(Integer.parseInt(traceparent[3], 16) & 1).as("sampled flag").isEqualTo(1);
		}
	}

	@Test
	void realOpenAiStreamingGivesOneChatSpanPerRoundWithTimeToFirstChunk() {
		List<String> chunks = this.agent.stream("Weather in Oslo?").collectList().block(Duration.ofSeconds(20));

		assertThat(String.join("", chunks)).isEqualTo("It is snowy in Oslo.");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(SpanTree.of(this.exporter.getFinishedSpanItems())
				.named("invoke_agent streamed-weather")).hasSize(1));
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent streamed-weather");
		SpanData run = tree.root();
		assertThat(tree.childNames(run)).as(tree.toString())
			.containsExactlyInAnyOrder("chat gpt-stub", "execute_tool currentWeather", "chat gpt-stub");
		assertThat(tree.named("chat gpt-stub")).allSatisfy((chat) -> {
			assertThat(attr(chat, GenAiAttributes.REQUEST_STREAM)).isTrue();
			Double timeToFirstChunk = attr(chat, GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK);
			double duration = (chat.getEndEpochNanos() - chat.getStartEpochNanos()) / 1e9;
			assertThat(timeToFirstChunk).isNotNull().isPositive().isLessThanOrEqualTo(duration);
			assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		});
		assertThat(tree.named("chat gpt-stub")).extracting((chat) -> attr(chat, GenAiAttributes.RESPONSE_ID))
			.containsExactlyInAnyOrder("chatcmpl-s1", "chatcmpl-s2");
		assertThat(attr(tree.one("execute_tool currentWeather"), GenAiAttributes.TOOL_CALL_ID))
			.isEqualTo("call_weather_2");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OpenAiAgentApplication {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		SpanProcessor inMemorySpanProcessor(InMemorySpanExporter exporter) {
			return SimpleSpanProcessor.create(exporter);
		}

		/** The in-memory exporter is fed by the processor above only, not by Boot's batch export too. */
		@Bean
		SpanExporters spanExporters() {
			return SpanExporters.of();
		}

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

		@Bean
		WeatherAgent weatherAgent(ChatClient.Builder builder, WeatherTools tools) {
			return new WeatherAgent(builder.build(), tools);
		}

	}

	static class WeatherTools {

		@Tool(description = "Current weather in a city")
		public String currentWeather(String city) {
			return "rainy";
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
			return this.chatClient.prompt().user(question).tools(this.tools).call().content();
		}

		@AgentRun(name = "streamed-weather")
		public Flux<String> stream(String question) {
			return this.chatClient.prompt().user(question).tools(this.tools).stream().content();
		}

	}

	/**
	 * Answers OpenAI chat-completion requests: first a tool call, then a final answer.
	 */
	static final class OpenAiStub {

		private static final String TOOL_CALL = """
				{"id":"chatcmpl-1","object":"chat.completion","created":1763700000,"model":"gpt-stub-2026-11-01",
				 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
				   {"id":"call_weather_1","type":"function","function":{"name":"currentWeather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
				   "finish_reason":"tool_calls","logprobs":null}],
				 "usage":{"prompt_tokens":42,"completion_tokens":9,"total_tokens":51}}
				""";

		private static final String ANSWER = """
				{"id":"chatcmpl-2","object":"chat.completion","created":1763700001,"model":"gpt-stub-2026-11-01",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"It is rainy in Paris."},
				   "finish_reason":"stop","logprobs":null}],
				 "usage":{"prompt_tokens":60,"completion_tokens":5,"total_tokens":65}}
				""";

		private static final String[] STREAMED_TOOL_CALL = {
				chunk("chatcmpl-s1", """
						{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_weather_2","type":"function",\
						"function":{"name":"currentWeather","arguments":""}}]}""", null),
				chunk("chatcmpl-s1", """
						{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":\\"Oslo\\"}"}}]}""", null),
				chunk("chatcmpl-s1", "{}", "tool_calls"),
				usage("chatcmpl-s1", 40, 8) };

		private static final String[] STREAMED_ANSWER = { chunk("chatcmpl-s2", "{\"role\":\"assistant\",\"content\":\"It is\"}", null),
				chunk("chatcmpl-s2", "{\"content\":\" snowy\"}", null),
				chunk("chatcmpl-s2", "{\"content\":\" in Oslo.\"}", null), chunk("chatcmpl-s2", "{}", "stop"),
				usage("chatcmpl-s2", 55, 6) };

		private final HttpServer server;

		private final AtomicInteger streamedRequests = new AtomicInteger();

		private final AtomicInteger requests = new AtomicInteger();

		private final List<String> traceparents = new CopyOnWriteArrayList<>();

		private final List<String> authorizations = new CopyOnWriteArrayList<>();

		private OpenAiStub(HttpServer server) {
			this.server = server;
		}

		static OpenAiStub start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				OpenAiStub stub = new OpenAiStub(server);
				server.createContext("/v1/chat/completions", stub::answer);
				server.start();
				return stub;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static String chunk(String id, String delta, String finishReason) {
			return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1763700002,"
					+ "\"model\":\"gpt-stub-2026-11-01\",\"choices\":[{\"index\":0,\"delta\":" + delta.strip()
					+ ",\"finish_reason\":" + ((finishReason != null) ? "\"" + finishReason + "\"" : "null")
					+ ",\"logprobs\":null}]}";
		}

		private static String usage(String id, int input, int output) {
			return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1763700002,"
					+ "\"model\":\"gpt-stub-2026-11-01\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + input
					+ ",\"completion_tokens\":" + output + ",\"total_tokens\":" + (input + output) + "}}";
		}

		private void answer(HttpExchange exchange) throws IOException {
			String request;
			try (InputStream body = exchange.getRequestBody()) {
				request = new String(body.readAllBytes(), StandardCharsets.UTF_8);
			}
			if (request.replace(" ", "").contains("\"stream\":true")) {
				stream(exchange);
				return;
			}
			String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
			this.traceparents.add(String.valueOf(traceparent));
			this.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			String json = (this.requests.getAndIncrement() % 2 == 0) ? TOOL_CALL : ANSWER;
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		}

		/** Server-sent {@code chat.completion.chunk} frames, each flushed on its own. */
		private void stream(HttpExchange exchange) throws IOException {
			String[] frames = (this.streamedRequests.getAndIncrement() % 2 == 0) ? STREAMED_TOOL_CALL : STREAMED_ANSWER;
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (var out = exchange.getResponseBody()) {
				for (String frame : frames) {
					out.write(("data: " + frame + "\n\n").getBytes(StandardCharsets.UTF_8));
					out.flush();
				}
				out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
			}
			exchange.close();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		List<String> traceparents() {
			return this.traceparents;
		}

		List<String> authorizations() {
			return this.authorizations;
		}

		void stop() {
			this.server.stop(0);
		}

	}

}
