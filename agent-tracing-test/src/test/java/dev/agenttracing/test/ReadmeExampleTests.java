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

/**
 * The user test of {@code docs/readme-testing.md}, kept compiling and passing.
 */
@SpringBootTest(classes = SupportDeskApplication.class, properties = "spring.ai.model.chat=scripted")
@AgentTracingTest
class ReadmeExampleTests {

	@Test
	void pricingQuestionLooksUpThePriceOnce(@Autowired SupportAgent agent, @Autowired ScriptedChatModel model,
			AgentTraces traces) {
		model.script(
				toolCalls("resp-1", 120, 20, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"EUR\"}")),
				answer("resp-2", "The Pro plan costs 49 EUR a month.", "STOP", 160, 12));

		agent.handle("How much is the Pro plan in EUR?");

		AgentRunTrace run = traces.lastRun();
		assertThatRun(run).succeeded()
			.hasSteps("chat", "execute_tool lookupPricing", "chat")
			.calledToolsExactly("lookupPricing")
			.usedAtMostTokens(400)
			.matchesGolden("pricing-question");
		assertThatRun(run).toolCall("lookupPricing").hasArgument("currency", "EUR").resultContains("\"price\":49");
	}

}
