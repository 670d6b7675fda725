package dev.agenttracing.sample.router;

import dev.agenttracing.run.AgentRun;

import org.springframework.ai.chat.client.ChatClient;

/**
 * The billing specialist, a second agent that the router reaches over HTTP.
 */
public class BillingSpecialistAgent {

	private final ChatClient chatClient;

	public BillingSpecialistAgent(ChatClient chatClient) {
		this.chatClient = chatClient;
	}

	@AgentRun(name = "billing-specialist", description = "Resolves refunds, invoices and charges")
	public String answer(String question) {
		return this.chatClient.prompt()
			.system("You are the billing specialist of Acme Cloud. Resolve the customer's billing question.")
			.user(question)
			.call()
			.content();
	}

}
