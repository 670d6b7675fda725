package dev.agenttracing.test.support;

import java.util.Map;

import io.micrometer.observation.ObservationRegistry;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.AgentRuns;
import dev.agenttracing.test.ScriptedChatModel;
import dev.agenttracing.tool.AgentTool;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A small support desk: an agent on the real {@code ChatClient} tool loop with a scripted
 * model, tools (one failing), and a billing sub-agent reached through a tool.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SupportDeskApplication {

	/** Properties of every test of this application: no real model provider. */
	public static final String NO_PROVIDER = "spring.ai.model.chat=scripted";

	@Bean
	ScriptedChatModel scriptedChatModel(ObservationRegistry registry) {
		return new ScriptedChatModel(registry);
	}

	@Bean
	SupportTools supportTools(BillingAgent billingAgent) {
		return new SupportTools(billingAgent);
	}

	@Bean
	BillingAgent billingAgent() {
		return new BillingAgent();
	}

	@Bean
	TravelAgent travelAgent(ChatClient.Builder builder) {
		return new TravelAgent(builder.build(), new CurrencyTools());
	}

	@Bean
	SupportAgent supportAgent(ChatClient.Builder builder, SupportTools tools, AgentRuns runs) {
		return new SupportAgent(builder.build(), tools, runs);
	}

	public static class SupportAgent {

		private final ChatClient chatClient;

		private final SupportTools tools;

		private final AgentRuns runs;

		SupportAgent(ChatClient chatClient, SupportTools tools, AgentRuns runs) {
			this.chatClient = chatClient;
			this.tools = tools;
			this.runs = runs;
		}

		/** A run with content capture, which application.properties turns on for this agent. */
		@AgentRun(name = "support-router")
		public String handle(String text) {
			return this.chatClient.prompt().user(text).tools(this.tools).call().content();
		}

		/** The same agent under another name, without content capture (the default). */
		@AgentRun(name = "quiet-router")
		public String handleWithoutCapture(String text) {
			return this.chatClient.prompt().user(text).tools(this.tools).call().content();
		}

		/** A run of an agent with a token budget, which application.properties sets. */
		@AgentRun(name = "budgeted-router")
		public String budgeted(String text) {
			return this.chatClient.prompt().user(text).call().content();
		}

		@AgentRun(name = "support-router")
		public String refuseOffTopic(String text) {
			this.runs.refuse("off-topic");
			return "I can only help with support tickets.";
		}

		@AgentRun(name = "support-router")
		public String crash(String text) {
			throw new IllegalStateException("agent crashed on " + text);
		}

	}

	public static class SupportTools {

		private final BillingAgent billingAgent;

		SupportTools(BillingAgent billingAgent) {
			this.billingAgent = billingAgent;
		}

		@Tool(description = "Look up a customer by id")
		@AgentTool
		public String lookupCustomer(String customerId) {
			return "{\"id\":\"" + customerId + "\",\"plan\":\"pro\"}";
		}

		@Tool(description = "Price of a plan in a currency")
		public String lookupPricing(String plan, String currency) {
			return "EUR".equals(currency) ? "{\"plan\":\"" + plan + "\",\"price\":49,\"currency\":\"EUR\"}" : "{}";
		}

		@Tool(description = "File a ticket for a team")
		@AgentTool
		public String fileTicket(String team) {
			throw new IllegalArgumentException("no such team: " + team);
		}

		@Tool(description = "Hand a billing case to the billing specialist")
		@AgentTool(name = "escalateToBilling")
		public String escalateToBilling(String question) {
			return this.billingAgent.answer(question);
		}

	}

	/** An agent whose tool returns a {@code Map.of}, serialised in an order each JVM picks. */
	public static class TravelAgent {

		private final ChatClient chatClient;

		private final CurrencyTools tools;

		TravelAgent(ChatClient chatClient, CurrencyTools tools) {
			this.chatClient = chatClient;
			this.tools = tools;
		}

		/** A run with content capture, which application.properties turns on for this agent. */
		@AgentRun(name = "travel-assistant")
		public String handle(String text) {
			return this.chatClient.prompt().user(text).tools(this.tools).call().content();
		}

	}

	public static class CurrencyTools {

		@Tool(description = "Convert an amount between currencies")
		@AgentTool
		public Map<String, Object> convertCurrency(double amount, String from, String to) {
			return Map.of("amount", amount * 161.3, "currency", to, "rate", 161.3, "from", from, "source", "ecb",
					"asOf", "2026-12-01");
		}

	}

	public static class BillingAgent {

		@AgentRun(name = "billing-specialist")
		public String answer(String question) {
			return "billing says: " + question;
		}

	}

}
