package dev.agenttracing.test;

import org.junit.jupiter.api.Test;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The finding assertions, read from the trace alone: a run downloaded from the flight
 * recorder with the findings the detectors left (ticket T-1002: the pricing tool came back
 * empty and the answer states a price no input holds; its billing sub-agent looped on a
 * tool), and runs without findings.
 */
class FindingAssertionTests {

	private static final String WITH_FINDINGS = "fixtures/flight-recorder-run-with-findings.json";

	private static final String WITHOUT_FINDINGS = "fixtures/flight-recorder-run.json";

	@Test
	void findingsAreFoundOnTheirStepsWithTheirMessagesAndMeasures() {
		AgentRunTrace run = TraceFixtures.loadResource(WITH_FINDINGS).lastRun();

		assertThatRun(run).hasFinding("empty_tool_result")
			.onStep("execute_tool lookupPricing")
			.withMessageContaining("lookupPricing returned an empty result");
		assertThatRun(run).hasFinding("ungrounded_value").onStep("chat").withMessageContaining("4,900");
		assertThatRun(run).hasFinding("ungrounded_value").onStep("chat offline-support-1");
		assertThatRun(run).subAgent("billing-specialist")
			.hasFinding("repeated_tool_call")
			.onStep("execute_tool lookupInvoice")
			.withAttribute("agent.finding.repeats", 3)
			.withMessageContaining("3 times");
	}

	@Test
	void aRunWithoutFindingsHasNone() {
		assertThatRun(TraceFixtures.loadResource(WITHOUT_FINDINGS).lastRun()).hasNoFindings();
	}

	@Test
	void hasNoFindingsListsEachFindingWithItsStepAndMessage() {
		AgentRunTrace run = TraceFixtures.loadResource(WITH_FINDINGS).lastRun();

		AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThatRun(run).hasNoFindings());

		assertThat(error).hasMessageStartingWith(String.format("Expected run 'support-router' to have no findings but it has 2:%n"
				+ "  - empty_tool_result on 'execute_tool lookupPricing': Tool lookupPricing returned an empty result: {}%n"
				+ "  - ungrounded_value on 'chat offline-support-1': The answer states 1 value found in none of the "
				+ "run's inputs: 4,900%n%nin run 'support-router':%ninvoke_agent support-router [INTERNAL]"));
		assertThat(error.getMessage()).contains("◆agent.finding{agent.finding.kind=\"empty_tool_result\"");
		// The sub-agent's loop is its own finding, not listed with the run's.
		assertThat(error.getMessage()).doesNotContain("- repeated_tool_call");
	}

	@Test
	void aMissingFindingListsTheFindingsTheRunHas() {
		AgentRunTrace run = TraceFixtures.loadResource(WITH_FINDINGS).lastRun();

		AssertionError error = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(run).hasFinding("tool_error_ignored"));

		assertThat(error).hasMessageStartingWith(String.format(
				"Expected run 'support-router' to have a finding tool_error_ignored but its findings are:%n"
						+ "  - empty_tool_result on 'execute_tool lookupPricing': "));
		assertThat(error.getMessage()).contains("  - ungrounded_value on 'chat offline-support-1': ");

		AssertionError none = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(TraceFixtures.loadResource(WITHOUT_FINDINGS).lastRun())
					.hasFinding("empty_tool_result"));
		assertThat(none).hasMessageStartingWith(
				"Expected run 'support-router' to have a finding empty_tool_result but it has none\n\nin run");
	}

	@Test
	void aFindingOfASubAgentIsPointedTo() {
		AgentRunTrace run = TraceFixtures.loadResource(WITH_FINDINGS).lastRun();

		AssertionError error = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(run).hasFinding("repeated_tool_call"));

		assertThat(error).hasMessageContaining(String.format(
				"Sub-agent 'billing-specialist' has one: assert on it with subAgent(\"billing-specialist\")"));
	}

	@Test
	void aFindingOnAnotherStepSaysWhereItIs() {
		AgentRunTrace run = TraceFixtures.loadResource(WITH_FINDINGS).lastRun();

		AssertionError error = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(run).hasFinding("empty_tool_result").onStep("chat"));

		assertThat(error).hasMessageStartingWith(String.format(
				"Expected the empty_tool_result finding of run 'support-router' to be on step 'chat' but it is on "
						+ "['execute_tool lookupPricing']; the findings of the run are:%n"
						+ "  - empty_tool_result on 'execute_tool lookupPricing': "));
		assertThat(error.getMessage()).contains("in run 'support-router':\ninvoke_agent support-router");
	}

	@Test
	void aMessageThatDoesNotSayItShowsWhatItSays() {
		AgentRunTrace run = TraceFixtures.loadResource(WITH_FINDINGS).lastRun();

		AssertionError error = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(run).hasFinding("empty_tool_result")
					.onStep("execute_tool lookupPricing")
					.withMessageContaining("lookupCustomer"));

		assertThat(error).hasMessageStartingWith(String.format(
				"Expected the message of the empty_tool_result finding of run 'support-router' on step "
						+ "'execute_tool lookupPricing' to contain%n  lookupCustomer%nbut the messages are:%n"
						+ "  - empty_tool_result on 'execute_tool lookupPricing': Tool lookupPricing returned an empty "
						+ "result: {}%n"));
	}

	@Test
	void aMeasureIsComparedByType() {
		AgentRunAssert billing = assertThatRun(TraceFixtures.loadResource(WITH_FINDINGS).lastRun())
			.subAgent("billing-specialist");

		AssertionError error = catchThrowableOfType(AssertionError.class,
				() -> billing.hasFinding("repeated_tool_call").withAttribute("agent.finding.repeats", "3"));

		assertThat(error).hasMessageStartingWith("Expected the repeated_tool_call finding of run "
				+ "'billing-specialist' to have agent.finding.repeats = \"3\" (string) but it has [3 (long)]");
	}

	@Test
	void aKindListedOnTheRunWithoutItsEventCountsButIsOnNoStep() {
		// A run whose step spans were not kept: its span still lists what was found.
		AgentRunTrace run = TraceFixtures.parse("""
				{ "run": { "traceId": "0af7651916cd43dd8448eb211c8031aa" }, "startTime": "2026-11-21T10:20:00Z",
				  "spans": [ { "spanId": "a1b2c3d4e5f60718", "parentSpanId": null, "name": "invoke_agent support-router",
				    "kind": "INTERNAL", "offsetNanos": 0, "durationNanos": 1000, "status": "UNSET",
				    "attributes": [
				      { "key": "gen_ai.operation.name", "type": "string", "value": "invoke_agent" },
				      { "key": "gen_ai.agent.name", "type": "string", "value": "support-router" },
				      { "key": "agent.findings", "type": "string_array", "value": [ "budget_exceeded" ] },
				      { "key": "agent.finding.count", "type": "long", "value": 1 } ],
				    "events": [] } ] }
				""").lastRun();

		assertThatRun(run).hasFinding("budget_exceeded");
		AssertionError onStep = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(run).hasFinding("budget_exceeded").onStep("invoke_agent support-router"));
		assertThat(onStep).hasMessageStartingWith("Expected the budget_exceeded finding of run 'support-router' to be "
				+ "on step 'invoke_agent support-router' but no span of the run carries an agent.finding event of that "
				+ "kind (the run's agent.findings lists it)");
		AssertionError noFindings = catchThrowableOfType(AssertionError.class,
				() -> assertThatRun(run).hasNoFindings());
		assertThat(noFindings).hasMessageStartingWith(String.format("Expected run 'support-router' to have no "
				+ "findings but it has 1:%n  - budget_exceeded (listed in agent.findings of the run, no agent.finding "
				+ "event)"));
	}

}
