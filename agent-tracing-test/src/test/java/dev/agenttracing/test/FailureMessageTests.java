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
 * A failing assertion says what was expected, what the run did, and prints the run as a
 * tree.
 */
@SpringBootTest(classes = SupportDeskApplication.class, properties = SupportDeskApplication.NO_PROVIDER)
@AgentTracingTest
class FailureMessageTests {

	@Autowired
	AgentTraces traces;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Test
	void failingRunAssertionPrintsTheWholeRunAsATree() {
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				toolCalls("resp-2", 150, 10, call("call-2", "escalateToBilling", "{\"question\":\"refund?\"}")),
				answer("resp-3", "The Pro plan costs 4,900 JPY.", "STOP", 200, 30));
		this.agent.handle("How much is the Pro plan in JPY?");

		AssertionError error = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(this.traces.lastRun()).hasSteps("chat", "chat"));

		assertThat(error.getMessage()).contains("Expected run 'support-router' to take the steps")
			.contains("in run 'support-router':\ninvoke_agent support-router [INTERNAL] ")
			.contains("agent.outcome=\"success\"")
			.contains("├─ chat scripted-model-1 [CLIENT] ")
			.contains("gen_ai.response.finish_reasons=[tool_call]")
			.contains("├─ execute_tool lookupPricing [INTERNAL] ")
			.contains("gen_ai.tool.call.arguments=\"{\"plan\":\"pro\",\"currency\":\"JPY\"}\"")
			.contains("│  └─ invoke_agent billing-specialist [INTERNAL] ")
			.contains("└─ chat scripted-model-1 [CLIENT] ")
			.contains("gen_ai.usage.input_tokens=450");
	}

	@Test
	void failingToolCallAssertionNamesTheCallAndPrintsItsRun() {
		this.model.script(toolCalls("resp-1", 10, 5, call("call-9", "fileTicket", "{\"team\":\"nowhere\"}")),
				answer("resp-2", "I could not file the ticket.", "STOP", 20, 8));
		this.agent.handle("File a ticket for team nowhere");

		AssertionError error = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(this.traces.lastRun()).toolCall("fileTicket").succeeded());

		assertThat(error.getMessage())
			.startsWith("Expected tool call 'fileTicket' (call-9) to succeed but it failed with "
					+ "java.lang.IllegalArgumentException")
			.contains("├─ execute_tool fileTicket [INTERNAL, ERROR] ")
			.contains("error.type=\"java.lang.IllegalArgumentException\"")
			.contains("◆exception{exception.message=\"no such team: nowhere\"")
			.doesNotContain("exception.stacktrace");
	}

	@Test
	void descriptionGivenWithAsPrecedesTheMessage() {
		this.model.script(answer("resp-1", "Hello", "STOP", 12, 3));
		this.agent.handle("hi");

		AssertionError error = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(this.traces.lastRun()).as("greeting").hasModelCalls(2));

		assertThat(error.getMessage()).startsWith("[greeting] Expected run 'support-router' to make 2 model call(s)");
	}

	@Test
	void noCapturedRunSaysWhatWasCaptured() {
		AssertionError error = catchThrowableOfType(AssertionError.class, () -> this.traces.lastRun());

		assertThat(error.getMessage()).startsWith("No agent run was captured. No span was captured");
	}

}
