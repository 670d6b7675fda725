package dev.agenttracing.sample.stdio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.agenttracing.run.AgentRun;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.mcp.ToolContextToMcpMetaConverter;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring AI's MCP client against a server over stdio that is neither Spring AI's nor
 * instrumented: {@link EchoStdioServer}, written on the MCP Java SDK alone and started as a
 * child JVM (so the test needs nothing but the JDK). Tool calls still succeed with the trace
 * context in {@code params._meta}, the server receives that context, and the spans say the
 * call went over a pipe.
 */
class McpStdioServerTests {

	static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	private static final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		app = new SpringApplicationBuilder(EchoClientApplication.class).web(WebApplicationType.NONE)
			.properties("management.tracing.sampling.probability=1.0", "spring.ai.model.chat=none",
					"spring.ai.model.embedding=none", "spring.ai.model.image=none",
					"spring.ai.model.audio.speech=none", "spring.ai.model.audio.transcription=none",
					"spring.ai.model.moderation=none", "spring.ai.mcp.server.enabled=false",
					"spring.ai.mcp.client.request-timeout=60s", "spring.ai.mcp.client.initialized=true",
					"spring.ai.mcp.client.stdio.connections.echo.command=" + JAVA,
					"spring.ai.mcp.client.stdio.connections.echo.args[0]=-XX:TieredStopAtLevel=1",
					"spring.ai.mcp.client.stdio.connections.echo.args[1]=-cp",
					"spring.ai.mcp.client.stdio.connections.echo.args[2]=" + System.getProperty("java.class.path"),
					"spring.ai.mcp.client.stdio.connections.echo.args[3]=" + EchoStdioServer.class.getName(),
					"logging.level.root=WARN",
					"management.otlp.metrics.export.enabled=false",
					"management.opentelemetry.logging.export.otlp.enabled=false")
			.run();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void toolCallsToAThirdPartyServerSucceedWithTheTraceContextInMeta() {
		EchoAgent agent = app.getBean(EchoAgent.class);
		EchoAgent.Outcome outcome = agent.echo("hello from the router");

		assertThat(outcome.result()).contains("Echo: hello from the router");
		assertThat(outcome.meta()).containsKey("traceparent");
		assertThat((String) outcome.meta().get("traceparent")).contains(outcome.traceId());
		// what the server received over the pipe: the trace context, in params._meta
		// (the result is the content list as JSON, so the _meta JSON inside it is escaped)
		assertThat(outcome.result()).containsPattern("_meta: \\{.*traceparent\\\\?\":\\\\?\"00-" + outcome.traceId() + "-");
		SpanData tool = await().atMost(Duration.ofSeconds(10))
			.until(() -> exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().startsWith("execute_tool") && span.getName().endsWith("echo"))
				.findFirst()
				.orElse(null), (span) -> span != null);
		assertThat(tool.getTraceId()).isEqualTo(outcome.traceId());
		assertThat(tool.getAttributes().get(AttributeKey.stringKey("mcp.method.name"))).isEqualTo("tools/call");
		assertThat(tool.getAttributes().get(AttributeKey.stringKey("network.transport"))).isEqualTo("pipe");
		assertThat(tool.getAttributes().asMap()).doesNotContainKey(AttributeKey.stringKey("error.type"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EchoClientApplication {

		@Bean
		SpanProcessor inMemorySpanProcessor() {
			return SimpleSpanProcessor.create(exporter);
		}

		@Bean
		EchoAgent echoAgent(ToolCallingManager tools, SyncMcpToolCallbackProvider mcpTools,
				ToolContextToMcpMetaConverter meta, io.micrometer.tracing.Tracer tracer) {
			return new EchoAgent(tools, mcpTools, meta, tracer);
		}

	}

	public static class EchoAgent {

		private final ToolCallingManager tools;

		private final SyncMcpToolCallbackProvider mcpTools;

		private final ToolContextToMcpMetaConverter meta;

		private final io.micrometer.tracing.Tracer tracer;

		EchoAgent(ToolCallingManager tools, SyncMcpToolCallbackProvider mcpTools, ToolContextToMcpMetaConverter meta,
				io.micrometer.tracing.Tracer tracer) {
			this.tools = tools;
			this.mcpTools = mcpTools;
			this.meta = meta;
			this.tracer = tracer;
		}

		/** Runs the tool loop's execution step the way ChatClient does, on a scripted tool call. */
		@AgentRun(name = "echo-agent")
		public Outcome echo(String message) {
			ToolCallback[] callbacks = this.mcpTools.getToolCallbacks();
			String echo = Arrays.stream(callbacks)
				.map((callback) -> callback.getToolDefinition().name())
				.filter((name) -> name.endsWith("echo"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("the stdio server has no echo tool"));
			Prompt prompt = new Prompt(List.of(new UserMessage("echo it")),
					ToolCallingChatOptions.builder().toolCallbacks(callbacks).build());
			AssistantMessage call = AssistantMessage.builder()
				.content("")
				.toolCalls(List.of(new AssistantMessage.ToolCall("call-1", "function", echo,
						"{\"message\":\"" + message + "\"}")))
				.build();
			ToolExecutionResult result = this.tools.executeToolCalls(prompt,
					new ChatResponse(List.of(new Generation(call))));
			ToolResponseMessage response = (ToolResponseMessage) result.conversationHistory()
				.get(result.conversationHistory().size() - 1);
			Map<String, Object> sent = this.meta.convert(new ToolContext(Map.of()));
			return new Outcome(response.getResponses().get(0).responseData(), sent,
					this.tracer.currentSpan().context().traceId());
		}

		public record Outcome(String result, Map<String, Object> meta, String traceId) {
		}

	}

}
