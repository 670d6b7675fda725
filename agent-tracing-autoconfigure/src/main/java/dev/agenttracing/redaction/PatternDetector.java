package dev.agenttracing.redaction;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A detector driven by an RE2 pattern run over the whole text, so that matching takes time
 * linear in the input whatever the pattern, followed by a check of each candidate (a
 * checksum, a context). Custom patterns run this way; the built-in detectors are
 * hand-written ({@link BuiltInDetectors}).
 * <p>
 * Patterns often consume the character before or after a value to stand in for the
 * lookaround RE2 lacks; the value is then a capturing group, and the next search starts
 * at the end of the value so that the consumed character can start the next match.
 */
final class PatternDetector implements Detector {

	/** Accepts every candidate as it is. */
	static final Validator ANY = (text, start, end) -> end;

	private final String name;

	private final Pattern pattern;

	private final int[] valueGroups;

	private final Validator validator;

	/**
	 * A detector.
	 * @param name the name
	 * @param pattern the pattern
	 * @param valueGroups the groups holding the value, the first that took part in a
	 * match is used; none for the whole match
	 * @param validator the check of each candidate
	 */
	PatternDetector(String name, Pattern pattern, int[] valueGroups, Validator validator) {
		this.name = name;
		this.pattern = pattern;
		this.valueGroups = valueGroups.clone();
		this.validator = validator;
	}

	/**
	 * A detector whose value is every group of the pattern (the pattern's structural
	 * groups are non-capturing).
	 */
	static PatternDetector ofGroups(String name, Pattern pattern, Validator validator) {
		int[] groups = new int[pattern.groupCount()];
		for (int i = 0; i < groups.length; i++) {
			groups[i] = i + 1;
		}
		return new PatternDetector(name, pattern, groups, validator);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void detect(String text, TextScan scan, Sink sink) {
		Matcher matcher = this.pattern.matcher(text);
		int length = text.length();
		int from = 0;
		while (from <= length && matcher.find(from)) {
			int start = matcher.start();
			int end = matcher.end();
			for (int group : this.valueGroups) {
				if (matcher.start(group) >= 0) {
					start = matcher.start(group);
					end = matcher.end(group);
					break;
				}
			}
			int next = matcher.end();
			if (end > start) {
				int accepted = this.validator.accept(text, start, end);
				if (accepted > start) {
					sink.found(start, accepted);
				}
				// A validator that shortened a greedy candidate leaves the rest to be searched.
				next = (accepted > start) ? accepted : end;
			}
			from = (next > from) ? next : from + 1;
		}
	}

	/**
	 * Checks a candidate value.
	 */
	@FunctionalInterface
	interface Validator {

		/**
		 * Check the candidate {@code [start, end)}.
		 * @return the end of the accepted value (at most {@code end}; a validator may
		 * shorten a greedy candidate), or {@code -1} to reject it
		 */
		int accept(String text, int start, int end);

	}

}
