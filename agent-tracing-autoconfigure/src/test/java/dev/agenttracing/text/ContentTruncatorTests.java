package dev.agenttracing.text;

import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Truncation keeps JSON valid and every result within its limit, whatever the input.
 */
class ContentTruncatorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void contentWithinTheLimitIsKeptWhole() {
		ContentTruncator truncator = ContentTruncator.create(100);

		assertThat(truncator.truncateText("hello")).satisfies((result) -> {
			assertThat(result.value()).isEqualTo("hello");
			assertThat(result.truncated()).isFalse();
			assertThat(result.originalLength()).isEqualTo(5);
		});
		TruncatedContent json = truncator.truncateJson("[ {\"role\": \"user\", \"n\": 1.50e3, \"ok\": true} ]");
		assertThat(json.value()).isEqualTo("[{\"role\":\"user\",\"n\":1.50e3,\"ok\":true}]");
		assertThat(json.truncated()).isFalse();
	}

	@Test
	void longTextIsCutWithAMarkerAndNeverBetweenASurrogatePair() {
		ContentTruncator truncator = ContentTruncator.create(64);
		String emoji = "\uD83D\uDE00";
		String text = "a".repeat(51) + emoji + "b".repeat(100);

		TruncatedContent result = truncator.truncateText(text);

		assertThat(result.value()).isEqualTo("a".repeat(51) + ContentTruncator.TEXT_MARKER);
		assertThat(result.truncated()).isTrue();
		assertThat(result.originalLength()).isEqualTo(text.length());
	}

	@Test
	void loneSurrogatesAndControlCharactersAreReplaced() {
		ContentTruncator truncator = ContentTruncator.create(100);

		assertThat(truncator.truncateText("a\uD800b\uDC00c\u0000d\te\uD83D\uDE00").value())
			.isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\te\uD83D\uDE00");
		assertThat(parse(truncator.truncateJson("[\"\\uD800x\\u0001\", \"\\uD83D\\uDE00\"]").value()))
			.isEqualTo(parse("[\"\uFFFDx\uFFFD\", \"\uD83D\uDE00\"]"));
	}

	@Test
	void longStringsAreShortenedAlikeAndTheMessagesKept() {
		ContentTruncator truncator = ContentTruncator.create(600);
		String messages = "[" + message("user", "q".repeat(2_000)) + "," + message("assistant", "short answer") + ","
				+ message("user", "w".repeat(5_000)) + "]";

		TruncatedContent result = truncator.truncateJson(messages);

		assertThat(result.truncated()).isTrue();
		assertThat(result.value().length()).isLessThanOrEqualTo(600);
		JsonNode tree = parse(result.value());
		assertThat(tree).hasSize(3);
		String first = content(tree, 0);
		String third = content(tree, 2);
		assertThat(content(tree, 1)).isEqualTo("short answer");
		assertThat(first).startsWith("qqq").endsWith("\u2026");
		assertThat(third).startsWith("www").endsWith("\u2026");
		assertThat(first.length()).isEqualTo(third.length());
	}

	@Test
	void thousandsOfMessagesDropTrailingOnesBehindAMarker() {
		ContentTruncator truncator = ContentTruncator.create(4_000);
		StringBuilder messages = new StringBuilder("[");
		for (int i = 0; i < 5_000; i++) {
			messages.append((i > 0) ? "," : "").append(message((i % 2 == 0) ? "user" : "assistant", "message " + i));
		}
		messages.append("]");

		TruncatedContent result = truncator.truncateJson(messages.toString());

		assertThat(result.truncated()).isTrue();
		assertThat(result.value().length()).isLessThanOrEqualTo(4_000);
		JsonNode tree = parse(result.value());
		assertThat(content(tree, 0)).isEqualTo("message 0");
		assertThat(tree.get(tree.size() - 1).asString()).isEqualTo("[truncated]");
		assertThat(tree.size()).isGreaterThan(40);
	}

	@Test
	void valuesNestedTooDeepAreReplacedByAMarker() {
		ContentTruncator truncator = ContentTruncator.create(100_000, 8);
		String deep = "[".repeat(10_000) + "1" + "]".repeat(10_000);
		String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);

		TruncatedContent arrays = truncator.truncateJson(deep);
		TruncatedContent nested = truncator.truncateJson(objects);

		assertThat(arrays.value()).isEqualTo("[".repeat(8) + "\"[truncated: nested too deep]\"" + "]".repeat(8));
		assertThat(arrays.truncated()).isTrue();
		assertThat(parse(nested.value()).at("/a/a/a/a/a/a/a/a").asString()).isEqualTo("[truncated: nested too deep]");
	}

	@Test
	void deepNestingBeyondTheLimitStillGivesValidJson() {
		ContentTruncator truncator = ContentTruncator.create(64);

		TruncatedContent result = truncator.truncateJson("[".repeat(10_000) + "]".repeat(10_000));

		assertThat(result.value().length()).isLessThanOrEqualTo(64);
		parse(result.value());
	}

	@Test
	void tenMegabytePromptFitsTheLimit() {
		ContentTruncator truncator = ContentTruncator.create(16_384);
		String prompt = "lorem ipsum \"quoted\"\n".repeat(500_000);
		String messages = "[" + message("system", "be brief") + "," + message("user", prompt.replace("\"", "'")
			.replace("\n", " ")) + "]";

		TruncatedContent text = truncator.truncateText(prompt);
		TruncatedContent json = truncator.truncateJson(messages);

		assertThat(text.value().length()).isLessThanOrEqualTo(16_384);
		assertThat(json.value().length()).isLessThanOrEqualTo(16_384);
		assertThat(content(parse(json.value()), 0)).isEqualTo("be brief");
		assertThat(content(parse(json.value()), 1)).startsWith("lorem ipsum 'quoted' ");
		assertThat(json.originalLength()).isEqualTo(messages.length());
	}

	@Test
	void contentThatIsNotJsonIsTruncatedAsText() {
		ContentTruncator truncator = ContentTruncator.create(64);

		assertThat(truncator.truncateJson("not json").value()).isEqualTo("not json");
		assertThat(truncator.truncateJson("[1, 2] [3]").value()).isEqualTo("[1, 2] [3]");
		assertThat(truncator.truncateJson("{\"a\": " + "x".repeat(100)).value()).endsWith(ContentTruncator.TEXT_MARKER);
		assertThat(truncator.truncateJson(null).value()).isEqualTo("null");
		assertThat(truncator.truncateText(null).value()).isEmpty();
	}

	@Test
	void limitsBelowTheMinimumAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ContentTruncator.create(10));
		assertThatIllegalArgumentException().isThrownBy(() -> ContentTruncator.create(100, 0));
	}

	@Test
	void randomInputNeverThrowsNeverExceedsTheLimitAndJsonStaysValid() {
		Random random = new Random(42);
		int[] limits = { 64, 65, 100, 257, 1_000, 4_096 };
		int truncated = 0;
		for (int run = 0; run < 1_500; run++) {
			String json = RandomJson.value(random, 0);
			ContentTruncator truncator = ContentTruncator.create(limits[run % limits.length], 1 + random.nextInt(12));

			TruncatedContent result = truncator.truncateJson(json);
			TruncatedContent text = truncator.truncateText(json);

			assertThat(result.value().length()).as(json).isLessThanOrEqualTo(truncator.maxChars());
			assertThat(text.value().length()).isLessThanOrEqualTo(truncator.maxChars());
			assertThat(WellFormedText.of(result.value())).isEqualTo(result.value());
			assertThat(WellFormedText.of(text.value())).isEqualTo(text.value());
			parse(result.value());
			truncated += result.truncated() ? 1 : 0;
		}
		// The inputs exercise truncation, not only the whole-content path.
		assertThat(truncated).isBetween(500, 1_400);
	}

	private static String message(String role, String content) {
		return "{\"role\":\"" + role + "\",\"parts\":[{\"type\":\"text\",\"content\":\"" + content + "\"}]}";
	}

	private static String content(JsonNode messages, int index) {
		return messages.get(index).get("parts").get(0).get("content").asString();
	}

	private static JsonNode parse(String json) {
		return JSON.readTree(json);
	}

	/** Valid JSON with awkward content: escapes, lone surrogates, control characters. */
	private static final class RandomJson {

		private static final String[] PIECES = { "a", "é", "\\\"", "\\\\", "\\n", "\\u0000", "\\uD800", "\\uDC00",
				"\uD83D\uDE00", "\\uD83D\\uDE00", " ", "\u2028", "\\t", "z", "\u0085" };

		static String value(Random random, int depth) {
			// Containers get rarer with depth, so that documents stay small but some go deep.
			int kind = (depth > 14 || random.nextInt(depth + 2) > 1) ? random.nextInt(3) : 3 + random.nextInt(3);
			return switch (kind) {
				case 0 -> string(random);
				case 1 -> String.valueOf(random.nextInt(2) == 0 ? random.nextLong() : random.nextDouble());
				case 2 -> random.nextBoolean() ? "true" : "null";
				case 3 -> {
					StringBuilder array = new StringBuilder("[");
					int size = random.nextInt((depth < 2 && random.nextBoolean()) ? 60 : 4);
					for (int i = 0; i < size; i++) {
						array.append((i > 0) ? "," : "").append(value(random, depth + 1));
					}
					yield array.append(" ]").toString();
				}
				default -> {
					StringBuilder object = new StringBuilder("{");
					int size = random.nextInt(6);
					for (int i = 0; i < size; i++) {
						object.append((i > 0) ? "," : "").append(string(random)).append(": ").append(value(random, depth + 1));
					}
					yield object.append("}").toString();
				}
			};
		}

		private static String string(Random random) {
			StringBuilder string = new StringBuilder("\"");
			int length = random.nextInt(random.nextBoolean() ? 10 : 400);
			for (int i = 0; i < length; i++) {
				string.append(PIECES[random.nextInt(PIECES.length)]);
			}
			return string.append('"').toString();
		}

	}

}
