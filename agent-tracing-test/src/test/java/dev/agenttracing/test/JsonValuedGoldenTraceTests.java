package dev.agenttracing.test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Golden traces of runs whose attributes hold JSON: compared as JSON, key order never
 * matters (in the snapshot, in a tool result, in a tool result quoted as a string inside
 * the next model call's messages), array order does, and a difference is shown by its JSON
 * path.
 */
class JsonValuedGoldenTraceTests {

	/** The JVMs forked to compare a run whose tool returns a {@code Map.of} with its golden trace. */
	private static final int FRESH_JVMS = 20;

	private static final String ARGUMENTS = "{\"amount\":350,\"from\":\"EUR\",\"to\":\"JPY\"}";

	private static final String RESULT = "{\"amount\":56455.0,\"currency\":\"JPY\",\"rate\":161.3,\"from\":\"EUR\","
			+ "\"source\":\"ecb\",\"asOf\":\"2026-12-01\"}";

	/** The same result, its keys in another order, as another JVM serialises the same Map.of. */
	private static final String RESULT_REORDERED = "{\"asOf\":\"2026-12-01\",\"source\":\"ecb\",\"from\":\"EUR\","
			+ "\"rate\":161.3,\"currency\":\"JPY\",\"amount\":56455.0}";

	@Test
	void runWhoseJsonValuesCameInAnotherKeyOrderMatchesItsGoldenTrace(@TempDir Path directory) {
		GoldenTraces golden = GoldenTraces.in(directory).reportingTo((line) -> { });
		golden.updating(true).assertMatches(MapResultRun.run(ARGUMENTS, RESULT), "travel");

		AgentRunTrace reordered = MapResultRun.run("{\"to\":\"JPY\",\"from\":\"EUR\",\"amount\":350}",
				RESULT_REORDERED);

		assertThat(TraceSnapshot.of(reordered).json()).isNotEqualTo(TraceSnapshot.of(MapResultRun.run(ARGUMENTS, RESULT)).json())
			.contains("{\\\"asOf\\\":\\\"2026-12-01\\\"");
		assertThat(TraceSnapshot.of(reordered)).isEqualTo(TraceSnapshot.of(MapResultRun.run(ARGUMENTS, RESULT)))
			.hasSameHashCodeAs(TraceSnapshot.of(MapResultRun.run(ARGUMENTS, RESULT)));
		golden.updating(false).assertMatches(reordered, "travel");
	}

	@Test
	void everyKeyOrderOfTheToolResultMatchesOneGoldenTrace(@TempDir Path directory) {
		GoldenTraces golden = GoldenTraces.in(directory).reportingTo((line) -> { });
		golden.updating(true).assertMatches(MapResultRun.run(ARGUMENTS, RESULT), "travel");
		List<String> keys = List.of("\"amount\":56455.0", "\"currency\":\"JPY\"", "\"rate\":161.3", "\"from\":\"EUR\"",
				"\"source\":\"ecb\"", "\"asOf\":\"2026-12-01\"");

		// Every rotation of the keys, both ways round: the orders a salted Map.of iterates in.
		Set<String> results = new LinkedHashSet<>();
		for (int start = 0; start < keys.size(); start++) {
			List<String> forward = new ArrayList<>();
			List<String> backward = new ArrayList<>();
			for (int i = 0; i < keys.size(); i++) {
				forward.add(keys.get((start + i) % keys.size()));
				backward.add(keys.get(Math.floorMod(start - i, keys.size())));
			}
			results.add("{" + String.join(",", forward) + "}");
			results.add("{" + String.join(",", backward) + "}");
		}

		assertThat(results).hasSize(12);
		for (String result : results) {
			golden.updating(false).assertMatches(MapResultRun.run(ARGUMENTS, result), "travel");
		}
	}

	@Test
	void jsonHeldInAStringInsideCapturedMessagesIsComparedAsJson() {
		String messages = "[{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call-1\","
				+ "\"response\":\"{\\\"amount\\\":1,\\\"currency\\\":\\\"JPY\\\"}\"}]}]";
		String reordered = "[{\"parts\":[{\"response\":\"{\\\"currency\\\":\\\"JPY\\\",\\\"amount\\\":1}\","
				+ "\"id\":\"call-1\",\"type\":\"tool_call_response\"}],\"role\":\"tool\"}]";
		String otherAmount = "[{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call-1\","
				+ "\"response\":\"{\\\"amount\\\":2,\\\"currency\\\":\\\"JPY\\\"}\"}]}]";

		assertThat(TraceSnapshot.of(MapResultRun.run(ARGUMENTS, RESULT, reordered)))
			.isEqualTo(TraceSnapshot.of(MapResultRun.run(ARGUMENTS, RESULT, messages)));
		assertThat(TraceSnapshot.of(MapResultRun.run(ARGUMENTS, RESULT, otherAmount)))
			.isNotEqualTo(TraceSnapshot.of(MapResultRun.run(ARGUMENTS, RESULT, messages)));
	}

	@Test
	void arrayOrderStillMatters(@TempDir Path directory) {
		GoldenTraces golden = GoldenTraces.in(directory).reportingTo((line) -> { });
		golden.updating(true).assertMatches(MapResultRun.run(ARGUMENTS, "[\"JPY\",\"EUR\"]"), "travel");

		AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
				() -> golden.updating(false).assertMatches(MapResultRun.run(ARGUMENTS, "[\"EUR\",\"JPY\"]"), "travel"));

		assertThat(error.getMessage()).contains(
				"$.children[1]{execute_tool convertCurrency}.attributes['gen_ai.tool.call.result'] -> $[0]: "
						+ "expected \"JPY\" but was \"EUR\"");
	}

	@Test
	void differenceInsideALongJsonValueIsShownByItsPathAndTheLongLinesAreCut(@TempDir Path directory) {
		GoldenTraces golden = GoldenTraces.in(directory).reportingTo((line) -> { });
		golden.updating(true).assertMatches(MapResultRun.run(ARGUMENTS, RESULT), "travel");
		String changed = RESULT_REORDERED.replace("56455.0", "56455.5");

		AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
				() -> golden.updating(false).assertMatches(MapResultRun.run(ARGUMENTS, changed), "travel"));

		String diff = error.getMessage()
			.substring(error.getMessage().indexOf("--- golden"), error.getMessage().indexOf("\nThe run:"));
		assertThat(error.getMessage())
			.contains("Where it differs (JSON paths; -> goes into JSON held in a string; key order never matters):")
			.contains("$.children[1]{execute_tool convertCurrency}.attributes['gen_ai.tool.call.result'] -> $.amount: "
					+ "expected 56455.0 but was 56455.5")
			.contains("$.children[2]{chat travel-model}.attributes['gen_ai.input.messages'] -> $[2].parts[0].response "
					+ "-> $.amount: expected 56455.0 but was 56455.5");
		assertThat(diff)
			// only the changed value differs in the diff: the reordered keys are shown in the golden order
			.contains("+      \"gen_ai.tool.call.result\" : \"{\\\"amount\\\":56455.5,\\\"currency\\\":\\\"JPY\\\"")
			.doesNotContain("asOf\\\":\\\"2026-12-01\\\",\\\"source");
		String inputMessagesLine = diff.lines()
			.filter((line) -> line.startsWith("+") && line.contains("gen_ai.input.messages"))
			.findFirst()
			.orElseThrow();
		assertThat(inputMessagesLine).contains("56455.5").contains(" characters)");
		assertThat(inputMessagesLine.length()).isLessThan(300);
		assertThat(error.getActual().getStringRepresentation()).contains("56455.5");
	}

	@Test
	void updateModeSaysWhichFileItWroteAndLeavesAFileOfTheSameJsonAsItIs(@TempDir Path directory) throws Exception {
		List<String> said = new ArrayList<>();
		GoldenTraces golden = GoldenTraces.in(directory).updating(true).reportingTo(said::add);
		Path file = directory.resolve("travel.json");

		golden.assertMatches(MapResultRun.run(ARGUMENTS, RESULT), "travel");
		String written = java.nio.file.Files.readString(file);
		golden.assertMatches(MapResultRun.run(ARGUMENTS, RESULT_REORDERED), "travel");
		golden.assertMatches(MapResultRun.run(ARGUMENTS, "{}"), "travel");

		assertThat(said).containsExactly(
				"Wrote golden trace " + file.toAbsolutePath()
						+ " from run travel-assistant (agent-tracing.golden.update=true): review it and commit it with the test",
				"Golden trace " + file.toAbsolutePath()
						+ " left as it is: run travel-assistant is the same JSON (agent-tracing.golden.update=true)",
				"Wrote golden trace " + file.toAbsolutePath()
						+ " from run travel-assistant (agent-tracing.golden.update=true): review it and commit it with the test");
		assertThat(written).contains("56455.0");
	}

	/**
	 * The test: a golden trace of a run whose tool returns a {@code Map.of} passes in
	 * every fresh JVM, although the JVMs serialise the map's keys in different orders.
	 */
	@Test
	void goldenTraceOfAToolReturningAMapPassesInTwentyFreshJvmsOutOfTwenty(@TempDir Path directory)
			throws Exception {
		GoldenTraces.in(directory).updating(true).reportingTo((line) -> { }).assertMatches(MapResultRun.run(),
				MapResultRun.GOLDEN_NAME);
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

		Set<String> resultsSeen = new LinkedHashSet<>();
		List<String> failures = new ArrayList<>();
		for (int jvm = 0; jvm < FRESH_JVMS; jvm++) {
			Process process = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath,
					MapResultRun.class.getName(), directory.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("JVM %d ended", jvm).isTrue();
			output.lines().filter((line) -> line.startsWith("RESULT ")).forEach(resultsSeen::add);
			if (process.exitValue() != 0) {
				failures.add("JVM " + jvm + " exited with " + process.exitValue() + ":\n" + output);
			}
		}

		assertThat(failures).isEmpty();
		// The forks really did serialise the map in more than one order: without that, this test could not fail.
		assertThat(resultsSeen).hasSizeGreaterThan(1);
	}

}
