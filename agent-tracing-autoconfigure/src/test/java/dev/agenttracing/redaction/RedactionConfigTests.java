package dev.agenttracing.redaction;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Mistakes in the configuration fail when it is built, with a message saying what to fix.
 */
class RedactionConfigTests {

	@Test
	void defaultsRunEveryDetectorAndMask() {
		RedactionConfig config = RedactionConfig.defaults();

		assertThat(config.detectors()).isEqualTo(EnumSet.allOf(BuiltInDetector.class));
		assertThat(config.fieldNames()).isEqualTo(RedactionConfig.DEFAULT_FIELD_NAMES);
		assertThat(config.mode()).isEqualTo(RedactionMode.MASK);
		assertThat(config.customPatterns()).isEmpty();
		assertThat(config.maxInputChars()).isEqualTo(RedactionConfig.DEFAULT_MAX_INPUT_CHARS);
	}

	@Test
	void patternsOutsideRe2SyntaxAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedactionConfig.builder().customPattern("lookahead", "foo(?=bar)"))
			.withMessageContaining("custom pattern 'lookahead'")
			.withMessageContaining("RE2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedactionConfig.builder().allowPattern("(a)\\1"))
			.withMessageContaining("allowed pattern");
	}

	@Test
	void customPatternNamesAreCheckedAndCannotShadowBuiltInDetectors() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedactionConfig.builder().customPattern("email", "x"))
			.withMessageContaining("built-in");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedactionConfig.builder().customPattern("has space", "x"));
		assertThat(RedactionConfig.builder().customPattern("Employee_ID", "E[0-9]+").build().customPatterns())
			.containsOnlyKeys("employee_id");
	}

	@Test
	void hashModeNeedsAKeyOfSixteenCharacters() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RedactionConfig.builder().mode(RedactionMode.HASH).build())
			.withMessageContaining("16");
		assertThatIllegalStateException()
			.isThrownBy(() -> RedactionConfig.builder().mode(RedactionMode.HASH).hashKey("short").build());
		assertThat(RedactionConfig.builder().mode(RedactionMode.HASH).hashKey("0123456789abcdef").build().mode())
			.isEqualTo(RedactionMode.HASH);
	}

	@Test
	void descriptionDoesNotRevealTheHashKey() {
		RedactionConfig config = RedactionConfig.builder()
			.mode(RedactionMode.HASH)
			.hashKey("super-secret-hash-key")
			.allowValue("support@example.com")
			.build();

		assertThat(config.toString()).doesNotContain("super-secret-hash-key").doesNotContain("support@example.com");
	}

	@Test
	void fieldNamesAreLowerCasedAndDeduplicated() {
		RedactionConfig config = RedactionConfig.builder().fieldNames(List.of("Password", "password", " PIN ")).build();

		assertThat(config.fieldNames()).containsExactly("password", "pin");
	}

}
