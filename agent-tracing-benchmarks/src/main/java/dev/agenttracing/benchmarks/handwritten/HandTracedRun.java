package dev.agenttracing.benchmarks.handwritten;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

import org.springframework.ai.chat.messages.AssistantMessage;

/**
 * What a team's hand-written tracing keeps about the run in progress, carried in the
 * OpenTelemetry context: the facts its model and tool spans repeat, the run totals, and
 * the ids of the tool calls the model asked for (a tool callback is not told its call id).
 */
final class HandTracedRun {

	private static final ContextKey<HandTracedRun> KEY = ContextKey.named("hand-traced-run");

	final String agentName;

	final String conversationId;

	long inputTokens;

	long outputTokens;

	long modelCalls;

	long toolCalls;

	private final Deque<AssistantMessage.ToolCall> pendingCalls = new ArrayDeque<>();

	HandTracedRun(String agentName, String conversationId) {
		this.agentName = agentName;
		this.conversationId = conversationId;
	}

	Context storeIn(Context context) {
		return context.with(KEY, this);
	}

	static HandTracedRun current() {
		return Context.current().get(KEY);
	}

	synchronized void asked(Iterable<AssistantMessage.ToolCall> calls) {
		for (AssistantMessage.ToolCall call : calls) {
			this.pendingCalls.add(call);
		}
	}

	/** The id of the oldest pending call of this tool, or {@code null}. */
	synchronized String takeCallId(String toolName) {
		for (Iterator<AssistantMessage.ToolCall> calls = this.pendingCalls.iterator(); calls.hasNext();) {
			AssistantMessage.ToolCall call = calls.next();
			if (call.name().equals(toolName)) {
				calls.remove();
				return call.id();
			}
		}
		return null;
	}

}
