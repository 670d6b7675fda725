package dev.agenttracing.redaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The built-in detectors, which run their patterns only on windows around triggers, find
 * exactly what their patterns find running over the whole text: on the labelled corpus,
 * on chat traffic, and on random text made of the pieces the patterns and triggers care
 * about (keywords, separators, digits, quotes, folded letters such as long s).
 */
class TriggeredDetectorTests {

	private static final String[] PIECES = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "00", "12", "123",
			"555", "4111", "1111", "2024", "a", "e", "f", "A", "F", "s", "S", "k", "x", "y", "J", "Z", "q", "B", " ",
			" ", " ", "  ", "\t", "\n", "\r\n", ".", "-", "_", ":", "/", "@", "+", "(", ")", "=", "\"", "'", "\\", "#",
			"<", ">", ",", ";", "%", "~", "?", "\u017F", "\u212A", "\u00E9", "\uD83D\uDE00", "password", "PASSWORD",
			"Pass", "passwd", "pwd", "secret", "Secret", "token", "Token", "key", "KEY", "pin", "PIN", "api_", "db_",
			"client_", "spring.datasource.", "is", "was", "IS", " is ", " was ", "bearer", "Bearer ", "BEARER\t",
			"eyJ", "eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "dozjgNryP4J3jVmNHl0w5N_XgL0", "sk-",
			"sk-ant-", "sk-proj-", "sk_live_", "sk_test_", "rk_live_", "AKIA", "ASIA", "ACCA", "ghp_", "gho_",
			"github_pat_", "AIza", "xoxb-", "xox", "abcdefghij", "ABCDEFGHIJKLMNOP", "0123456789", "-----BEGIN ",
			"-----BEGIN RSA PRIVATE KEY-----", "PRIVATE KEY-----", "PRIVATE KEY BLOCK-----", "RSA ", "-----END ",
			"-----END RSA PRIVATE KEY-----", " BLOCK", "MIIEow", "\\n", "\\t", "\\\"", "://", "https", "postgres",
			"user:", "p4ss", "my password is ", "the PIN was ", "Summer2024!", "ssn", "SSN", "social security number is ", "Social Security No. ", "ssn: ", "SSN #", "123456789",
			"078051120", "\u017F\u017Fn", "social security", "Social Security", " number", " no.",
			"no", "DE89", "GB82", "WEST", "3704", "0044", "0532", "0130", "+44", "+1", "(555)", "(0)20", "+4420", " 1 2 3 4 5 6", "555 123-4567", "555.123 4567", "555-123-4567",
			"(555) 123-4567", "020 7946 0958", "0044 20 ", "2001",
			"db8", "::", "ffff", "fe80", "192.168.", "10.0.0.", "255", "256", "version ", "build ", "firmware ",
			"2001:db8:85a3:0:0:8a2e:370:7334", "0:0:0:0:0:ffff:", "1:2:3:4:5:6:", "::1", "::ffff:10.0.0.1",
			"192.168.1.10", "8.8.8.8", "00:1a:2b:3c:4d:5e", "12:30:45", "@example.com", "john.doe", "o'brien", "mail.example.org", ".com", "localhost", "?", "&", "*", "!", "$" };

	@Test
	void findTheSameValuesAsTheirPatternsOverTheWholeText() {
		List<String> texts = new ArrayList<>();
		List<String> positives = new ArrayList<>();
		RedactionCorpus.generate(20_240_917L).forEach((item) -> {
			texts.add(item.text());
			if (item.positive()) {
				positives.add(item.text());
				positives.add(item.secret());
			}
		});
		texts.addAll(ChatCorpus.messages(5, 150_000, 0.03));
		texts.addAll(ChatCorpus.jsonConversations(6, 50_000, 0.03));
		Random random = new Random(11);
		for (int i = 0; i < 12_000; i++) {
			texts.add(randomText(random));
		}
		for (int i = 0; i < 15_000; i++) {
			texts.add(mutate(positives, random));
		}
		for (int i = 0; i < 300; i++) {
			// Long texts, so that windows of many values meet and merge.
			StringBuilder text = new StringBuilder();
			for (int j = 0; j < 20; j++) {
				text.append(randomText(random)).append(random.nextBoolean() ? " " : "");
			}
			texts.add(text.toString());
		}
		Map<String, List<String>> differences = new LinkedHashMap<>();
		Map<String, Integer> values = new LinkedHashMap<>();
		for (BuiltInDetector detector : BuiltInDetector.values()) {
			Detector triggered = BuiltInDetectors.create(detector);
			Detector fullScan = BuiltInDetectors.fullScan(detector);
			List<String> different = new ArrayList<>();
			int found = 0;
			for (String text : texts) {
				List<String> expected = find(fullScan, text);
				found += expected.size();
				List<String> actual = find(triggered, text);
				if (!actual.equals(expected) && different.size() < 5) {
					different.add(escape(text) + "\n    expected " + expected + "\n    actual   " + actual);
				}
			}
			if (!different.isEmpty()) {
				differences.put(detector.detectorName(), different);
			}
			values.put(detector.detectorName(), found);
		}
		assertThat(differences).as(() -> format(differences)).isEmpty();
		// Enough values of each kind for the comparison to mean something.
		assertThat(values).allSatisfy((name, found) -> assertThat(found).as(name).isGreaterThan(200));
	}

	@Test
	void findWindowsInLinearTimeOnAdversarialText() {
		Redactor redactor = DefaultRedactor.create(RedactionConfig.builder().maxInputChars(300_000).build());
		String[] adversarial = { "-----BEGIN PRIVATE KEY-----!".repeat(10_000),
				"-----BEGIN PRIVATE KEY-----!-----END CERTIFICATE-----".repeat(5_000), "eyJ.".repeat(60_000),
				"key=".repeat(60_000), "password: \"".repeat(25_000), "a@".repeat(100_000), "1 ".repeat(100_000),
				"1.1.1.1.".repeat(30_000), ":".repeat(200_000), "a:".repeat(100_000), "bearer ".repeat(30_000) + "x",
				"https://a:".repeat(20_000), "sk-".repeat(60_000), "DE89 ".repeat(50_000), "ssn ".repeat(50_000),
				"+1 ".repeat(60_000), "(555) ".repeat(30_000), "4111 ".repeat(50_000) };
		for (String text : adversarial) {
			assertTimeoutPreemptively(Duration.ofSeconds(10), () -> redactor.redactText(text),
					() -> "slow on " + escape(text.substring(0, 40)) + "...");
		}
	}

	private static List<String> find(Detector detector, String text) {
		List<String> found = new ArrayList<>();
		detector.detect(text, new TextScan(text), (start, end) -> found.add(start + "-" + end));
		return found;
	}

	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		int pieces = 1 + random.nextInt(30);
		for (int i = 0; i < pieces; i++) {
			text.append(PIECES[random.nextInt(PIECES.length)]);
		}
		return text.toString();
	}

	/** A value or a sentence with one, cut, changed, doubled or joined to another. */
	private static String mutate(List<String> positives, Random random) {
		StringBuilder text = new StringBuilder(positives.get(random.nextInt(positives.size())));
		int mutations = 1 + random.nextInt(3);
		for (int i = 0; i < mutations && text.length() > 0; i++) {
			int at = random.nextInt(text.length() + 1);
			switch (random.nextInt(6)) {
				case 0 -> text.insert(at, PIECES[random.nextInt(PIECES.length)]);
				case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(3)));
				case 2 -> text.replace(Math.min(at, text.length() - 1), Math.min(at, text.length() - 1) + 1,
						PIECES[random.nextInt(PIECES.length)]);
				case 3 -> text.insert(at, text.substring(random.nextInt(at + 1), at));
				case 4 -> text.append(random.nextBoolean() ? PIECES[random.nextInt(PIECES.length)] : "")
					.append(positives.get(random.nextInt(positives.size())));
				default -> text.setLength(at);
			}
		}
		return text.toString();
	}

	private static String format(Map<String, List<String>> differences) {
		StringBuilder message = new StringBuilder();
		differences.forEach((name, different) -> {
			message.append(name).append(":\n");
			different.forEach((difference) -> message.append("  ").append(difference).append('\n'));
		});
		return message.toString();
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
	}

}
