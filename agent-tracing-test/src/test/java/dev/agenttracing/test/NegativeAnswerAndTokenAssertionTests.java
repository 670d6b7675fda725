package dev.agenttracing.test;

import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import dev.agenttracing.test.support.SupportDeskApplication;
import dev.agenttracing.test.support.SupportDeskApplication.SupportAgent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static dev.agenttracing.test.ScriptedChatModel.answer;
import static dev.agenttracing.test.ScriptedChatModel.call;
import static dev.agenttracing.test.ScriptedChatModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a newcomer's first tests needed to say: that something did not happen (no tool came
 * back empty, the answer has no amount no tool gave), what the run answered, how many tokens
 * the whole tree used, and which tool a misspelled name meant. Each assertion fails with the
 * run's tree.
 */
@SpringBootTest(classes = SupportDeskApplication.class, properties = SupportDeskApplication.NO_PROVIDER)
@AgentTracingTest
class NegativeAnswerAndTokenAssertionTests {

	private static final String TREE = "in run 'support-router':\ninvoke_agent support-router [INTERNAL]";

	@Autowired
	AgentTraces traces;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Test
	void noToolCameBackEmptyPassesWhenEveryResultHasContentAndFailsNamingTheEmptyOne() {
		askForThePrice("EUR", "The Pro plan costs 49 EUR a month.");
		assertThatRun(this.traces.lastRun()).hasNoToolResult("{}")
			.hasNoToolResultContaining("\"price\":45")
			.toolCall("lookupPricing")
			.doesNotHaveResult("{}")
			.resultDoesNotContain("JPY");
		this.traces.reset();

		askForThePrice("JPY", "The Pro plan costs 7,900 JPY a month.");
		AgentRunTrace run = this.traces.lastRun();

		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).hasNoToolResult("{}"))
			.withMessageStartingWith("Expected tool call 'lookupPricing' (call-2) not to return\n  {}\nbut it returned\n  {}")
			.withMessageContaining(TREE);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).toolCall("lookupCustomer").resultDoesNotContain("\"plan\":\"pro\""))
			.withMessageStartingWith("Expected the result of tool call 'lookupCustomer' (call-1) not to contain\n"
					+ "  \"plan\":\"pro\"\nbut it was\n  {\"id\":\"c-42\",\"plan\":\"pro\"}")
			.withMessageContaining(TREE);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).hasNoToolResultContaining("c-42"))
			.withMessageContaining("not to contain\n  c-42")
			.withMessageContaining(TREE);
	}

	@Test
	void negativeToolAssertionsFailWhenTheResultWasNotCapturedRatherThanPassOnNothing() {
		askForThePriceWithoutCapture();

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(this.traces.lastRun()).hasNoToolResult("{}"))
			.withMessageContaining("The result of tool call 'lookupCustomer' (call-1) were not captured");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(this.traces.lastRun()).toolCall("lookupPricing").resultDoesNotContain("x"))
			.withMessageContaining("were not captured");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(this.traces.lastRun()).answerContains("49"))
			.withMessageStartingWith("The final answer of run 'quiet-router' was not captured: its last model call "
					+ "'chat scripted-model-1' has no gen_ai.output.messages attribute.");
	}

	@Test
	void finalAnswerIsTheTextOfTheLastModelCall() {
		askForThePrice("EUR", "The Pro plan costs 49 EUR a month.");
		AgentRunTrace run = this.traces.lastRun();

		assertThat(run.finalAnswer()).contains("The Pro plan costs 49 EUR a month.");
		assertThatRun(run).answerContains("49 EUR").answerDoesNotContain("45").finalAnswer().startsWith("The Pro plan");

		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).answerDoesNotContain("49"))
			.withMessageStartingWith("Expected the final answer of run 'support-router' not to contain\n  49\n"
					+ "but it was\n  The Pro plan costs 49 EUR a month.")
			.withMessageContaining(TREE);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).answerContains("JPY"))
			.withMessageStartingWith("Expected the final answer of run 'support-router' to contain\n  JPY\n")
			.withMessageContaining(TREE);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).finalAnswer().doesNotContain("49"))
			.withMessageStartingWith("[the final answer of run 'support-router', " + TREE)
			.withMessageContaining("not to contain:\n  \"49\"");
	}

	@Test
	void contentThatMustNotBeThereIsAssertedOnAnySpan() {
		askForThePrice("EUR", "The Pro plan costs 49 EUR a month.");
		AgentRunTrace run = this.traces.lastRun();

		assertThatRun(run).modelCall(0)
			.doesNotHaveAttributeContaining("gen_ai.input.messages", "password")
			.doesNotHaveAttributeContaining("no.such.attribute", "anything");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).modelCall(0)
				.doesNotHaveAttributeContaining("gen_ai.input.messages", "Pro plan in EUR"))
			.withMessageStartingWith("Expected span 'chat scripted-model-1' not to have gen_ai.input.messages containing\n"
					+ "  Pro plan in EUR\nbut it was \"")
			.withMessageContaining(TREE);
	}

	@Test
	void misspelledToolNameSuggestsTheClosestToolTheRunCalled() {
		askForThePrice("EUR", "The Pro plan costs 49 EUR a month.");
		AgentRunTrace run = this.traces.lastRun();

		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).toolCall("lookupPrice"))
			.withMessageStartingWith("Expected run 'support-router' to call lookupPrice once but it called it 0 time(s); "
					+ "did you mean lookupPricing?")
			.withMessageContaining(TREE);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).calledTools("lookupPricing", "LookupCustomers"))
			.withMessageContaining("did you mean lookupCustomer?");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).toolCall("refund", 0))
			.withMessageStartingWith("Expected run 'support-router' to call refund at least 1 time(s) but it called it "
					+ "0 time(s)\n");
	}

	@Test
	void goldenTraceRulesArePassedToMatchesGolden() {
		runPricingAndRefund();
		AgentRunTrace run = this.traces.lastRun();

		assertThatRun(run).matchesGolden("pricing-and-refund-without-usage",
				SnapshotRules.defaults().ignoringAttributes("gen_ai.usage.*"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).matchesGolden("pricing-and-refund",
					SnapshotRules.defaults().ignoringAttributes("gen_ai.usage.*")))
			.withMessageContaining("$.attributes['gen_ai.usage.input_tokens']: expected 450 but there is none");
	}

	@Test
	void tokensOfTheRunItselfAndOfTheWholeTreeAreAssertedApart() {
		AgentRunTrace run = travelRunWithAHotelSubAgent();

		assertThat(run.ownTokens()).isEqualTo(340);
		assertThat(run.tokensIncludingSubAgents()).isEqualTo(900);
		assertThatRun(run).usedAtMostTokens(340).usedAtMostTokensIncludingSubAgents(900);

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).usedAtMostTokensIncludingSubAgents(800))
			.withMessageStartingWith("Expected run 'travel-assistant' and its sub-agents to use at most 800 tokens but "
					+ "they used 900: 'travel-assistant' 340, 'hotel-booker' 560")
			.withMessageContaining("in run 'travel-assistant':\ninvoke_agent travel-assistant [INTERNAL]");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).usedAtMostTokens(300))
			.withMessageStartingWith("Expected run 'travel-assistant' to use at most 300 tokens but it used 340");
		// a tool of the sub-agent is found there, not suggested as a typo
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).toolCall("reserveRoom"))
			.withMessageContaining("; reserveRoom is a tool of sub-agent 'hotel-booker': assert on it with "
					+ "subAgent(\"hotel-booker\")");
	}

	private void askForThePrice(String currency, String answerText) {
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupCustomer", "{\"customerId\":\"c-42\"}"),
						call("call-2", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"" + currency + "\"}")),
				answer("resp-2", answerText, "STOP", 150, 10));
		this.agent.handle("How much is the Pro plan in " + currency + "?");
	}

	private void askForThePriceWithoutCapture() {
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupCustomer", "{\"customerId\":\"c-42\"}"),
						call("call-2", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				answer("resp-2", "The Pro plan costs 49 EUR a month.", "STOP", 150, 10));
		this.agent.handleWithoutCapture("How much is the Pro plan?");
	}

	private void runPricingAndRefund() {
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupCustomer", "{\"customerId\":\"c-42\"}"),
						call("call-2", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"EUR\"}")),
				toolCalls("resp-2", 150, 10, call("call-3", "escalateToBilling", "{\"question\":\"refund?\"}")),
				answer("resp-3", "The Pro plan costs 49 EUR; billing will refund you.", "STOP", 200, 30));
		this.agent.handle("How much is the Pro plan in EUR? And I want a refund.");
	}

	/** A run of 300 + 40 tokens whose hotel sub-agent, reached through a tool, used 500 + 60. */
	private static AgentRunTrace travelRunWithAHotelSubAgent() {
		AgentTraces traces = new AgentTraces();
		try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(traces.spanProcessor()).build()) {
			Tracer tracer = provider.get("travel");
			Span run = agentSpan(tracer, "travel-assistant", 300, 40);
			try (Scope runScope = run.makeCurrent()) {
				modelCall(tracer);
				Span tool = tracer.spanBuilder("execute_tool bookHotel")
					.setAttribute("gen_ai.operation.name", "execute_tool")
					.setAttribute("gen_ai.tool.name", "bookHotel")
					.startSpan();
				try (Scope toolScope = tool.makeCurrent()) {
					Span hotel = agentSpan(tracer, "hotel-booker", 500, 60);
					try (Scope hotelScope = hotel.makeCurrent()) {
						modelCall(tracer);
						tracer.spanBuilder("execute_tool reserveRoom")
							.setAttribute("gen_ai.operation.name", "execute_tool")
							.setAttribute("gen_ai.tool.name", "reserveRoom")
							.startSpan()
							.end();
					}
					finally {
						hotel.end();
					}
				}
				finally {
					tool.end();
				}
			}
			finally {
				run.end();
			}
		}
		return traces.lastRun();
	}

	private static Span agentSpan(Tracer tracer, String agent, long input, long output) {
		return tracer.spanBuilder("invoke_agent " + agent)
			.setAttribute("gen_ai.operation.name", "invoke_agent")
			.setAttribute("gen_ai.agent.name", agent)
			.setAttribute("agent.outcome", "success")
			.setAttribute("gen_ai.usage.input_tokens", input)
			.setAttribute("gen_ai.usage.output_tokens", output)
			.startSpan();
	}

	private static void modelCall(Tracer tracer) {
		tracer.spanBuilder("chat travel-model")
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute("gen_ai.operation.name", "chat")
			.setAttribute(io.opentelemetry.api.common.AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
					List.of("stop"))
			.startSpan()
			.end();
	}

}
