package dev.agenttracing.test;

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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The finding assertions on runs of a real application: the starter's detectors flag the
 * run, through the real {@code ChatClient} tool loop, and the assertions find the findings
 * on the steps they concern.
 */
@SpringBootTest(classes = SupportDeskApplication.class, properties = SupportDeskApplication.NO_PROVIDER)
@AgentTracingTest
class LiveFindingAssertionTests {

	@Autowired
	AgentTraces traces;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Test
	void aPriceInventedAfterAnEmptyToolResultIsFoundOnBothSteps() {
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				answer("resp-2", "The Pro plan costs 4,900 JPY per month.", "STOP", 150, 12));

		this.agent.handle("How much is the Pro plan in JPY?");

		AgentRunTrace run = this.traces.lastRun();
		assertThatRun(run).succeeded()
			.hasFinding("empty_tool_result")
			.onStep("execute_tool lookupPricing")
			.withMessageContaining("lookupPricing");
		assertThatRun(run).hasFinding("ungrounded_value").onStep("chat").withMessageContaining("4,900");
		AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThatRun(run).hasNoFindings());
		assertThat(error).hasMessageStartingWith("Expected run 'support-router' to have no findings but it has 2:");
	}

	@Test
	void aPriceTheToolGaveHasNoFinding() {
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"EUR\"}")),
				answer("resp-2", "The Pro plan costs 49 EUR per month.", "STOP", 150, 12));

		this.agent.handle("How much is the Pro plan in EUR?");

		AgentRunTrace run = this.traces.lastRun();
		assertThatRun(run).succeeded().hasNoFindings();
		AssertionError error = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(run).hasFinding("empty_tool_result"));
		assertThat(error).hasMessageStartingWith(
				"Expected run 'support-router' to have a finding empty_tool_result but it has none");
	}

}
