package dev.agenttracing.sample.router;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.CurrentRun;
import dev.agenttracing.run.AgentRuns;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.util.StringUtils;

/**
 * The support router: reads a ticket, looks things up, and answers, files a ticket, or
 * hands the case to the billing specialist.
 */
public class SupportRouterAgent {

	static final String INSTRUCTIONS = """
			You are the support router of Acme Cloud. Answer the customer's ticket using the tools:
			look up the customer and prices, search the knowledge base, check orders, file tickets
			for engineering, and hand refunds and invoices to the billing specialist.
			""";

	private final ChatClient chatClient;

	private final SupportTools tools;

	private final ToolCallbackProvider remoteTools;

	private final AgentRuns runs;

	public SupportRouterAgent(ChatClient chatClient, SupportTools tools, ToolCallbackProvider remoteTools,
			AgentRuns runs) {
		this.chatClient = chatClient;
		this.tools = tools;
		this.remoteTools = remoteTools;
		this.runs = runs;
	}

	@AgentRun(name = "support-router", description = "Routes Acme Cloud support tickets",
			userId = "#ticket.customerId", conversationId = "#ticket.id", tags = "ticket.id=#ticket.id")
	public RouterAnswer handle(Ticket ticket) {
		String answer = this.chatClient.prompt()
			.system(INSTRUCTIONS)
			.user("Ticket " + ticket.id() + " from customer " + ticket.customerId() + ": " + ticket.text())
			.tools(this.tools)
			.toolCallbacks(this.remoteTools)
			.call()
			.content();
		boolean refused = this.runs.current().map(CurrentRun::isRefused).orElse(false);
		if (refused || !StringUtils.hasText(answer)) {
			answer = "I'm sorry, I can't help with that request.";
		}
		return new RouterAnswer(ticket.id(), this.runs.currentRunId().orElse(""), refused ? "refused" : "success",
				answer);
	}

}
