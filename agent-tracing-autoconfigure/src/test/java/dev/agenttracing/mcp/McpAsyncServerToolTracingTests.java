package dev.agenttracing.mcp;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.support.SpanTree;
import dev.agenttracing.support.TracedAgentApplication;
import dev.agenttracing.support.TracedAgentApplication.BillingAgent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static dev.agenttracing.support.SpanTree.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The asynchronous tool specifications of an MCP server (stateful and stateless), given
 * as beans and wrapped like the synchronous ones: each call is a {@code tools/call}
 * SERVER span under the caller's span from {@code params._meta}, current in the tool's
 * {@code Mono}, ended once.
 */
@SpringBootTest(classes = { TracedAgentApplication.class, McpAsyncServerToolTracingTests.AsyncTools.class },
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=scripted",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none" })
class McpAsyncServerToolTracingTests {

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	Tracer tracer;

	@Autowired
	Propagator propagator;

	@Autowired
	List<McpServerFeatures.AsyncToolSpecification> tools;

	@Autowired
	List<McpStatelessServerFeatures.AsyncToolSpecification> statelessTools;

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@Test
	void anAsyncToolCallIsAServerSpanUnderTheCallerAndParentsTheWorkInItsMono() {
		Caller caller = caller();

		McpSchema.CallToolResult result = tool("billing").callHandler()
			.apply(null, request("billing", caller.meta))
			.block(Duration.ofSeconds(10));

		assertThat(result.content()).singleElement()
			.isEqualTo(new McpSchema.TextContent("billing says: refund?"));
		SpanData served = awaitServed("tools/call billing");
		assertServerSpanUnder(served, caller.span);
		SpanData nested = SpanTree.of(this.exporter.getFinishedSpanItems()).one("invoke_agent billing-specialist");
		assertThat(nested.getParentSpanId()).isEqualTo(served.getSpanId());
		assertThat(nested.getTraceId()).isEqualTo(served.getTraceId());
	}

	@Test
	void anAsyncStatelessToolCallIsAServerSpanUnderTheCaller() {
		Caller caller = caller();

		this.statelessTools.get(0)
			.callHandler()
			.apply(McpTransportContext.EMPTY, request("billing", caller.meta))
			.block(Duration.ofSeconds(10));

		SpanData served = awaitServed("tools/call billing");
		assertServerSpanUnder(served, caller.span);
		assertThat(SpanTree.of(this.exporter.getFinishedSpanItems()).one("invoke_agent billing-specialist")
			.getParentSpanId()).isEqualTo(served.getSpanId());
	}

	@Test
	void anErrorResultMarksTheServerSpanAsAToolError() {
		Caller caller = caller();

		McpSchema.CallToolResult result = tool("broken").callHandler()
			.apply(null, request("broken", caller.meta))
			.block(Duration.ofSeconds(10));

		assertThat(result.isError()).isTrue();
		SpanData served = awaitServed("tools/call broken");
		assertThat(served.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attr(served, GenAiAttributes.ERROR_TYPE)).isEqualTo(McpAttributes.TOOL_ERROR);
	}

	@Test
	void aFailedMonoFailsTheServerSpanAndReachesTheServerUnchanged() {
		Caller caller = caller();

		assertThatThrownBy(() -> tool("failing").callHandler()
			.apply(null, request("failing", caller.meta))
			.block(Duration.ofSeconds(10))).isSameAs(AsyncTools.FAILURE);

		SpanData served = awaitServed("tools/call failing");
		assertThat(served.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attr(served, GenAiAttributes.ERROR_TYPE)).isEqualTo(IllegalArgumentException.class.getName());
		assertServerSpanUnder(served, caller.span);
	}

	@Test
	void aCancelledCallEndsTheServerSpanOnceWithoutError() {
		Caller caller = caller();

		Disposable call = tool("hanging").callHandler().apply(null, request("hanging", caller.meta)).subscribe();
		await().atMost(Duration.ofSeconds(10)).untilTrue(AsyncTools.hangingSubscribed);
		call.dispose();
		call.dispose();

		SpanData served = awaitServed("tools/call hanging");
		assertThat(served.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(attr(served, GenAiAttributes.ERROR_TYPE)).isNull();
	}

	private SpanData awaitServed(String name) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(SpanTree.of(this.exporter.getFinishedSpanItems()).named(name)).hasSize(1));
		return SpanTree.of(this.exporter.getFinishedSpanItems()).one(name);
	}

	private static void assertServerSpanUnder(SpanData served, Span caller) {
		assertThat(served.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(served.getTraceId()).isEqualTo(caller.context().traceId());
		assertThat(served.getParentSpanId()).isEqualTo(caller.context().spanId());
		assertThat(served.getAttributes().get(AttributeKey.stringKey("mcp.method.name"))).isEqualTo("tools/call");
		assertThat(served.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
			.isEqualTo("execute_tool");
	}

	private McpServerFeatures.AsyncToolSpecification tool(String name) {
		return this.tools.stream().filter((tool) -> tool.tool().name().equals(name)).findFirst().orElseThrow();
	}

	private static McpSchema.CallToolRequest request(String tool, Map<String, Object> meta) {
		return new McpSchema.CallToolRequest(tool, Map.of("question", "refund?"), meta);
	}

	/** A client span in another process, as the context it sends in {@code _meta}. */
	private Caller caller() {
		Span span = this.tracer.nextSpan().name("caller").start();
		Map<String, Object> meta = new HashMap<>();
		this.propagator.inject(span.context(), meta, Map::put);
		span.end();
		this.exporter.reset();
		assertThat(meta).containsKey("traceparent");
		return new Caller(span, meta);
	}

	private record Caller(Span span, Map<String, Object> meta) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class AsyncTools {

		static final IllegalArgumentException FAILURE = new IllegalArgumentException("no such order");

		static final AtomicBoolean hangingSubscribed = new AtomicBoolean();

		@Bean
		List<McpServerFeatures.AsyncToolSpecification> asyncTools(BillingAgent billing) {
			return List.of(
					new McpServerFeatures.AsyncToolSpecification(tool("billing"),
							(exchange, request) -> answer(billing, request)),
					new McpServerFeatures.AsyncToolSpecification(tool("broken"),
							(exchange, request) -> Mono.just(McpSchema.CallToolResult.builder()
								.addTextContent("boom")
								.isError(true)
								.build())),
					new McpServerFeatures.AsyncToolSpecification(tool("failing"),
							(exchange, request) -> Mono.error(FAILURE)),
					new McpServerFeatures.AsyncToolSpecification(tool("hanging"),
							(exchange, request) -> Mono.<McpSchema.CallToolResult>never()
								.doOnSubscribe((subscription) -> hangingSubscribed.set(true))));
		}

		@Bean
		List<McpStatelessServerFeatures.AsyncToolSpecification> statelessAsyncTools(BillingAgent billing) {
			return List.of(new McpStatelessServerFeatures.AsyncToolSpecification(tool("billing"),
					(transportContext, request) -> answer(billing, request)));
		}

		/** Work on another thread, inside the tool's {@code Mono}. */
		private static Mono<McpSchema.CallToolResult> answer(BillingAgent billing, McpSchema.CallToolRequest request) {
			return Mono.fromCallable(() -> billing.answer(String.valueOf(request.arguments().get("question"))))
				.subscribeOn(Schedulers.boundedElastic())
				.map((text) -> McpSchema.CallToolResult.builder().addTextContent(text).build());
		}

		private static McpSchema.Tool tool(String name) {
			return McpSchema.Tool.builder(name).description("An asynchronous tool").build();
		}

	}

}
