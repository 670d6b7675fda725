package dev.agenttracing.benchmarks.handwritten;

import java.util.UUID;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import dev.agenttracing.benchmarks.app.SupportAgent;
import dev.agenttracing.benchmarks.app.SupportTools;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;

/**
 * The agent as a team writes its tracing without agent-tracing: OpenTelemetry API calls
 * around the run, a {@code ChatModel} decorator for the model calls and a
 * {@code ToolCallback} decorator for the tools, writing the same spans with the same
 * attributes as the starter does (Spring AI's own observations are off:
 * {@code ObservationRegistry.NOOP}).
 */
public class HandTracedSupportAgent implements SupportAgent {

	static final String INSTRUMENTATION = "support-agent";

	private static final String AGENT_NAME = "support-router";

	private static final AttributeKey<String> TICKET_PRIORITY = AttributeKey.stringKey("ticket.priority");

	private final Tracer tracer;

	private final ChatClient chatClient;

	private final ToolCallback[] tools;

	public HandTracedSupportAgent(ChatModel model, SupportTools tools, OpenTelemetry openTelemetry) {
		this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
		this.chatClient = ChatClient.builder(new HandTracedChatModel(model, this.tracer)).build();
		ToolCallback[] callbacks = ToolCallbacks.from(tools);
		this.tools = new ToolCallback[callbacks.length];
		for (int i = 0; i < callbacks.length; i++) {
			this.tools[i] = new HandTracedToolCallback(callbacks[i], this.tracer);
		}
	}

	@Override
	public String handle(Ticket ticket, String conversationId, String sessionId) {
		Span span = this.tracer.spanBuilder("invoke_agent " + AGENT_NAME)
			.setAttribute(GenAiAttributes.OPERATION_NAME, "invoke_agent")
			.setAttribute(GenAiAttributes.AGENT_NAME, AGENT_NAME)
			.setAttribute(GenAiAttributes.AGENT_DESCRIPTION, "Routes support tickets")
			.setAttribute(GenAiAttributes.CONVERSATION_ID, conversationId)
			.setAttribute(AgentAttributes.USER_ID, ticket.customer())
			.setAttribute(AgentAttributes.SESSION_ID, sessionId)
			.setAttribute(AgentAttributes.WORKFLOW_RUN_ID, UUID.randomUUID().toString())
			.setAttribute(TICKET_PRIORITY, ticket.priority())
			.startSpan();
		HandTracedRun run = new HandTracedRun(AGENT_NAME, conversationId);
		String outcome = "error";
		try (Scope scope = run.storeIn(Context.current().with(span)).makeCurrent()) {
			String answer = this.chatClient.prompt().user(ticket.text()).toolCallbacks(this.tools).call().content();
			outcome = "success";
			return answer;
		}
		catch (RuntimeException ex) {
			span.recordException(ex);
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(GenAiAttributes.ERROR_TYPE, ex.getClass().getName());
			throw ex;
		}
		finally {
			span.setAttribute(AgentAttributes.OUTCOME, outcome);
			span.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, run.inputTokens);
			span.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, run.outputTokens);
			span.setAttribute(AgentAttributes.MODEL_CALLS, run.modelCalls);
			span.setAttribute(AgentAttributes.TOOL_CALLS, run.toolCalls);
			span.end();
		}
	}

}
