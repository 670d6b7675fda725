package dev.agenttracing.redaction;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import dev.agenttracing.text.ContentTruncator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The default redactor on JSON, with its rules, allow-list and hashing, and on bad input.
 */
class DefaultRedactorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Redactor redactor = DefaultRedactor.create(RedactionConfig.defaults());

	@Test
	void jsonStaysValidWithValuesRedactedInsideStrings() {
		String messages = """
				[{"role":"user","parts":[{"type":"text","content":"I'm john@example.com, card 4111 1111 1111 1111"}]},
				 {"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"refund",
				   "arguments":{"card":4111111111111111,"amount":12.5,"note":"call +44 20 7946 0958","ok":true}}]}]
				""";
		RedactionResult result = this.redactor.redactJson(messages);

		assertThat(parse(result.value())).isEqualTo(parse("""
				[{"role":"user","parts":[{"type":"text","content":"I'm [REDACTED:email], card [REDACTED:credit_card]"}]},
				 {"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"refund",
				   "arguments":{"card":"[REDACTED:credit_card]","amount":12.5,"note":"call [REDACTED:phone]","ok":true}}]}]
				"""));
		assertThat(result.counts()).isEqualTo(Map.of("email", 1, "credit_card", 2, "phone", 1));
		assertThat(result.total()).isEqualTo(4);
	}

	@Test
	void fieldsWithSensitiveNamesAreMaskedWholeWhateverTheyHold() {
		RedactionResult result = this.redactor.redactJson("""
				{"Password":"correct horse","user":{"db_password":{"nested":[1,2]},"SSN":123456789,
				 "X-Api-Key":"abc","newPassword":null,"iban":"not even an IBAN","name":"Ann"},"max_tokens":512}
				""");

		assertThat(parse(result.value())).isEqualTo(parse("""
				{"Password":"[REDACTED:password]","user":{"db_password":"[REDACTED:password]","SSN":"[REDACTED:ssn]",
				 "X-Api-Key":"[REDACTED:api_key]","newPassword":null,"iban":"[REDACTED:iban]","name":"Ann"},"max_tokens":512}
				"""));
		assertThat(result.counts()).isEqualTo(Map.of("password", 2, "ssn", 1, "api_key", 1, "iban", 1));
	}

	@Test
	void fieldNameRulesAreConfigurable() {
		// The secret detector judges keys in JSON as in text: with it off, only the rules count.
		Redactor redactor = DefaultRedactor.create(RedactionConfig.builder()
			.fieldNames(java.util.List.of("customer_name"))
			.disable(BuiltInDetector.SECRET)
			.build());

		RedactionResult result = redactor.redactJson("{\"customerName\":\"Ann Lee\",\"password\":\"kept now\"}");

		assertThat(parse(result.value()))
			.isEqualTo(parse("{\"customerName\":\"[REDACTED:customer_name]\",\"password\":\"kept now\"}"));
	}

	@Test
	void aSecretishKeyCountsTheSameInJsonAndInText() {
		Redactor redactor = DefaultRedactor
			.create(RedactionConfig.builder().fieldNames(java.util.List.of("customer_name")).build());
		String json = "{\"config\":{\"env\":{\"STRIPE_SECRET_KEY\":\"k3pt-n0w\",\"webhookSecret\":{\"v1\":\"a\",\"v2\":\"b\"},"
				+ "\"is_secret\":false,\"nextPageToken\":\"CiAKGjBp\",\"password\":\"${DB_PASSWORD}\"}}}";

		assertThat(parse(redactor.redactJson(json).value())).isEqualTo(parse("{\"config\":{\"env\":{"
				+ "\"STRIPE_SECRET_KEY\":\"[REDACTED:secret]\",\"webhookSecret\":\"[REDACTED:secret]\",\"is_secret\":false,"
				+ "\"nextPageToken\":\"CiAKGjBp\",\"password\":\"${DB_PASSWORD}\"}}}"));
		assertThat(redactor.redactText(json).value()).isEqualTo("{\"config\":{\"env\":{"
				+ "\"STRIPE_SECRET_KEY\":\"[REDACTED:secret]\",\"webhookSecret\":[REDACTED:secret],\"is_secret\":false,"
				+ "\"nextPageToken\":\"CiAKGjBp\",\"password\":\"${DB_PASSWORD}\"}}}");
	}

	@Test
	void aPhoneKeyCountsTheSameInJsonAndInText() {
		Redactor redactor = DefaultRedactor.create(RedactionConfig.defaults());

		assertThat(redactor.redactText("mobile: 4155550134").value()).isEqualTo("mobile: [REDACTED:phone]");
		assertThat(redactor.redactJson("{\"mobile\":\"4155550134\",\"orderId\":\"4155550134\"}").value())
			.isEqualTo("{\"mobile\":\"[REDACTED:phone]\",\"orderId\":\"4155550134\"}");
		assertThat(redactor.redactText("order 4155550134").value()).isEqualTo("order 4155550134");
		Redactor everywhere = DefaultRedactor.create(RedactionConfig.builder().ungroupedPhoneNumbers(true).build());
		assertThat(everywhere.redactText("order 4155550134").value()).isEqualTo("order [REDACTED:phone]");
	}

	@Test
	void allowListedValuesAndPatternsAreNeverRedacted() {
		Redactor redactor = DefaultRedactor.create(RedactionConfig.builder()
			.allowValue("support@example.com")
			.allowPattern("10\\.0\\.[0-9.]+")
			.allowValue("public")
			.build());

		RedactionResult result = redactor
			.redactJson("{\"text\":\"Write to support@example.com or ann@example.com from 10.0.0.7 or 8.8.8.8\","
					+ "\"token\":\"public\"}");

		assertThat(parse(result.value())).isEqualTo(parse("{\"text\":\"Write to support@example.com or"
				+ " [REDACTED:email] from 10.0.0.7 or [REDACTED:ipv4]\",\"token\":\"public\"}"));
		assertThat(result.counts()).isEqualTo(Map.of("email", 1, "ipv4", 1));
	}

	@Test
	void customPatternsRedactTheirValueGroupOrWholeMatch() {
		Redactor redactor = DefaultRedactor.create(RedactionConfig.builder()
			.customPattern("customer_id", "cust-(?P<value>[0-9]{6})")
			.customPattern("order", "ORD-[A-Z]{3}[0-9]{4}")
			.build());

		RedactionResult result = redactor.redactText("Customer cust-123456 asked about ORD-ABC1234.");

		assertThat(result.value()).isEqualTo("Customer cust-[REDACTED:customer_id] asked about [REDACTED:order].");
		assertThat(result.counts()).isEqualTo(Map.of("customer_id", 1, "order", 1));
	}

	@Test
	void hashTokensFollowTheSameValueAcrossCallsWithoutRevealingIt() {
		Redactor hashing = hashing("a-key-of-sixteen-chars-or-more");

		String first = hashing.redactText("Mail John.Doe@Example.com").value();
		String second = hashing.redactJson("{\"from\":\"john.doe@example.com\"}").value();
		String other = hashing.redactText("Mail jane@example.com").value();

		assertThat(first).matches("Mail \\[email:[0-9a-f]{8}\\]");
		String token = first.substring("Mail ".length());
		assertThat(second).isEqualTo("{\"from\":\"" + token + "\"}");
		assertThat(other).doesNotContain(token).matches("Mail \\[email:[0-9a-f]{8}\\]");
		assertThat(hashing("another-key-of-sixteen-chars").redactText("Mail john.doe@example.com").value())
			.doesNotContain(token);
	}

	@Test
	void hashTokensIgnoreSeparatorsOfNumbers() {
		Redactor hashing = hashing("a-key-of-sixteen-chars-or-more");

		assertThat(hashing.redactText("4111 1111 1111 1111").value())
			.isEqualTo(hashing.redactText("4111-1111-1111-1111").value())
			.isEqualTo(hashing.redactJson("4111111111111111").value().replace("\"", ""));
	}

	@Test
	void overlappingFindingsBecomeOneRedactionNamedAfterTheFirstDetector() {
		RedactionResult result = this.redactor.redactText("Authorization: Bearer "
				+ "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U");

		assertThat(result.value()).isEqualTo("Authorization: Bearer [REDACTED:jwt]");
		assertThat(result.counts()).isEqualTo(Map.of("jwt", 1));
	}

	@Test
	void invalidJsonIsRedactedAsText() {
		RedactionResult result = this.redactor.redactJson("{\"content\":\"mail ann@example.com\", oops");

		assertThat(result.value()).isEqualTo("{\"content\":\"mail [REDACTED:email]\", oops");
		assertThat(result.counts()).isEqualTo(Map.of("email", 1));
	}

	@Test
	void redactorsChainAndAddTheirCounts() {
		Redactor custom = DefaultRedactor.create(RedactionConfig.builder()
			.disable(BuiltInDetector.values())
			.fieldNames(java.util.List.of())
			.customPattern("ticket", "T-[0-9]{4}")
			.build());

		RedactionResult result = this.redactor.andThen(custom).redactText("T-1234 from ann@example.com");

		assertThat(result.value()).isEqualTo("[REDACTED:ticket] from [REDACTED:email]");
		assertThat(result.counts()).isEqualTo(Map.of("email", 1, "ticket", 1));
	}

	@Test
	void catastrophicBacktrackingPatternRunsInLinearTime() {
		Redactor redactor = DefaultRedactor
			.create(RedactionConfig.builder().customPattern("evil", "(a+)+$").customPattern("evil2", "(x+x+)+y").build());
		String adversarial = "a".repeat(100_000) + "b";
		String alsoAdversarial = "x".repeat(100_000);

		RedactionResult result = assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> redactor.redactText(adversarial + " " + alsoAdversarial));

		assertThat(result.redacted()).isFalse();
		assertThat(result.value()).hasSize(200_002);
	}

	@Test
	void badInputNeverThrowsAndComesBackBoundedAndWellFormed() {
		Redactor redactor = DefaultRedactor.create(RedactionConfig.builder().maxInputChars(100_000).build());
		Random random = new Random(7);
		StringBuilder binary = new StringBuilder();
		for (int i = 0; i < 50_000; i++) {
			binary.append((char) random.nextInt(0x10000));
		}
		String[] inputs = { binary.toString(), "\uD800 lone high, lone low \uDC00, pair \uD83D\uDE00, nul \u0000\u0007",
				"x".repeat(10_000_000), "[\"" + "y ".repeat(5_000_000) + "\"]", "[".repeat(10_000) + "]".repeat(10_000), "{\"a\":\"\\uD800\"}",
				"{\"password\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", "", "\"\"", "null" };

		for (String input : inputs) {
			for (RedactionResult result : new RedactionResult[] { redactor.redactText(input),
					redactor.redactJson(input) }) {
				assertThat(result.value().length()).isLessThanOrEqualTo(Math.min(input.length(), 100_000) + 64);
				assertThat(isWellFormed(result.value())).as("well-formed").isTrue();
			}
		}
		assertThat(redactor.redactText(null).value()).isEmpty();
		assertThat(redactor.redactJson(null).value()).isEqualTo("null");
		assertThat(parse(redactor.redactJson("{\"a\":\"\\uD800\"}").value())).isEqualTo(parse("{\"a\":\"\uFFFD\"}"));
	}

	@Test
	void contentLongerThanTheInputLimitIsTruncatedBeforeRedaction() {
		Redactor redactor = DefaultRedactor.create(RedactionConfig.builder().maxInputChars(1_024).build());
		String text = "mail ann@example.com ".repeat(200);

		RedactionResult result = redactor.redactText(text);

		assertThat(result.value()).endsWith(ContentTruncator.TEXT_MARKER).doesNotContain("@");
		assertThat(result.value().length()).isLessThanOrEqualTo(1_024 + 64);
		RedactionResult json = redactor.redactJson("[\"" + "mail ann@example.com ".repeat(200) + "\"]");
		assertThat(parse(json.value()).get(0).asString()).startsWith("mail [REDACTED:email]").endsWith("\u2026");
	}

	private static Redactor hashing(String key) {
		return DefaultRedactor.create(RedactionConfig.builder().mode(RedactionMode.HASH).hashKey(key).build());
	}

	private static JsonNode parse(String json) {
		return JSON.readTree(json);
	}

	private static boolean isWellFormed(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c) || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
				return false;
			}
		}
		return true;
	}

}
