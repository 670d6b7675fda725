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

import dev.agenttracing.redaction.TrafficCorpus.Item;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures the README reports: on {@link TrafficCorpus}, the default redactor (JSON
 * with {@code redactJson}, the rest with {@code redactText}) removes at least 99% of the
 * values of every type, and changes at most 1% of the near-miss texts. A value counts as
 * removed when no eight characters of it in a row (the whole value when shorter) are
 * left, so a value cut in two or redacted from its second character on is a miss. The
 * table is written to {@code target/redaction-traffic-report.md}.
 */
class TrafficCorpusTests {

	private static final long SEED = 20_261_202L;

	private static final double MIN_RECALL = 0.99;

	private static final double MAX_FALSE_POSITIVE_RATE = 0.01;

	private static final int WINDOW = 8;

	private static final Path REPORT = Path.of("target", "redaction-traffic-report.md");

	private final Redactor redactor = DefaultRedactor.create(RedactionConfig.defaults());

	@Test
	void everyTypeIsRemovedAndNearMissesAreLeftAlone() throws IOException {
		List<Item> items = TrafficCorpus.generate(SEED);
		Map<String, Score> scores = new LinkedHashMap<>();
		for (BuiltInDetector detector : BuiltInDetector.values()) {
			scores.put(detector.detectorName(), new Score());
		}
		int negatives = 0;
		int changedNegatives = 0;
		Map<String, Integer> falsePositivesByDetector = new LinkedHashMap<>();
		List<String> falsePositives = new ArrayList<>();
		for (Item item : items) {
			RedactionResult result = item.json() ? this.redactor.redactJson(item.text())
					: this.redactor.redactText(item.text());
			if (item.positive()) {
				Score score = scores.get(item.type());
				score.positives++;
				if (removed(item.text(), item.secret(), result.value())) {
					score.removed++;
					score.named += result.counts().containsKey(item.type()) ? 1 : 0;
				}
				else {
					score.misses.add(item.text() + "\n    -> " + result.value());
				}
			}
			else {
				negatives++;
				if (result.total() > 0) {
					changedNegatives++;
					result.counts().keySet().forEach((name) -> falsePositivesByDetector.merge(name, 1, Integer::sum));
					falsePositives.add(item.text() + "\n    -> " + result.value());
				}
			}
		}
		writeReport(scores, negatives, changedNegatives, falsePositivesByDetector);

		assertThat(items.stream().filter(Item::positive).count()).isGreaterThanOrEqualTo(2_600);
		assertThat(negatives).isGreaterThanOrEqualTo(1_200);
		for (Map.Entry<String, Score> entry : scores.entrySet()) {
			assertThat(entry.getValue().recall()).as("recall of %s, misses:%n%s", entry.getKey(),
					String.join("\n", entry.getValue().misses)).isGreaterThanOrEqualTo(MIN_RECALL);
		}
		assertThat(changedNegatives / (double) negatives)
			.as("near misses changed:%n%s", String.join("\n", falsePositives))
			.isLessThanOrEqualTo(MAX_FALSE_POSITIVE_RATE);
	}

	@Test
	void jsonRedactedAsTextLosesTheSameValuesAndKeepsTheSameNearMisses() {
		List<String> disagreements = new ArrayList<>();
		int json = 0;
		for (Item item : TrafficCorpus.generate(SEED)) {
			if (!item.json()) {
				continue;
			}
			json++;
			RedactionResult asText = this.redactor.redactText(item.text());
			boolean agrees = item.positive() ? removed(item.text(), item.secret(), asText.value())
					: asText.total() == 0;
			if (!agrees) {
				disagreements.add(item.text() + "\n    -> " + asText.value());
			}
		}
		assertThat(json).isGreaterThanOrEqualTo(500);
		assertThat(disagreements).as("JSON items that redactText treats otherwise than redactJson").isEmpty();
	}

	/**
	 * No {@value #WINDOW} characters of the value in a row survive (more often than the
	 * rest of the text has them).
	 */
	static boolean removed(String text, String secret, String output) {
		String rest = text.replace(secret, " ");
		if (secret.length() <= WINDOW) {
			return count(output, secret) <= count(rest, secret);
		}
		for (int i = 0; i + WINDOW <= secret.length(); i++) {
			String window = secret.substring(i, i + WINDOW);
			if (count(output, window) > count(rest, window)) {
				return false;
			}
		}
		return true;
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

	private static void writeReport(Map<String, Score> scores, int negatives, int changedNegatives,
			Map<String, Integer> falsePositivesByDetector) throws IOException {
		StringBuilder report = new StringBuilder();
		report.append("| Detector | Values | Recall (removed) | Named by this detector | Near misses it changed (of ")
			.append(negatives)
			.append(") |\n|---|---:|---:|---:|---:|\n");
		int positives = 0;
		int removed = 0;
		for (Map.Entry<String, Score> entry : scores.entrySet()) {
			Score score = entry.getValue();
			report.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %d |%n", entry.getKey(), score.positives,
					score.recall(), score.named / (double) score.positives,
					falsePositivesByDetector.getOrDefault(entry.getKey(), 0)));
			positives += score.positives;
			removed += score.removed;
		}
		report.append(String.format(Locale.ROOT, "| **all** | %d | %.3f | | %d (%.2f%%) |%n", positives,
				removed / (double) positives, changedNegatives, 100.0 * changedNegatives / negatives));
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, report.toString(), StandardCharsets.UTF_8);
		System.out.println(report);
	}

	private static final class Score {

		int positives;

		int removed;

		int named;

		final List<String> misses = new ArrayList<>();

		double recall() {
			return this.removed / (double) this.positives;
		}

	}

}
