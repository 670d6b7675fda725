package dev.agenttracing.redaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.agenttracing.redaction.RedactionCorpus.Item;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures every built-in detector on the generated corpus and writes the table the README
 * reports to {@code target/redaction-report.md}.
 */
class RedactionCorpusTests {

	private static final long SEED = 20_240_917L;

	private static final double MIN_RECALL = 0.95;

	private static final double MAX_FALSE_POSITIVE_RATE = 0.02;

	private static final Path REPORT = Path.of("target", "redaction-report.md");

	private final Redactor redactor = DefaultRedactor.create(RedactionConfig.defaults());

	@Test
	void everyDetectorFindsItsValuesAndLeavesOrdinarySentencesAlone() throws IOException {
		List<Item> items = RedactionCorpus.generate(SEED);
		Map<String, Score> scores = new LinkedHashMap<>();
		for (BuiltInDetector detector : BuiltInDetector.values()) {
			scores.put(detector.detectorName(), new Score());
		}
		int negatives = 0;
		for (Item item : items) {
			RedactionResult result = this.redactor.redactText(item.text());
			if (item.positive()) {
				Score score = scores.get(item.detector());
				score.positives++;
				boolean removed = !result.value().contains(item.secret());
				boolean named = result.value().contains("[REDACTED:" + item.detector() + "]");
				score.removed += removed ? 1 : 0;
				score.found += (removed && named) ? 1 : 0;
				if (!(removed && named)) {
					score.misses.add(item.text() + "  ->  " + result.value());
				}
				for (String name : result.counts().keySet()) {
					if (!name.equals(item.detector())) {
						scores.get(name).otherFires++;
					}
				}
			}
			else {
				negatives++;
				for (String name : result.counts().keySet()) {
					Score score = scores.get(name);
					score.falsePositives++;
					score.misses.add("FP: " + item.text() + "  ->  " + result.value());
				}
			}
		}
		writeReport(scores, negatives);

		assertThat(items.stream().filter(Item::positive).count()).isGreaterThanOrEqualTo(500);
		assertThat(negatives).isGreaterThanOrEqualTo(200);
		for (Map.Entry<String, Score> entry : scores.entrySet()) {
			Score score = entry.getValue();
			assertThat(score.recall()).as("recall of %s, misses: %s", entry.getKey(), score.misses)
				.isGreaterThanOrEqualTo(MIN_RECALL);
			assertThat(score.falsePositiveRate(negatives))
				.as("false-positive rate of %s, hits: %s", entry.getKey(), score.misses)
				.isLessThanOrEqualTo(MAX_FALSE_POSITIVE_RATE);
		}
	}

	private static void writeReport(Map<String, Score> scores, int negatives) throws IOException {
		StringBuilder report = new StringBuilder();
		report.append("| Detector | Positives | Recall (found, right name) | Value removed | False positives on ")
			.append(negatives)
			.append(" negatives | Fires on other detectors' positives |\n");
		report.append("|---|---:|---:|---:|---:|---:|\n");
		int positives = 0;
		int found = 0;
		int removed = 0;
		int falsePositives = 0;
		int otherFires = 0;
		for (Map.Entry<String, Score> entry : scores.entrySet()) {
			Score score = entry.getValue();
			report.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %d (%.3f) | %d |%n", entry.getKey(),
					score.positives, score.recall(), score.removed / (double) score.positives, score.falsePositives,
					score.falsePositiveRate(negatives), score.otherFires));
			positives += score.positives;
			found += score.found;
			removed += score.removed;
			falsePositives += score.falsePositives;
			otherFires += score.otherFires;
		}
		report.append(String.format(Locale.ROOT, "| **all** | %d | %.3f | %.3f | %d | %d |%n", positives,
				found / (double) positives, removed / (double) positives, falsePositives, otherFires));
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, report.toString(), StandardCharsets.UTF_8);
	}

	private static final class Score {

		int positives;

		int found;

		int removed;

		int falsePositives;

		int otherFires;

		final List<String> misses = new ArrayList<>();

		double recall() {
			return this.found / (double) this.positives;
		}

		double falsePositiveRate(int negatives) {
			return this.falsePositives / (double) negatives;
		}

	}

}
