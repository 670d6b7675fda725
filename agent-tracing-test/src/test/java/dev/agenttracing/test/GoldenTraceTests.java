package dev.agenttracing.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

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
 * Golden traces: a run written as a normalised snapshot, later runs compared with it.
 */
@SpringBootTest(classes = SupportDeskApplication.class, properties = SupportDeskApplication.NO_PROVIDER)
@AgentTracingTest
class GoldenTraceTests {

	@Autowired
	AgentTraces traces;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Test
	void committedGoldenTraceMatchesTheRun() {
		runPricingQuestion("EUR");

		assertThatRun(this.traces.lastRun()).succeeded().matchesGolden("pricing-and-refund");
	}

	@Test
	void goldenTraceWrittenInUpdateModeMatchesALaterRunWithOtherIdsAndTimes(@TempDir Path directory) {
		runPricingQuestion("EUR");
		AgentRunTrace first = this.traces.lastRun();
		GoldenTraces.in(directory).updating(true).assertMatches(first, "pricing");
		this.traces.reset();

		runPricingQuestion("EUR");
		AgentRunTrace second = this.traces.lastRun();

		assertThat(second.span().getTraceId()).isNotEqualTo(first.span().getTraceId());
		assertThat(second.runId()).isNotEqualTo(first.runId());
		assertThat(directory.resolve("pricing.json")).isRegularFile();
		GoldenTraces.in(directory).updating(false).assertMatches(second, "pricing");
	}

	@Test
	void runThatChangedFailsWithAUnifiedDiffAgainstItsGoldenTrace(@TempDir Path directory) {
		runPricingQuestion("EUR");
		GoldenTraces.in(directory).updating(true).assertMatches(this.traces.lastRun(), "pricing.json");
		this.traces.reset();

		runPricingQuestion("JPY");
		AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
				() -> GoldenTraces.in(directory).updating(false).assertMatches(this.traces.lastRun(), "pricing.json"));

		assertThat(error.getMessage())
			.contains("Run support-router differs from its golden trace " + directory.resolve("pricing.json"))
			.contains("(run with -Dagent-tracing.golden.update=true to accept the change)")
			.contains("--- golden " + directory.resolve("pricing.json"))
			.contains("+++ actual run support-router")
			.containsPattern("@@ -\\d+,\\d+ \\+\\d+,\\d+ @@")
			.contains("-      \"gen_ai.tool.call.arguments\" : \"{\\\"plan\\\":\\\"pro\\\",\\\"currency\\\":\\\"EUR\\\"}\",")
			.contains("+      \"gen_ai.tool.call.arguments\" : \"{\\\"plan\\\":\\\"pro\\\",\\\"currency\\\":\\\"JPY\\\"}\",")
			.contains("+      \"gen_ai.tool.call.result\" : \"{}\",")
			.contains("The run:\ninvoke_agent support-router [INTERNAL]");
		assertThat(error.isExpectedDefined()).isTrue();
		assertThat(error.getActual().getStringRepresentation()).contains("JPY");
	}

	@Test
	void missingGoldenTraceFailsAndShowsTheSnapshotToWrite(@TempDir Path directory) {
		runPricingQuestion("EUR");

		AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
				() -> GoldenTraces.in(directory).updating(false).assertMatches(this.traces.lastRun(), "new-behaviour"));

		assertThat(error.getMessage()).startsWith("No golden trace at " + directory.resolve("new-behaviour.json"))
			.contains("Run the test with -Dagent-tracing.golden.update=true to write it from this run:")
			.contains("\"name\" : \"invoke_agent support-router\"");
		assertThat(directory.resolve("new-behaviour.json")).doesNotExist();
	}

	@Test
	void snapshotReplacesIdsByPlaceholdersSharedWhereTheValuesAreShared() {
		runPricingQuestion("EUR");

		String json = TraceSnapshot.of(this.traces.lastRun()).json();

		assertThat(json).doesNotContain("traceId", "spanId", "EpochNanos", "exception.stacktrace",
				this.traces.lastRun().runId());
		// the billing sub-agent runs in its caller's workflow: same placeholder
		assertThat(json.split("\"workflow.run_id\" : \"<workflow.run_id #1>\"", -1)).hasSize(3);
		assertThat(json).contains("\"gen_ai.response.id\" : \"<gen_ai.response.id #1>\"",
				"\"gen_ai.response.id\" : \"<gen_ai.response.id #3>\"", "\"gen_ai.tool.call.id\" : \"<gen_ai.tool.call.id #2>\"");
		// tool call ids quoted in the captured messages are replaced too
		assertThat(json).contains("\\\"id\\\":\\\"<gen_ai.tool.call.id #2>\\\",\\\"name\\\":\\\"lookupPricing\\\"")
			.doesNotContain("call-2", "resp-3");
	}

	@Test
	void snapshotKeepsTheJsonTypeOfEachAttribute() {
		runPricingQuestion("EUR");

		String json = TraceSnapshot.of(this.traces.lastRun()).json();

		assertThat(json).contains("\"agent.model_calls\" : 3,", "\"gen_ai.response.finish_reasons\" : [ \"tool_call\" ]",
				"\"agent.outcome\" : \"success\"", "\"kind\" : \"CLIENT\"", "\"status\" : \"UNSET\"");
	}

	@Test
	void toolsOfferedToTheModelAreListedByNameWhateverOrderReflectionGaveThem() {
		runPricingQuestion("EUR");

		String json = TraceSnapshot.of(this.traces.lastRun()).json();

		String definitions = json.lines()
			.filter((line) -> line.contains("\"gen_ai.tool.definitions\""))
			.findFirst()
			.orElseThrow();
		assertThat(definitions).containsSubsequence("escalateToBilling", "fileTicket", "lookupCustomer", "lookupPricing");
	}

	@Test
	void rulesLeaveOutAttributesByKeyOrPrefixAndReplaceMoreIds() {
		runPricingQuestion("EUR");
		SnapshotRules rules = SnapshotRules.defaults()
			.ignoringAttributes("gen_ai.usage.*", "gen_ai.tool.description")
			.replacingIds("gen_ai.tool.call.arguments");

		String json = TraceSnapshot.of(this.traces.lastRun(), rules).json();

		assertThat(json).doesNotContain("gen_ai.usage.", "gen_ai.tool.description")
			.contains("\"gen_ai.tool.call.arguments\" : \"<gen_ai.tool.call.arguments #1>\"");
		assertThat(TraceSnapshot.of(this.traces.lastRun()).json()).contains("gen_ai.usage.input_tokens");
	}

	@Test
	void snapshotReadBackFromItsJsonEqualsTheSnapshot() {
		runPricingQuestion("EUR");
		TraceSnapshot snapshot = TraceSnapshot.of(this.traces.lastRun());

		assertThat(TraceSnapshot.parse(snapshot.json().replace("\n", "\r\n").replace(" : ", ":"))).isEqualTo(snapshot);
	}

	@Test
	void updateModeIsAskedForBySystemPropertyOrEnvironmentVariable() throws Exception {
		Map<String, String> none = Map.of();
		assertThat(GoldenTraces.updateRequested(none::get, none::get)).isFalse();
		assertThat(GoldenTraces.updateRequested(Map.of("agent-tracing.golden.update", "true")::get, none::get))
			.isTrue();
		assertThat(GoldenTraces.updateRequested(Map.of("agent-tracing.golden.update", "")::get, none::get)).isTrue();
		assertThat(GoldenTraces.updateRequested(Map.of("agent-tracing.golden.update", "false")::get,
				Map.of("AGENT_TRACING_GOLDEN_UPDATE", "true")::get))
			.isFalse();
		assertThat(GoldenTraces.updateRequested(none::get, Map.of("AGENT_TRACING_GOLDEN_UPDATE", "TRUE")::get))
			.isTrue();
		assertThat(Files.readString(GoldenTraces.standard().file("pricing-and-refund"))).endsWith("}\n");
	}

	private void runPricingQuestion(String currency) {
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupCustomer", "{\"customerId\":\"c-42\"}"),
						call("call-2", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"" + currency + "\"}")),
				toolCalls("resp-2", 150, 10, call("call-3", "escalateToBilling", "{\"question\":\"refund?\"}")),
				answer("resp-3", "The Pro plan costs 49 EUR; billing will refund you.", "STOP", 200, 30));
		this.agent.handle("How much is the Pro plan in " + currency + "? And I want a refund.");
	}

}
