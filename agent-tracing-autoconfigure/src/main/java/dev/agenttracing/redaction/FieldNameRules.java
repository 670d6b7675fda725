package dev.agenttracing.redaction;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which JSON fields are masked whole, by name. Names are compared lower-cased without
 * {@code _ - .} and spaces, and a field matches a rule when its name ends with the rule's
 * name, so {@code password} covers {@code newPassword}, {@code db_password} and
 * {@code PASSWORD}, and {@code api_key} covers {@code X-Api-Key}; paging compounds such as
 * {@code nextPageToken} match no rule.
 */
final class FieldNameRules {

	private static final Rule[] NO_RULES = {};

	private final List<Rule> rules;

	/** The rules by the last character of their normalized name, for ASCII names. */
	private final Rule[][] rulesByLastChar = new Rule[128][];

	FieldNameRules(List<String> names) {
		// The longest rule that matches names the redaction: access_token rather than token.
		this.rules = names.stream()
			.map((name) -> new Rule(name, normalize(name)))
			.filter((rule) -> !rule.normalized().isEmpty())
			.sorted(Comparator.comparingInt((Rule rule) -> rule.normalized().length()).reversed())
			.toList();
		for (char c = 0; c < 128; c++) {
			char last = c;
			this.rulesByLastChar[c] = this.rules.stream()
				.filter((rule) -> rule.normalized().charAt(rule.normalized().length() - 1) == last)
				.toArray(Rule[]::new);
		}
	}

	/**
	 * The rule a field name matches.
	 * @return the rule's name, or {@code null} when the field is not masked
	 */
	@Nullable String match(String fieldName) {
		if (this.rules.isEmpty()) {
			return null;
		}
		String rule = matchRule(fieldName);
		return (rule != null && !SecretKeys.isNotSecret(fieldName)) ? rule : null;
	}

	private @Nullable String matchRule(String fieldName) {
		if (isShortAscii(fieldName)) {
			// The same as below, without building the normalized name.
			for (Rule rule : rulesEndingLike(fieldName)) {
				if (endsWithNormalized(fieldName, rule.normalized())) {
					return rule.name();
				}
			}
			return null;
		}
		String normalized = normalize(fieldName);
		for (Rule rule : this.rules) {
			if (normalized.endsWith(rule.normalized())) {
				return rule.name();
			}
		}
		return null;
	}

	/** The rules that can match an ASCII name: those ending with its last kept character. */
	private Rule[] rulesEndingLike(String name) {
		for (int i = name.length() - 1; i >= 0; i--) {
			char c = name.charAt(i);
			if (!isIgnored(c)) {
				return this.rulesByLastChar[(c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c];
			}
		}
		return NO_RULES;
	}

	/** Short enough for {@link #normalize} to keep it whole, and lower-cased char by char. */
	private static boolean isShortAscii(String name) {
		if (name.length() > 256) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			if (name.charAt(i) >= 128) {
				return false;
			}
		}
		return true;
	}

	/** Whether the normalized ASCII name ends with a normalized rule. */
	private static boolean endsWithNormalized(String name, String rule) {
		int i = name.length() - 1;
		for (int j = rule.length() - 1; j >= 0; j--) {
			while (i >= 0 && isIgnored(name.charAt(i))) {
				i--;
			}
			if (i < 0) {
				return false;
			}
			char c = name.charAt(i--);
			if (c >= 'A' && c <= 'Z') {
				c = (char) (c + ('a' - 'A'));
			}
			if (c != rule.charAt(j)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isIgnored(char c) {
		return c == '_' || c == '-' || c == '.' || Character.isWhitespace(c);
	}

	private static String normalize(String name) {
		StringBuilder normalized = new StringBuilder(name.length());
		for (int i = 0; i < name.length() && normalized.length() <= 256; i++) {
			char c = name.charAt(i);
			if (c != '_' && c != '-' && c != '.' && !Character.isWhitespace(c)) {
				normalized.append(c);
			}
		}
		return normalized.toString().toLowerCase(Locale.ROOT);
	}

	private record Rule(String name, String normalized) {
	}

}
