package dev.agenttracing.redaction;

import java.util.List;
import java.util.Set;

import com.google.re2j.Pattern;

/**
 * Values that are never redacted: exact values, and values matched whole by a pattern.
 */
final class AllowList {

	private final Set<String> values;

	private final List<Pattern> patterns;

	AllowList(Set<String> values, List<String> patterns) {
		this.values = Set.copyOf(values);
		this.patterns = patterns.stream().map(Pattern::compile).toList();
	}

	boolean allows(String value) {
		if (this.values.contains(value)) {
			return true;
		}
		for (Pattern pattern : this.patterns) {
			if (pattern.matches(value)) {
				return true;
			}
		}
		return false;
	}

}
