package dev.agenttracing.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import dev.agenttracing.benchmarks.app.SpanCounters;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;

/**
 * The floor: what the OpenTelemetry SDK itself costs for the spans of one run. No agent,
 * no Spring, no context made current: one {@code invoke_agent} span and its three
 * {@code chat} and three {@code execute_tool} children, with the attributes the starter
 * writes, started and ended on a tracer provider set up as Boot sets it up (parent-based
 * sampler keeping everything, a batch span processor with Boot's defaults, an exporter
 * that drops).
 */
final class SdkFloor implements AgentRunner {

	private static final AttributeKey<String> TICKET_PRIORITY = AttributeKey.stringKey("ticket.priority");

	private static final String[][] TOOLS = { { "lookupCustomer", "call-1", "Look up a customer by id" },
			{ "lookupPricing", "call-2", "Price of a plan in a currency" },
			{ "openTicket", "call-3", "Open a ticket for a team" } };

	private final SpanCounters counters = new SpanCounters();

	private final SdkTracerProvider provider;

	private final Tracer tracer;

	SdkFloor() {
		this.provider = SdkTracerProvider.builder()
			.setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(1.0)))
			.addSpanProcessor(this.counters.startCounter())
			.addSpanProcessor(BatchSpanProcessor.builder(this.counters.exporter())
				.setScheduleDelay(Duration.ofSeconds(5))
				.setMaxQueueSize(2048)
				.setMaxExportBatchSize(512)
				.setExporterTimeout(Duration.ofSeconds(30))
				.build())
			.build();
		this.tracer = this.provider.get("org.springframework.boot");
	}

	@Override
	public String run() {
		Span run = this.tracer.spanBuilder("invoke_agent support-router")
			.setAttribute(GenAiAttributes.OPERATION_NAME, "invoke_agent")
			.setAttribute(GenAiAttributes.AGENT_NAME, "support-router")
			.setAttribute(GenAiAttributes.AGENT_DESCRIPTION, "Routes support tickets")
			.setAttribute(GenAiAttributes.CONVERSATION_ID, "conv-1")
			.setAttribute(AgentAttributes.USER_ID, "cust-7")
			.setAttribute(AgentAttributes.SESSION_ID, "sess-1")
			.setAttribute(AgentAttributes.WORKFLOW_RUN_ID, UUID.randomUUID().toString())
			.setAttribute(TICKET_PRIORITY, "high")
			.startSpan();
		Context parent = Context.root().with(run);
		chat(parent, "resp-1", 412, 38, "tool_call");
		tool(parent, TOOLS[0]);
		tool(parent, TOOLS[1]);
		chat(parent, "resp-2", 540, 41, "tool_call");
		tool(parent, TOOLS[2]);
		chat(parent, "resp-3", 655, 52, "stop");
		run.setAttribute(AgentAttributes.OUTCOME, "success");
		run.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, 1607L);
		run.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, 131L);
		run.setAttribute(AgentAttributes.MODEL_CALLS, 3L);
		run.setAttribute(AgentAttributes.TOOL_CALLS, 3L);
		run.end();
		return "done";
	}

	private void chat(Context parent, String responseId, long input, long output, String finishReason) {
		Span chat = this.tracer.spanBuilder("chat scripted-model-1")
			.setParent(parent)
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute(GenAiAttributes.OPERATION_NAME, "chat")
			.setAttribute(GenAiAttributes.PROVIDER_NAME, "openai")
			.setAttribute(GenAiAttributes.REQUEST_MODEL, "scripted-model-1")
			.setAttribute(GenAiAttributes.CONVERSATION_ID, "conv-1")
			.startSpan();
		chat.setAttribute(GenAiAttributes.RESPONSE_MODEL, "scripted-model-1-2026-01-01");
		chat.setAttribute(GenAiAttributes.RESPONSE_ID, responseId);
		chat.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, input);
		chat.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, output);
		chat.setAttribute(GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS, input / 2);
		chat.setAttribute(GenAiAttributes.RESPONSE_FINISH_REASONS, List.of(finishReason));
		chat.end();
	}

	private void tool(Context parent, String[] tool) {
		this.tracer.spanBuilder("execute_tool " + tool[0])
			.setParent(parent)
			.setAttribute(GenAiAttributes.OPERATION_NAME, "execute_tool")
			.setAttribute(GenAiAttributes.TOOL_NAME, tool[0])
			.setAttribute(GenAiAttributes.TOOL_CALL_ID, tool[1])
			.setAttribute(GenAiAttributes.TOOL_TYPE, "function")
			.setAttribute(GenAiAttributes.TOOL_DESCRIPTION, tool[2])
			.setAttribute(GenAiAttributes.AGENT_NAME, "support-router")
			.startSpan()
			.end();
	}

	@Override
	public SpanCounters counters() {
		return this.counters;
	}

	@Override
	public void flush() {
		this.provider.forceFlush().join(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		this.provider.shutdown().join(30, TimeUnit.SECONDS);
	}

}
