package dev.agenttracing.test.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.test.ReplayChatModel;
import dev.agenttracing.test.ScriptedChatModel;
import dev.agenttracing.tool.AgentTool;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Agents to record with the {@link ScriptedChatModel} and then replay with a
 * {@link ReplayChatModel}, in one application: a model that answers with one or the
 * other, a triage desk whose pricing question goes to a pricing specialist (a nested
 * agent with model calls of its own), and a pricing table the test can fix.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ReplayDeskConfiguration {

	@Bean
	ReplayChatModel replayChatModel(ObservationRegistry registry) {
		return new ReplayChatModel(registry);
	}

	@Bean
	@Primary
	SwitchableChatModel chatModel(ScriptedChatModel scripted) {
		return new SwitchableChatModel(scripted);
	}

	@Bean
	PricingTable pricingTable() {
		return new PricingTable();
	}

	@Bean
	PricingSpecialist pricingSpecialist(ChatClient.Builder builder) {
		return new PricingSpecialist(builder.build());
	}

	@Bean
	TriageDesk triageDesk(ChatClient.Builder builder, PricingTable pricing, PricingSpecialist specialist) {
		return new TriageDesk(builder.build(), new DeskTools(pricing, specialist));
	}

	/** The model the agents use: the scripted one (to record) or the replay (to replay). */
	public static class SwitchableChatModel implements ChatModel {

		private volatile ChatModel active;

		SwitchableChatModel(ChatModel active) {
			this.active = active;
		}

		public void use(ChatModel model) {
			this.active = model;
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			return this.active.call(prompt);
		}

		@Override
		public Flux<ChatResponse> stream(Prompt prompt) {
			return this.active.stream(prompt);
		}

		@Override
		public ChatOptions getOptions() {
			return this.active.getOptions();
		}

	}

	/** Monthly prices; before the fix an unsupported currency gets {@code {}}. */
	public static class PricingTable {

		private static final Map<String, String> PRO = Map.of("EUR", "45.00", "USD", "49.00");

		private volatile boolean rejectsUnsupportedCurrencies;

		private final AtomicInteger lookups = new AtomicInteger();

		public void fix() {
			this.rejectsUnsupportedCurrencies = true;
		}

		public void reset() {
			this.rejectsUnsupportedCurrencies = false;
			this.lookups.set(0);
		}

		public int lookups() {
			return this.lookups.get();
		}

		String price(String plan, String currency) {
			this.lookups.incrementAndGet();
			String price = "pro".equals(plan) ? PRO.get(currency) : null;
			if (price == null && this.rejectsUnsupportedCurrencies) {
				throw new IllegalArgumentException("Unsupported currency: " + currency + "; supported: "
						+ Set.copyOf(PRO.keySet()).stream().sorted().toList());
			}
			return (price != null) ? "{\"plan\":\"" + plan + "\",\"currency\":\"" + currency + "\",\"monthlyPrice\":\""
					+ price + "\"}" : "{}";
		}

	}

	public static class DeskTools {

		private final PricingTable pricing;

		private final PricingSpecialist specialist;

		DeskTools(PricingTable pricing, PricingSpecialist specialist) {
			this.pricing = pricing;
			this.specialist = specialist;
		}

		@Tool(description = "Monthly price of a plan in a currency")
		@AgentTool
		public String lookupPrice(String plan, String currency) {
			return this.pricing.price(plan, currency);
		}

		@Tool(description = "Ask the pricing specialist")
		@AgentTool
		public String askPricingSpecialist(String question) {
			return this.specialist.answer(question);
		}

	}

	public static class TriageDesk {

		private final ChatClient chatClient;

		private final DeskTools tools;

		TriageDesk(ChatClient chatClient, DeskTools tools) {
			this.chatClient = chatClient;
			this.tools = tools;
		}

		@AgentRun(name = "triage-desk")
		public String handle(String text) {
			return this.chatClient.prompt()
				.system("You are the triage desk of Acme Cloud.")
				.user(text)
				.tools(this.tools)
				.call()
				.content();
		}

		@AgentRun(name = "triage-desk")
		public Flux<String> stream(String text) {
			return this.chatClient.prompt()
				.system("You are the triage desk of Acme Cloud.")
				.user(text)
				.tools(this.tools)
				.stream()
				.content();
		}

	}

	public static class PricingSpecialist {

		public static final String INSTRUCTIONS = "You are the pricing specialist.";

		private final ChatClient chatClient;

		private volatile String instructions = INSTRUCTIONS;

		public void instructions(String instructions) {
			this.instructions = instructions;
		}

		PricingSpecialist(ChatClient chatClient) {
			this.chatClient = chatClient;
		}

		@AgentRun(name = "pricing-specialist")
		public String answer(String question) {
			return this.chatClient.prompt()
				.system(this.instructions)
				.user(question)
				.call()
				.content();
		}

	}

}
