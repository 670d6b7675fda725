package dev.agenttracing.redaction;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which JSON fields are masked whole, by name. Names are compared lower-cased without
 * {@code _ - .} and spaces, and a field matches a rule when its name ends with the rule's
 * name, so {@code password} covers {@code newPassword}, {@code db_password} and
 * {@code PASSWORD}, and {@code api_key} covers {@code X-Api-Key}.
 */
final class FieldNameRules {

	private final List<Rule> rules;

	FieldNameRules(List<String> names) {
		// The longest rule that matches names the redaction: access_token rather than token.
		this.rules = names.stream()
			.map((name) -> new Rule(name, normalize(name)))
			.filter((rule) -> !rule.normalized().isEmpty())
			.sorted(Comparator.comparingInt((Rule rule) -> rule.normalized().length()).reversed())
			.toList();
	}

	/**
	 * The rule a field name matches.
	 * @return the rule's name, or {@code null} when the field is not masked
	 */
	@Nullable String match(String fieldName) {
		if (this.rules.isEmpty()) {
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
