package dev.agenttracing.test;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.agenttracing.test.RunComparison.Aspect;
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
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code assertThatRun(actual).comparedTo(expected)}: runs of a real application (the
 * starter, the real {@code ChatClient} tool loop, a scripted model) compared step by
 * step, and a flight recorder fixture compared with edited copies of itself.
 */
// Findings are compared on fixtures that carry them: a diagnosis of the live runs (where the application has one)
// would add findings to the exact failure messages asserted here.
@SpringBootTest(classes = SupportDeskApplication.class,
		properties = { SupportDeskApplication.NO_PROVIDER, "agent-tracing.diagnosis.enabled=false" })
@AgentTracingTest
class RunComparisonTests {

	private static final String FIXTURE = "fixtures/flight-recorder-run.json";

	@Autowired
	AgentTraces traces;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Test
	void runsThatDidTheSameAreTheSameRunWhateverTheirIdsAndTimings() {
		AgentRunTrace first = pricingRun("EUR", "{\"plan\":\"pro\",\"price\":49,\"currency\":\"EUR\"}", "resp-1",
				"call-1", 100);
		AgentRunTrace second = pricingRun("EUR", "{\"plan\":\"pro\",\"price\":49,\"currency\":\"EUR\"}", "other-resp",
				"call-xyz", 100);

		assertThat(second.runId()).isNotEqualTo(first.runId());
		assertThat(second.span().getTraceId()).isNotEqualTo(first.span().getTraceId());
		assertThatRun(second).comparedTo(first).isSameRun();
		assertThat(RunComparison.of(first, second).partingStep()).isEmpty();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(second).comparedTo(first).partsAt(1))
			.withMessageStartingWith("Expected run 'support-router' to part from the expected one at step 1, but the "
					+ "runs are the same.\n\nRun support-router is the same as the expected run support-router\n");
	}

	@Test
	void runThatAskedForAnotherCurrencyPartsAtTheFirstModelCallAndTheFailureSaysWhere() {
		AgentRunTrace eur = pricingRun("EUR", "{\"plan\":\"pro\",\"price\":49,\"currency\":\"EUR\"}", "resp-1",
				"call-1", 100);
		AgentRunTrace jpy = pricingRun("JPY", "{}", "resp-1", "call-1", 100);

		assertThatRun(jpy).comparedTo(eur).partsAt(1).partsAt("chat").partsAt("chat scripted-model-1");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(jpy).comparedTo(eur).isSameRun())
			.withMessage("""
					Expected run 'support-router' to be the same run as the expected one, but it is not.

					Run support-router parts from the expected run support-router at step 1 chat scripted-model-1: \
					tool calls differ
					Steps (expected | actual):
					  ≠ 1 chat scripted-model-1      | 1 chat scripted-model-1   (tool calls)   <- the runs part here
					  ≠ 2 execute_tool lookupPricing | 2 execute_tool lookupPricing   (arguments, result)
					  ≠ 3 chat scripted-model-1      | 3 chat scripted-model-1   (answer)
					Differences:
					  step 1 chat scripted-model-1, tool calls:
					    expected: lookupPricing {"currency":"EUR","plan":"pro"}
					    actual:   lookupPricing {"currency":"JPY","plan":"pro"}
					  step 2 execute_tool lookupPricing, arguments:
					    expected: {"currency":"EUR","plan":"pro"}
					    actual:   {"currency":"JPY","plan":"pro"}
					  step 2 execute_tool lookupPricing, result:
					    expected: {"currency":"EUR","plan":"pro","price":49}
					    actual:   {}
					  step 3 chat scripted-model-1, answer:
					    expected: The Pro plan costs 49 EUR.
					    actual:   The Pro plan costs 4,900 JPY.
					""");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(jpy).comparedTo(eur).partsAt("execute_tool lookupPricing"))
			.withMessageStartingWith("Expected run 'support-router' to part from the expected one at execute_tool "
					+ "lookupPricing, but it parts at step 1 chat scripted-model-1.\n\nRun support-router parts");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatRun(jpy).comparedTo(eur).partsAt(2))
			.withMessageStartingWith("Expected run 'support-router' to part from the expected one at step 2, but it "
					+ "parts at step 1 chat scripted-model-1.");
	}

	@Test
	void ignoringContentLeavesTheStepsTheToolsAskedForAndTheOutcome() {
		AgentRunTrace eur = pricingRun("EUR", "{\"plan\":\"pro\",\"price\":49,\"currency\":\"EUR\"}", "resp-1",
				"call-1", 100);
		AgentRunTrace jpy = pricingRun("JPY", "{}", "resp-1", "call-1", 100);

		assertThatRun(jpy).comparedTo(eur).ignoringContent().isSameRun();
		assertThatRun(jpy).comparedTo(eur)
			.differsOnlyIn(Aspect.TOOL_CALLS, Aspect.ARGUMENTS, Aspect.RESULT, Aspect.ANSWER);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatRun(jpy).comparedTo(eur).differsOnlyIn(Aspect.ARGUMENTS, Aspect.RESULT))
			.withMessageStartingWith("Expected run 'support-router' to differ from the expected one in [arguments, "
					+ "result] only, but it also differs in tool calls: step 1 chat scripted-model-1.");
	}

	@Test
	void tokensCountUnlessIgnored() {
		AgentRunTrace before = pricingRun("EUR", "{}", "resp-1", "call-1", 100);
		AgentRunTrace after = pricingRun("EUR", "{}", "resp-1", "call-1", 130);

		assertThatRun(after).comparedTo(before).differsOnlyIn(Aspect.TOKENS).partsAt(1);
		assertThatRun(after).comparedTo(before).ignoringTokens().isSameRun();
		assertThat(RunComparison.of(before, after).differences()).extracting(RunComparison.Difference::toString)
			.containsExactly("""
					step 1 chat scripted-model-1, tokens:
					    expected: input 100, output 20
					    actual:   input 130, output 20""", """
					the run, tokens:
					    expected: 370
					    actual:   400""");
	}

	@Test
	void aStepOnlyOneRunTookIsListedAsAddedAndLaterStepsStayAligned() {
		AgentRunTrace before = pricingRun("EUR", "{}", "resp-1", "call-1", 100);
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"EUR\"}"),
						call("call-2", "fileTicket", "{\"team\":\"nobody\"}")),
				answer("resp-2", "The Pro plan costs 49 EUR.", "STOP", 150, 20));
		this.agent.handle("How much is the Pro plan in EUR?");
		AgentRunTrace after = this.traces.lastRun();

		RunComparison comparison = RunComparison.of(before, after).ignoringTokens().ignoringContent();
		assertThat(comparison.partingStep()).contains(1);
		assertThat(comparison.report()).contains("""
				Steps (expected | actual):
				  ≠ 1 chat scripted-model-1      | 1 chat scripted-model-1   (tool calls)   <- the runs part here
				  = 2 execute_tool lookupPricing | 2 execute_tool lookupPricing
				  +                              | 3 execute_tool fileTicket   (step)
				  = 3 chat scripted-model-1      | 4 chat scripted-model-1
				""", """
				  step 3 execute_tool fileTicket, step:
				    expected: (none)
				    actual:   execute_tool fileTicket
				""");
		assertThat(comparison.differences()).extracting(RunComparison.Difference::aspect)
			.containsExactly(Aspect.TOOL_CALLS, Aspect.STEPS);
		assertThatRun(after).comparedTo(before).ignoringTokens().ignoringContent().partsAt("chat");
	}

	@Test
	void aLoadedFixtureIsTheSameRunAsItselfAndItsNestedStepsAreNumberedAfterTheirRun() {
		AgentRunTrace run = TraceFixtures.loadResource(FIXTURE).lastRun();

		assertThatRun(run).comparedTo(TraceFixtures.loadResource(FIXTURE).lastRun()).isSameRun();
		assertThat(RunComparison.stepsOf(run)).extracting(RunComparison.Step::toString)
			.containsExactly("1 chat gpt-4o", "2 execute_tool lookupCustomer", "3 execute_tool escalateToBilling",
					"4 invoke_agent billing-specialist", "5 chat gpt-4o");
		assertThat(RunComparison.stepsOf(run)).extracting(RunComparison.Step::depth).containsExactly(0, 0, 0, 0, 0);
	}

	@Test
	void aFindingOnAStepMakesTheRunsPartThere() {
		AgentRunTrace recorded = TraceFixtures.loadResource(FIXTURE).lastRun();
		ObjectNode document = fixture();
		ObjectNode lookup = span(document, "execute_tool lookupCustomer");
		ObjectNode finding = ((ArrayNode) lookup.get("events")).addObject();
		finding.put("name", "agent.finding").put("time", "2026-11-21T10:15:30.815Z").put("offsetNanos", 815_000_000L);
		finding.putArray("attributes").addObject().put("key", "agent.finding.kind").put("type", "string").put("value",
				"empty_tool_result");
		AgentRunTrace flagged = TraceFixtures.parse(document.toString()).lastRun();

		assertThatRun(flagged).comparedTo(recorded)
			.partsAt(2)
			.partsAt("execute_tool lookupCustomer")
			.differsOnlyIn(Aspect.FINDINGS);
		assertThat(RunComparison.of(recorded, flagged).differences()).singleElement()
			.hasToString("""
					step 2 execute_tool lookupCustomer, findings:
					    expected: (none)
					    actual:   empty_tool_result""");
		assertThatRun(flagged).comparedTo(recorded).ignoring(Aspect.FINDINGS).isSameRun();
	}

	@Test
	void aNestedRunWithAnotherOutcomeAndARunThatFailedDifferAtTheirStepAndAtTheRun() {
		AgentRunTrace recorded = TraceFixtures.loadResource(FIXTURE).lastRun();
		ObjectNode document = fixture();
		attribute(span(document, "invoke_agent billing-specialist"), "agent.outcome").put("value", "error");
		ObjectNode runSpan = span(document, "invoke_agent support-router");
		attribute(runSpan, "agent.outcome").put("value", "error");
		((ArrayNode) runSpan.get("attributes")).addObject()
			.put("key", "error.type")
			.put("type", "string")
			.put("value", "java.lang.IllegalStateException");
		AgentRunTrace failed = TraceFixtures.parse(document.toString()).lastRun();

		assertThatRun(failed).comparedTo(recorded).partsAt(4).partsAt("invoke_agent billing-specialist");
		assertThat(RunComparison.of(recorded, failed).differences()).extracting(RunComparison.Difference::where,
				(difference) -> difference.aspect().key(), RunComparison.Difference::actual)
			.containsExactly(tuple("step 4 invoke_agent billing-specialist", "outcome", "error"),
					tuple("the run", "outcome", "error"), tuple("the run", "error", "java.lang.IllegalStateException"));
	}

	@Test
	void aNestedRunsStepsAreNamedAfterItsAgentAndOneItAddedIsWhereTheRunsPart() {
		AgentRunTrace recorded = TraceFixtures.loadResource(FIXTURE).lastRun();
		ObjectNode document = fixture();
		ObjectNode billing = span(document, "invoke_agent billing-specialist");
		ObjectNode chat = ((ArrayNode) document.get("spans")).addObject();
		chat.put("spanId", "f7a8b9c0d1e2f3a4")
			.put("parentSpanId", billing.get("spanId").asString())
			.put("depth", 3)
			.put("name", "chat gpt-4o-mini")
			.put("kind", "CLIENT")
			.put("startTime", "2026-11-21T10:15:31.500Z")
			.put("offsetNanos", billing.get("offsetNanos").asLong() + 1_000_000L)
			.put("durationNanos", 1_000_000L)
			.put("status", "UNSET");
		chat.putArray("attributes").addObject().put("key", "gen_ai.operation.name").put("type", "string").put("value",
				"chat");
		chat.putArray("events");
		chat.putArray("cutAttributes");
		AgentRunTrace withNestedChat = TraceFixtures.parse(document.toString()).lastRun();

		assertThat(RunComparison.stepsOf(withNestedChat)).extracting(RunComparison.Step::toString,
				RunComparison.Step::depth)
			.containsExactly(tuple("1 chat gpt-4o", 0), tuple("2 execute_tool lookupCustomer", 0),
					tuple("3 execute_tool escalateToBilling", 0), tuple("4 invoke_agent billing-specialist", 0),
					tuple("5 billing-specialist › chat gpt-4o-mini", 1), tuple("6 chat gpt-4o", 0));
		assertThatRun(withNestedChat).comparedTo(recorded)
			.partsAt(5)
			.partsAt("billing-specialist › chat gpt-4o-mini")
			.partsAt("chat gpt-4o-mini")
			.partsAt("chat")
			.differsOnlyIn(Aspect.STEPS);
		assertThat(RunComparison.of(recorded, withNestedChat).report()).contains("""
				  = 4 invoke_agent billing-specialist | 4 invoke_agent billing-specialist
				  +                                   | 5 billing-specialist › chat gpt-4o-mini   (step)   <- the runs part here
				  = 5 chat gpt-4o                     | 6 chat gpt-4o
				""");
		// The other way round, the step is one the actual run left out.
		assertThat(RunComparison.of(withNestedChat, recorded).report()).contains(
				"  - 5 billing-specialist › chat gpt-4o-mini |    (step)   <- the runs part here\n");
	}

	@Test
	void theTestingGuidesExampleHolds() {
		this.model.script(
				toolCalls("resp-1", 120, 20, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"EUR\"}")),
				answer("resp-2", "The Pro plan costs 49 EUR a month.", "STOP", 160, 12));
		this.agent.handle("How much is the Pro plan in EUR?");
		AgentRunTrace euros = this.traces.lastRun();

		this.model.script(
				toolCalls("resp-3", 120, 20, call("call-2", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				answer("resp-4", "The Pro plan costs 4,900 JPY a month.", "STOP", 160, 14));
		this.agent.handle("How much is the Pro plan in JPY?");

		assertThatRun(this.traces.lastRun()).comparedTo(euros)
			.partsAt("chat")
			.differsOnlyIn(Aspect.TOOL_CALLS, Aspect.ARGUMENTS, Aspect.RESULT, Aspect.ANSWER, Aspect.TOKENS,
					Aspect.FINDINGS)
			.ignoringContent()
			.ignoringTokens()
			.ignoring(Aspect.FINDINGS)
			.isSameRun();
	}

	private AgentRunTrace pricingRun(String currency, String result, String responseId, String callId,
			int inputTokens) {
		String answerText = result.equals("{}") && currency.equals("JPY") ? "The Pro plan costs 4,900 JPY."
				: "The Pro plan costs 49 EUR.";
		this.model.script(
				toolCalls(responseId, inputTokens, 20,
						call(callId, "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"" + currency + "\"}")),
				answer(responseId + "-final", answerText, "STOP", 150, 100));
		this.agent.handle("How much is the Pro plan in " + currency + "?");
		return this.traces.lastRun();
	}

	private static ObjectNode fixture() {
		JsonNode document = TraceSnapshot.JSON.readTree(TraceFixtures.class.getClassLoader().getResourceAsStream(FIXTURE));
		return (ObjectNode) document;
	}

	private static ObjectNode span(ObjectNode document, String name) {
		for (JsonNode span : document.get("spans")) {
			if (span.get("name").asString().equals(name)) {
				return (ObjectNode) span;
			}
		}
		throw new IllegalArgumentException("No span " + name);
	}

	private static ObjectNode attribute(ObjectNode span, String key) {
		for (JsonNode attribute : span.get("attributes")) {
			if (attribute.get("key").asString().equals(key)) {
				return (ObjectNode) attribute;
			}
		}
		throw new IllegalArgumentException("No attribute " + key);
	}

}
