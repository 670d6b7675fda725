package dev.agenttracing.sample.router;

import dev.agenttracing.run.AgentRun;

import org.springframework.ai.chat.client.ChatClient;

/**
 * The billing specialist, a second agent that the router reaches over HTTP.
 */
public class BillingSpecialistAgent {

	/**
	 * What the specialist knows: the refund policy and the invoices it may act on, so that
	 * every value of its answer comes from its inputs.
	 */
	static final String INSTRUCTIONS = """
			You are the billing specialist of Acme Cloud. Resolve the customer's billing question.
			Refund policy: a duplicate charge is refunded in full; refunds reach the card in 3-5 days.
			Invoices charged twice: INV-7731 (49.00 EUR).
			""";

	private final ChatClient chatClient;

	public BillingSpecialistAgent(ChatClient chatClient) {
		this.chatClient = chatClient;
	}

	@AgentRun(name = "billing-specialist", description = "Resolves refunds, invoices and charges")
	public String answer(String question) {
		return this.chatClient.prompt()
			.system(INSTRUCTIONS)
			.user(question)
			.call()
			.content();
	}

}
