package dev.agenttracing.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The run assertions against runs of a real Spring Boot application: the starter's
 * auto-configuration, the real {@code ChatClient} tool loop, a scripted model.
 */
@SpringBootTest(classes = SupportDeskApplication.class, properties = SupportDeskApplication.NO_PROVIDER)
@AgentTracingTest
class AgentRunAssertTests {

	@Autowired
	AgentTraces traces;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Test
	void runThatAnsweredWithToolsPassesOutcomeStepToolModelAndTokenAssertions() {
		scriptPricingAndRefund();

		this.agent.handle("How much is the Pro plan in EUR? And I want a refund.");

		assertThatRun(this.traces.lastRun()).hasAgentName("support-router")
			.succeeded()
			.hasOutcome("success")
			.hasSteps("chat", "execute_tool lookupCustomer", "execute_tool lookupPricing", "chat",
					"execute_tool escalateToBilling", "chat")
			.calledTools("escalateToBilling", "lookupPricing")
			.calledToolsExactly("lookupCustomer", "lookupPricing", "escalateToBilling")
			.didNotCallTool("fileTicket")
			.hasToolCalls(3)
			.hasNoFailedTools()
			.hasModelCalls(3)
			.hasInputTokens(450)
			.hasOutputTokens(60)
			.usedAtMostTokens(510)
			.stayedWithinBudget()
			.hasSubAgents("billing-specialist")
			.hasAttribute("agent.model_calls", 3)
			.hasAttribute(AgentAttributes.OUTCOME, "success")
			.hasKind(SpanKind.INTERNAL);
	}

	@Test
	void stepsAreNamedBySpanNameOrOperationAndInOrderAllowsOtherStepsBetween() {
		scriptPricingAndRefund();

		this.agent.handle("How much is the Pro plan in EUR? And I want a refund.");

		AgentRunTrace run = this.traces.lastRun();
		assertThatRun(run).hasSteps("chat scripted-model-1", "execute_tool", "execute_tool", "chat scripted-model-1",
				"execute_tool escalateToBilling", "chat")
			.hasStepsInOrder("chat", "execute_tool lookupPricing", "chat")
			.hasStepsInOrder("execute_tool escalateToBilling");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).hasStepsInOrder("execute_tool escalateToBilling",
					"execute_tool lookupPricing"))
			.withMessageContaining("(execute_tool lookupPricing not found in order)");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).hasSteps("chat", "execute_tool lookupPricing", "chat"))
			.withMessageContaining("Expected run 'support-router' to take the steps")
			.withMessageContaining("[chat scripted-model-1, execute_tool lookupCustomer, execute_tool lookupPricing, "
					+ "chat scripted-model-1, execute_tool escalateToBilling, chat scripted-model-1]");
	}

	@Test
	void toolAndModelCountsThatDifferFailWithWhatTheRunDid() {
		scriptPricingAndRefund();

		this.agent.handle("How much is the Pro plan in EUR? And I want a refund.");

		AgentRunTrace run = this.traces.lastRun();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).hasModelCalls(2))
			.withMessageContaining("Expected run 'support-router' to make 2 model call(s) but it made 3");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).calledTools("refund"))
			.withMessageContaining("did not call [refund]; it called [lookupCustomer, lookupPricing, escalateToBilling]");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).calledToolsExactly("lookupPricing", "lookupCustomer"))
			.withMessageContaining("to call exactly");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).didNotCallTool("lookupPricing"))
			.withMessageContaining("not to call lookupPricing but it called it 1 time(s)");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).usedAtMostTokens(500))
			.withMessageContaining("to use at most 500 tokens but it used 510 (450 in, 60 out)");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).hasToolCalls(2))
			.withMessageContaining("to make 2 tool call(s) but it made 3");
	}

	@Test
	void toolArgumentsAndResultsAreComparedAsJsonWhenCaptured() {
		scriptPricingAndRefund();

		this.agent.handle("How much is the Pro plan in EUR? And I want a refund.");

		AgentRunTrace run = this.traces.lastRun();
		assertThatRun(run).toolCall("lookupPricing")
			.succeeded()
			.hasCallId("call-2")
			.hasArguments("{ \"currency\": \"EUR\", \"plan\": \"pro\" }")
			.hasArgument("currency", "EUR")
			.hasResult("{\"currency\":\"EUR\",\"plan\":\"pro\",\"price\":49.0}")
			.resultContains("\"price\":49");
		assertThat(run.toolCalls("lookupPricing").get(0).arguments()).contains("{\"plan\":\"pro\",\"currency\":\"EUR\"}");
		assertThatRun(run).toolCall("escalateToBilling")
			.hasResult("billing says: refund?")
			.hasResult("\"billing says: refund?\"");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).toolCall("lookupPricing").hasArgument("currency", "JPY"))
			.withMessageContaining("to be called with currency = \"JPY\" but it was called with "
					+ "{\"plan\":\"pro\",\"currency\":\"EUR\"}");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).toolCall("lookupPricing").hasResult("{\"price\":45}"))
			.withMessageContaining("Expected tool call 'lookupPricing' (call-2) to return");
	}

	@Test
	void toolArgumentsThatWereNotCapturedFailWithTheReasonRatherThanComparingWithNothing() {
		scriptPricingAndRefund();

		this.agent.handleWithoutCapture("How much is the Pro plan in EUR? And I want a refund.");

		AgentRunTrace run = this.traces.lastRun();
		assertThat(run.toolCalls("lookupPricing").get(0).arguments()).isEmpty();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).toolCall("lookupPricing").hasArguments("{}"))
			.withMessageContaining("The arguments of tool call 'lookupPricing' (call-2) were not captured: its span "
					+ "has no gen_ai.tool.call.arguments attribute")
			.withMessageContaining("only when content capture is on");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).toolCall("lookupPricing").resultContains("49"))
			.withMessageContaining("has no gen_ai.tool.call.result attribute");
	}

	@Test
	void failedToolIsAssertedByItsExceptionWhileTheRunSucceeds() {
		this.model.script(toolCalls("resp-1", 10, 5, call("call-9", "fileTicket", "{\"team\":\"nowhere\"}")),
				answer("resp-2", "I could not file the ticket.", "STOP", 20, 8));

		this.agent.handle("File a ticket for team nowhere");

		AgentRunTrace run = this.traces.lastRun();
		assertThatRun(run).succeeded().hasFailedTools("fileTicket");
		assertThatRun(run).toolCall("fileTicket")
			.failed()
			.failedWith(IllegalArgumentException.class)
			.hasStatus(StatusCode.ERROR)
			.hasEvent("exception", "exception.type", IllegalArgumentException.class.getName())
			.hasArguments("{\"team\":\"nowhere\"}");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).hasNoFailedTools())
			.withMessageContaining("but they are [fileTicket (java.lang.IllegalArgumentException)]");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).toolCall("fileTicket").succeeded())
			.withMessageContaining("to succeed but it failed with java.lang.IllegalArgumentException");
	}

	@Test
	void subAgentReachedThroughAToolIsItsOwnRunInTheSameWorkflow() {
		scriptPricingAndRefund();

		this.agent.handle("How much is the Pro plan in EUR? And I want a refund.");

		AgentRunTrace run = this.traces.lastRun();
		assertThat(this.traces.runs()).hasSize(1);
		assertThatRun(run).subAgent("billing-specialist")
			.succeeded()
			.hasParent("execute_tool escalateToBilling")
			.hasModelCalls(0)
			.hasAttribute(AgentAttributes.WORKFLOW_RUN_ID, run.runId());
		assertThat(this.traces.lastRun("billing-specialist").span()).isEqualTo(run.subRun("billing-specialist")
			.orElseThrow()
			.span());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).hasSubAgents())
			.withMessageContaining("Expected the sub-agents of run 'support-router' to be [] but they are "
					+ "[billing-specialist]");
	}

	@Test
	void refusedRunIsNotAFailure() {
		this.agent.refuseOffTopic("weather?");

		AgentRunTrace run = this.traces.lastRun();
		assertThatRun(run).wasRefused("off-topic").hasEvent("agent.refused", "agent.refusal.reason", "off-topic");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).succeeded())
			.withMessageContaining("to end with outcome success but it ended with refused");
	}

	@Test
	void failedRunIsAssertedByItsException() {
		assertThatIllegalStateException().isThrownBy(() -> this.agent.crash("ticket-9"));

		AgentRunTrace run = this.traces.lastRun();
		assertThatRun(run).failed().failedWith(IllegalStateException.class).calledToolsExactly();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).succeeded())
			.withMessageContaining("it ended with error (java.lang.IllegalStateException)");
	}

	@Test
	void runOverItsTokenBudgetIsFoundByBudgetName() {
		this.model.script(answer("resp-1", "A long answer", "STOP", 100, 30));

		this.agent.budgeted("explain everything");

		AgentRunTrace run = this.traces.lastRun();
		assertThatRun(run).succeeded()
			.exceededBudget()
			.exceededBudget("total_tokens")
			.hasAttribute("agent.budget.exceeded", true)
			.hasEvent("agent.budget.exceeded", "agent.budget.name", "total_tokens")
			.hasEvent("agent.budget.exceeded", "agent.budget.limit", 100.0)
			.hasEvent("agent.budget.exceeded", "agent.budget.actual", 130.0);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).stayedWithinBudget())
			.withMessageContaining("to stay within its budgets but it exceeded [total_tokens]");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).exceededBudget("tool_calls"))
			.withMessageContaining("to exceed its tool_calls budget but the budgets it exceeded are [total_tokens]");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).hasEvent("agent.budget.exceeded", "agent.budget.limit", 100))
			.withMessageContaining("with agent.budget.limit = 100 (long) but its agent.budget.exceeded events carry "
					+ "[100.0 (double)]");
	}

	@Test
	void loopEventsOfTheRunAreAssertedLikeAnyEvent() {
		scriptPricingAndRefund();

		this.agent.handle("How much is the Pro plan in EUR? And I want a refund.");

		assertThatRun(this.traces.lastRun()).hasEvent("agent.iteration", "agent.iteration.number", 3)
			.hasEvent("agent.loop_terminated", "agent.loop.termination_reason", "final_answer")
			.doesNotHaveEvent("agent.budget.exceeded");
	}

	@Test
	void attributeAssertionsTellALongFromAString() {
		this.model.script(answer("resp-1", "Hello", "STOP", 12, 3));

		this.agent.handle("hi");

		AgentRunTrace run = this.traces.lastRun();
		assertThatRun(run).hasAttribute("gen_ai.usage.input_tokens", 12L)
			.hasAttribute("gen_ai.usage.input_tokens", 12)
			.doesNotHaveAttribute("error.type")
			.doesNotHaveEvent("agent.refused");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).hasAttribute("gen_ai.usage.input_tokens", "12"))
			.withMessageContaining("to have gen_ai.usage.input_tokens = \"12\" (string) but it was 12 (long)");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).hasAttribute(GenAiAttributes.CONVERSATION_ID, "conv-1"))
			.withMessageContaining("but it has no such attribute");
	}

	@Test
	void modelCallsAndOtherSpansOfTheRunHaveTheirOwnAssertions() {
		scriptPricingAndRefund();

		this.agent.handle("How much is the Pro plan in EUR? And I want a refund.");

		AgentRunTrace run = this.traces.lastRun();
		assertThatRun(run).modelCall(0)
			.hasKind(SpanKind.CLIENT)
			.hasParent("invoke_agent support-router")
			.hasAttribute("gen_ai.response.finish_reasons", List.of("tool_call"))
			.hasAttribute("gen_ai.response.id", "resp-1")
			.hasAttributeContaining("gen_ai.output.messages", "\"name\":\"lookupPricing\"");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(run).modelCall(0).hasAttributeContaining("gen_ai.output.messages", "JPY"))
			.withMessageContaining("to have gen_ai.output.messages containing\n  JPY\nbut it was \"[{");
		assertThatRun(run).modelCall(2).hasAttribute("gen_ai.response.finish_reasons", new String[] { "stop" });
		assertThatRun(run).span("invoke_agent billing-specialist").hasParent("execute_tool escalateToBilling");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).span("chat scripted-model-1"))
			.withMessageContaining("to have one span named chat scripted-model-1 but it has 3");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(run).modelCall(3))
			.withMessageContaining("to make at least 4 model call(s) but it made 3");
	}

	@Test
	void runOnAnotherThreadIsAwaitedUntilItsSpanEnds() {
		this.model.script(answer("resp-1", "Hello from elsewhere", "STOP", 12, 3));

		CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> this.agent.handle("hi"));

		AgentRunTrace run = this.traces.awaitRun("support-router", Duration.ofSeconds(10));
		assertThat(answer.join()).isEqualTo("Hello from elsewhere");
		assertThatRun(run).succeeded().hasModelCalls(1);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.traces.awaitRun("nobody", Duration.ofMillis(50)))
			.withMessageContaining("No run of agent 'nobody' ended within PT0.05S");
	}

	@Test
	void tracesAreInjectedAsATestMethodParameter(AgentTraces injected) {
		assertThat(injected).isSameAs(this.traces);
	}

	private void scriptPricingAndRefund() {
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupCustomer", "{\"customerId\":\"c-42\"}"),
						call("call-2", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"EUR\"}")),
				toolCalls("resp-2", 150, 10, call("call-3", "escalateToBilling", "{\"question\":\"refund?\"}")),
				answer("resp-3", "The Pro plan costs 49 EUR; billing will refund you.", "STOP", 200, 30));
	}

}
