package dev.agenttracing.sample;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.agenttracing.sample.router.ExampleTickets;
import dev.agenttracing.sample.router.RouterAnswer;
import dev.agenttracing.sample.router.SupportRouterAgent;
import dev.agenttracing.sample.router.SupportRouterApplication;
import dev.agenttracing.sample.router.SupportTools;
import dev.agenttracing.sample.router.Ticket;
import dev.agenttracing.test.AgentTraces;
import dev.agenttracing.test.AgentTracingTest;
import dev.agenttracing.test.RecordedRun;
import dev.agenttracing.test.ReplayChatModel;
import dev.agenttracing.test.ReplayDepartureException;


import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static dev.agenttracing.test.ReplayChatModel.continueWith;
import static dev.agenttracing.test.ScriptedChatModel.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The recorded T-1002 run (the sample's pricing question in JPY, whose pricing tool came
 * back empty and whose model invented 4,900 JPY), replayed through the support router's
 * own code: today's pricing tool reproduces the invented price; a pricing tool that rejects
 * unsupported currencies (the fix, declared here) makes the run take another path.
 */
@SpringBootTest(classes = SupportRouterApplication.class,
		properties = { "spring.ai.model.chat=replay", "sample.examples.enabled=false",
				"spring.ai.mcp.client.enabled=false" })
@ActiveProfiles("router")
@AgentTracingTest
@Import(T1002ReplayTests.Replay.class)
class T1002ReplayTests {

	static final Ticket T_1002 = ExampleTickets.TICKETS.stream()
		.filter((ticket) -> ticket.id().equals("T-1002"))
		.findFirst()
		.orElseThrow();

	@TestConfiguration(proxyBeanMethods = false)
	static class Replay {

		@Bean
		ReplayChatModel chatModel(ObservationRegistry registry) {
			return new ReplayChatModel(registry);
		}

	}

	@Autowired
	SupportRouterAgent agent;

	@Autowired
	ReplayChatModel model;

	@Autowired
	AgentTraces traces;

	@Test
	void todaysPricingToolReproducesTheInventedPrice() {
		this.model.replay(RecordedRun.loadResource(T1002FixtureTests.FIXTURE));

		RouterAnswer answer = this.agent.handle(T_1002);

		assertThat(answer.answer()).isEqualTo("The Pro plan costs 4,900 JPY per month.");
		assertThat(this.model.departures()).isEmpty();
		assertThatRun(this.traces.lastRun("support-router")).succeeded()
			.hasSteps("chat offline-support-1", "execute_tool lookupPricing", "chat offline-support-1")
			.toolCall("lookupPricing")
			.hasArgument("currency", "JPY")
			.hasResult("{}");
	}

	/** The fix: the pricing tool says it has no price in that currency instead of answering {}. */
	@Nested
	@Import(CurrencyCheckingPricing.class)
	class WithThePricingFix {

		@Test
		void replayDepartsWhereTheModelReadsThePricingResult() {
			this.model().replay(RecordedRun.loadResource(T1002FixtureTests.FIXTURE));

			ReplayDepartureException departure = catchThrowableOfType(ReplayDepartureException.class,
					() -> T1002ReplayTests.this.agent.handle(T_1002));

			assertThat(departure.departure().agentName()).isEqualTo("support-router");
			assertThat(departure.departure().callIndex()).isEqualTo(1);
			assertThat(departure).hasMessageContaining("input messages $[2].parts[0].response: recorded {} but now"
					+ " \"No price for the pro plan in JPY: prices exist in EUR, GBP, USD\"");
			assertThatRun(T1002ReplayTests.this.traces.lastRun("support-router")).hasOutcome("error")
				.toolCall("lookupPricing")
				.resultContains("No price for the pro plan in JPY");
		}

		@Test
		void withAScriptedAnswerFromTheDepartureOnTheCustomerGetsNoInventedPrice() {
			this.model()
				.replay(RecordedRun.loadResource(T1002FixtureTests.FIXTURE))
				.onDeparture(continueWith(answer("fixed-1",
						"We do not sell the Pro plan in JPY yet; it costs 49.00 USD per month.", "stop", 190, 20)));

			RouterAnswer answer = T1002ReplayTests.this.agent.handle(T_1002);

			assertThat(answer.answer()).doesNotContain("4,900");
			assertThat(this.model().departures()).hasSize(1);
			assertThatRun(T1002ReplayTests.this.traces.lastRun("support-router")).succeeded()
				.answerDoesNotContain("4,900 JPY");
		}

		private ReplayChatModel model() {
			return T1002ReplayTests.this.model;
		}

	}

	/**
	 * The support tools with the fixed pricing tool. Spring AI offers the tools a class
	 * declares itself, so the replayed run is offered this one only, which the replay does not
	 * compare.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class CurrencyCheckingPricing {

		@Bean
		@Primary
		FixedSupportTools fixedSupportTools(VectorStore knowledgeBase, RestClient.Builder restClient,
				Environment environment) {
			return new FixedSupportTools(knowledgeBase, restClient, environment);
		}

	}

	public static class FixedSupportTools extends SupportTools {

		FixedSupportTools(VectorStore knowledgeBase, RestClient.Builder restClient, Environment environment) {
			super(knowledgeBase, restClient, environment);
		}

		@Override
		@Tool(description = "Monthly price of a plan (basic, pro, enterprise) in a currency")
		public String lookupPricing(@ToolParam(description = "The plan") String plan,
				@ToolParam(description = "ISO currency code") String currency) {
			String price = super.lookupPricing(plan, currency);
			if ("{}".equals(price)) {
				throw new IllegalArgumentException(
						"No price for the " + plan + " plan in " + currency + ": prices exist in EUR, GBP, USD");
			}
			return price;
		}

	}

}
