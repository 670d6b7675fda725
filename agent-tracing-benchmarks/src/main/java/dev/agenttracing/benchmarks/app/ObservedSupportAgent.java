package dev.agenttracing.benchmarks.app;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.ConversationId;
import dev.agenttracing.run.SessionId;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;

/**
 * The agent as a user of the starter writes it: an {@code @AgentRun} method around a
 * {@code ChatClient} call with tools. Without the starter the annotations do nothing.
 */
public class ObservedSupportAgent implements SupportAgent {

	private final ChatClient chatClient;

	private final ToolCallback[] tools;

	public ObservedSupportAgent(ChatClient chatClient, SupportTools tools) {
		this.chatClient = chatClient;
		this.tools = ToolCallbacks.from(tools);
	}

	@Override
	@AgentRun(name = "support-router", description = "Routes support tickets", userId = "#ticket.customer",
			tags = "ticket.priority=#ticket.priority")
	public String handle(Ticket ticket, @ConversationId String conversationId, @SessionId String sessionId) {
		return this.chatClient.prompt().user(ticket.text()).toolCallbacks(this.tools).call().content();
	}

}
