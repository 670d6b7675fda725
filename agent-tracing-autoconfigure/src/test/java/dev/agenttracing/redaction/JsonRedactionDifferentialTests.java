package dev.agenttracing.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JsonRedaction} reads JSON in one pass of its own; {@link JacksonJsonRedaction},
 * the Jackson-based pass it replaced, is the oracle: on every document of the corpora, on
 * hand-written edge cases and on thousands of mutations of them (most no longer JSON),
 * both must give the same output and the same counts, or both refuse the input.
 */
class JsonRedactionDifferentialTests {

	private static final BinaryOperator<@Nullable String> UNCHANGED = (field, text) -> text;

	/** Changes some values, putting characters that must be escaped into them. */
	private static final BinaryOperator<@Nullable String> CHANGING = (field, text) -> {
		if (text == null) {
			return "";
		}
		String changed = text.replace("a", "\"\\\n\t\u0001/").replace("4", "[REDACTED:x]");
		return (field != null && field.startsWith("n")) ? changed + "|" + field : changed;
	};

	private static final List<String> EDGES = List.of("{}", "[]", "\"\"", "0", "-0", "-0.0e+5", "1E400", "true",
			"false", "null", " {\"a\" : [ 1 , 2.50 , true , null , \"x\" ] } ", "{\"a\":\"\\u00e9\\t\\/\\\"\\\\\"}",
			"{\"\\u0070assword\":\"hunter2\"}", "{\"password\":{\"x\":[1,\"two\",null,{\"y\":false}]}}",
			"{\"password\":null}", "{\"password\":true}", "{\"password\":\"${DB_PASSWORD}\"}", "{\"token\":12345}",
			"[{\"k\":1},\"stale field\"]", "{\"a\":\"\\ud800\"}", "{\"a\":\"\u2028\u007f\u0080\"}", "\t\n\r 12 \n",
			"{\"a\":01}", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\":1}{", "{\"a\":NaN}", "{\"a\":\"\t\"}", "{'a':1}",
			"{a:1}", "[truex]", "[tru]", "[-]", "[1.]", "[.5]", "[+1]", "[1e]", "[1e+]", "\"\\x\"", "\"\\u12G4\"",
			"\"unterminated", "", "   ", "[", "]", "{\"a\"}", "{\"a\":}", "{,}", "[,1]", "12 13", "\"a\" \"b\"",
			"[[[[[]]]]]", "{\"a\":[{\"b\":[{\"c\":{}}]}]}", "[\"\\b\\f\\r\\n\"]", "{\"nested\":\"4a4\"}",
			"\uFEFF{}", "{\"a\":1}\u0000", "[1]/*c*/", "[1]#", "[true,false,null]", "[1.5e-3,-2E+2,0.0]");

	private final FieldNameRules fieldNames = new FieldNameRules(RedactionConfig.defaults().fieldNames());

	private final AllowList allowList = new AllowList(java.util.Set.of("allowed@example.com"), List.of());

	@Test
	void bothPassesAgreeOnTheCorporaTheEdgesAndTheirMutations() {
		List<String> documents = new ArrayList<>(EDGES);
		for (TrafficCorpus.Item item : TrafficCorpus.generate(7)) {
			if (item.json()) {
				documents.add(item.text());
			}
		}
		documents.addAll(ChatCorpus.jsonConversations(11, 200_000, 0.05));
		int originals = documents.size();
		Random random = new Random(42);
		String alphabet = "{}[]:,\"\\ \n0123456789-+.eEtruefalsnu/\u00e9\u0001";
		for (int i = 0; i < 8_000; i++) {
			StringBuilder mutated = new StringBuilder(documents.get(random.nextInt(originals)));
			int edits = 1 + random.nextInt(3);
			for (int e = 0; e < edits && mutated.length() > 0; e++) {
				int at = random.nextInt(mutated.length());
				switch (random.nextInt(3)) {
					case 0 -> mutated.deleteCharAt(at);
					case 1 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
					default -> mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
			documents.add(mutated.toString());
		}
		int json = 0;
		for (Replacements replacements : List.of(Replacements.mask(), Replacements.hash("a key for the test"))) {
			for (boolean secretKeys : new boolean[] { true, false }) {
				JacksonJsonRedaction oracle = new JacksonJsonRedaction(this.fieldNames, secretKeys, this.allowList,
						replacements);
				for (BinaryOperator<@Nullable String> redactText : List.of(UNCHANGED, CHANGING)) {
					JsonRedaction pass = new JsonRedaction(this.fieldNames, secretKeys, this.allowList, replacements,
							(field, text, counts) -> redactText.apply(field, text));
					for (String document : documents) {
						Outcome expected = Outcome.of((counts) -> oracle.redact(document, redactText, counts));
						Outcome actual = Outcome.of((counts) -> pass.redact(document, counts));
						assertThat(actual).as("%s", document).isEqualTo(expected);
						if (expected.output() != null) {
							json++;
						}
					}
				}
			}
		}
		assertThat(json).as("documents read as JSON").isGreaterThan(4 * 1_500);
	}

	/** The output and counts of a pass, or {@code null} output when it refused the input. */
	private record Outcome(@Nullable String output, Map<String, Integer> counts) {

		static Outcome of(Function<Map<String, Integer>, String> pass) {
			Map<String, Integer> counts = new TreeMap<>();
			try {
				return new Outcome(pass.apply(counts), counts);
			}
			catch (RuntimeException refused) {
				return new Outcome(null, Map.of());
			}
		}

	}

}
