package dev.agenttracing.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTests {

	@Test
	void changedLineIsARemovalThenAnAdditionWithThreeLinesOfContext() {
		List<String> expected = List.of("a", "b", "c", "d", "e", "f", "g", "h");
		List<String> actual = List.of("a", "b", "c", "d", "E", "f", "g", "h");

		assertThat(LineDiff.unified("golden", expected, "actual", actual)).isEqualTo("""
				--- golden
				+++ actual
				@@ -2,7 +2,7 @@
				 b
				 c
				 d
				-e
				+E
				 f
				 g
				 h
				""");
	}

	@Test
	void distantChangesAreSeparateHunksAndInsertionsShiftTheLineNumbers() {
		List<String> expected = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
		List<String> actual = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");

		assertThat(LineDiff.unified("golden", expected, "actual", actual)).isEqualTo("""
				--- golden
				+++ actual
				@@ -1,3 +1,4 @@
				+0
				 1
				 2
				 3
				@@ -9,4 +10,3 @@
				 9
				 10
				 11
				-12
				""");
	}

	@Test
	void longChangedLineIsCutToItsStartAndThePartAroundItsChange() {
		String golden = "x".repeat(100) + "\"amount\":49" + "y".repeat(300);
		String run = "x".repeat(100) + "\"amount\":45" + "y".repeat(300);

		String diff = LineDiff.unified("golden", List.of("a", golden), "actual", List.of("a", run));

		String added = diff.lines().filter((line) -> line.startsWith("+") && !line.startsWith("+++")).findFirst().orElseThrow();
		assertThat(added).isEqualTo("+" + "x".repeat(40) + "...(10 characters)..." + "x".repeat(50) + "\"amount\":45"
				+ "y".repeat(60) + "...(240 characters)");
		assertThat(diff).contains("-" + "x".repeat(40) + "...(10 characters)..." + "x".repeat(50) + "\"amount\":49");
		assertThat(LineDiff.cut("short", "other")).isEqualTo("short");
		assertThat(LineDiff.cut("z".repeat(250), null)).isEqualTo("z".repeat(200) + "... (50 more characters)");
	}

}
