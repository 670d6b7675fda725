package dev.agenttracing.redaction;

import dev.agenttracing.redaction.TextScan.Positions;
import dev.agenttracing.redaction.TriggeredDetector.Windows;

import static dev.agenttracing.redaction.TextScan.fold;
import static dev.agenttracing.redaction.TextScan.isAsciiLetterOrDigit;
import static dev.agenttracing.redaction.TextScan.isDigit;
import static dev.agenttracing.redaction.TextScan.isHexDigit;
import static dev.agenttracing.redaction.TextScan.isLetterOrDigit;
import static dev.agenttracing.redaction.TextScan.isSpace;
import static dev.agenttracing.redaction.TextScan.regionMatchesFolded;

/**
 * Where the built-in patterns of {@link BuiltInDetectors} that are still searched with RE2
 * (secret, SSN, phone, IPv6) can match: the windows their {@link TriggeredDetector}s
 * search. The other patterns are matched by hand ({@link BuiltInScanners}).
 * <p>
 * Each method looks at the triggers of its detector (a number, a keyword at the start of
 * a word, a {@code :} or {@code =}, a {@code +}...) and adds, for each trigger that can
 * start a match, a window from the character before the value (which the pattern consumes
 * as a boundary) to past the end of anything the match could take. A trigger is dropped
 * only when the pattern cannot match there at all, never because the validator would
 * reject the candidate: a rejected candidate still moves the search past it, which
 * decides what is found next (the one exception, IPv6, says why it makes no difference
 * there). Patterns that end with {@code (?:$|...)} get windows ending just after a
 * character that their values cannot end with, so that the end of the window is never
 * taken for the end of the text.
 * <p>
 * Every scan is bounded by a trigger's own characters or remembered ({@link RunEnd}), so
 * that finding the windows takes time linear in the text.
 */
final class BuiltInTriggers {

	private static final String[] SECRET_SENTENCE_KEYWORDS = { "password", "passcode", "passphrase", "pin" };

	private BuiltInTriggers() {
	}

	/**
	 * A {@code :} or {@code =} after a secret-ish key (with optional quotes and white
	 * space), and "password is ..." sentences.
	 */
	static void secret(String text, TextScan scan, Windows windows) {
		secretAssignments(text, scan.colons(), windows);
		secretAssignments(text, scan.equalSigns(), windows);
		Positions starts = scan.wordStarts();
		for (int i = 0; i < starts.size(); i++) {
			int start = starts.get(i);
			char first = text.charAt(start);
			if ((first == 'p' || first == 'P') && (start == 0 || !isFoldedWordChar(text.charAt(start - 1)))) {
				int end = secretSentenceEnd(text, start);
				if (end >= 0) {
					windows.add(start - 1, end + 1, start | BuiltInFastPaths.SENTENCE, Math.max(0, start - 1));
				}
			}
		}
	}

	private static void secretAssignments(String text, Positions separators, Windows windows) {
		int length = text.length();
		RunEnd quoted = new RunEnd(text, (c) -> c != '"' && c != '\\' && c != '\r' && c != '\n');
		RunEnd singleQuoted = new RunEnd(text, (c) -> c != '\'' && c != '\r' && c != '\n');
		RunEnd unquoted = new RunEnd(text, (c) -> !isSpace(c) && c != '"' && c != '\'' && c != '<' && c != '>');
		for (int i = 0; i < separators.size(); i++) {
			int separator = separators.get(i);
			int keyEnd = separator;
			while (keyEnd > 0 && isBlank(text.charAt(keyEnd - 1))) {
				keyEnd--;
			}
			if (keyEnd > 0 && (text.charAt(keyEnd - 1) == '"' || text.charAt(keyEnd - 1) == '\'')) {
				keyEnd--;
			}
			if (keyEnd > 0 && text.charAt(keyEnd - 1) == '\\') {
				keyEnd--;
			}
			if (!endsWithSecretKeyword(text, keyEnd)) {
				continue;
			}
			int keyStart = keyEnd;
			while (keyStart > 0 && isKeyChar(text.charAt(keyStart - 1))) {
				keyStart--;
			}
			int value = separator + 1;
			while (value < length && isBlank(text.charAt(value))) {
				value++;
			}
			int end = value;
			if (value < length) {
				char first = text.charAt(value);
				if (first == '"' || (first == '\\' && value + 1 < length && text.charAt(value + 1) == '"')) {
					end = Math.max(end, quoted.end((first == '"') ? value + 1 : value + 2) + 2);
				}
				else if (first == '\'') {
					end = Math.max(end, singleQuoted.end(value + 1) + 1);
				}
				end = Math.max(end, unquoted.end(value));
			}
			// The key, a quote and a backslash before it, and the boundary before those.
			windows.add(keyStart - 3, end + 1, separator, Math.max(0, keyStart - 1));
		}
	}

	private static boolean endsWithSecretKeyword(String text, int end) {
		if (end == 0) {
			return false;
		}
		return switch (fold(text.charAt(end - 1))) {
			case 'd' -> endsWith(text, end, "password") || endsWith(text, end, "passwd") || endsWith(text, end, "pwd");
			case 'e' -> endsWith(text, end, "passphrase") || endsWith(text, end, "passcode");
			case 't' -> endsWith(text, end, "secret");
			case 'n' -> endsWith(text, end, "token") || endsWith(text, end, "pin");
			case 'y' -> endsWith(text, end, "key");
			default -> false;
		};
	}

	private static boolean endsWith(String text, int end, String lowerCaseWord) {
		return regionMatchesFolded(text, end - lowerCaseWord.length(), lowerCaseWord);
	}

	/** The end of the value of "password is ..." at {@code start}, or -1. */
	private static int secretSentenceEnd(String text, int start) {
		for (String keyword : SECRET_SENTENCE_KEYWORDS) {
			if (!regionMatchesFolded(text, start, keyword)) {
				continue;
			}
			int j = skipBlanks(text, start + keyword.length());
			if (j == start + keyword.length()) {
				return -1;
			}
			if (regionMatchesFolded(text, j, "is")) {
				j += 2;
			}
			else if (regionMatchesFolded(text, j, "was")) {
				j += 3;
			}
			else {
				return -1;
			}
			int value = skipBlanks(text, j);
			if (value == j) {
				return -1;
			}
			int end = value;
			while (end < text.length() && !isSpace(text.charAt(end)) && "\"',;".indexOf(text.charAt(end)) < 0) {
				end++;
			}
			return (end - value >= 4) ? end : -1;
		}
		return -1;
	}

	/**
	 * {@code 123-45-6789} or {@code 123 45 6789}, and nine digits after "SSN" or "social
	 * security".
	 */
	static void ssn(String text, TextScan scan, Windows windows) {
		int length = text.length();
		Positions numbers = scan.numbers();
		RunEnd number = null;
		for (int i = 0; i < numbers.size(); i++) {
			int start = numbers.get(i);
			if (numbers.end(i) - start != 3 || (start > 0 && isSsnBoundaryExcluded(text.charAt(start - 1)))
					|| !ssnShape(text, start)) {
				continue;
			}
			if (number == null) {
				number = new RunEnd(text, (c) -> isDigit(c) || c == ' ' || c == '-');
			}
			windows.add(start - 1, number.end(start) + 1);
		}
		Positions words = scan.wordStarts();
		for (int i = 0; i < words.size(); i++) {
			int start = words.get(i);
			char first = fold(text.charAt(start));
			if (first != 's' || (start > 0 && isSsnBoundaryExcluded(text.charAt(start - 1)))) {
				continue;
			}
			int j;
			if (regionMatchesFolded(text, start, "social security")) {
				j = start + 15;
			}
			else if (regionMatchesFolded(text, start, "ssn")) {
				j = start + 3;
			}
			else {
				continue;
			}
			// Generous: " number", " no.", " #", then "#", ":", "is", "no.", in any case.
			for (int tokens = 0; tokens < 3; tokens++) {
				j = skipBlanks(text, j);
				int token = ssnToken(text, j);
				if (token == 0) {
					break;
				}
				j += token;
			}
			int digits = skipBlanks(text, j);
			int end = digits;
			while (end < length && isDigit(text.charAt(end))) {
				end++;
			}
			if (end - digits >= 9) {
				windows.add(start - 1, end + 1);
			}
		}
	}

	private static boolean ssnShape(String text, int start) {
		if (start + 11 > text.length()) {
			return false;
		}
		char separator = text.charAt(start + 3);
		return (separator == '-' || separator == ' ') && text.charAt(start + 6) == separator
				&& digits(text, start, 3) && digits(text, start + 4, 2) && digits(text, start + 7, 4);
	}

	private static int ssnToken(String text, int at) {
		for (String token : new String[] { "number", "no.", "no", "is", "#", ":" }) {
			if (regionMatchesFolded(text, at, token)) {
				return token.length();
			}
		}
		return 0;
	}

	/**
	 * {@code +} or {@code 00} and a country code; {@code (} and three digits; a number with
	 * at least 9 digits in the length of a national number.
	 */
	static void phone(String text, TextScan scan, Windows windows) {
		int length = text.length();
		Positions numbers = scan.numbers();
		RunEnd number = null;
		for (int i = 0; i < numbers.size(); i++) {
			int start = numbers.get(i);
			if (!phoneCandidate(text, start, numbers.end(i))
					|| (start > 0 && isPhoneBoundaryExcluded(text.charAt(start - 1)))) {
				continue;
			}
			if (number == null) {
				number = new RunEnd(text, BuiltInTriggers::isPhoneChar);
			}
			windows.add(start - 1, number.end(start) + 1, start, Math.max(0, start - 1));
		}
		Positions signs = scan.plusOrParens();
		number = null;
		for (int i = 0; i < signs.size(); i++) {
			int start = signs.get(i);
			if (start > 0 && isPhoneBoundaryExcluded(text.charAt(start - 1))) {
				continue;
			}
			boolean candidate = (text.charAt(start) == '+') ? text.charAt(start + 1) != '0'
					: start + 4 < length && digits(text, start + 1, 3) && text.charAt(start + 4) == ')';
			if (!candidate) {
				continue;
			}
			if (number == null) {
				number = new RunEnd(text, BuiltInTriggers::isPhoneChar);
			}
			windows.add(start - 1, number.end(start) + 1, start, Math.max(0, start - 1));
		}
	}

	/**
	 * Whether the phone pattern can match from a run of digits {@code [start, digits)}:
	 * {@code 00}, a country code and more digits; {@code 1}, maybe a separator, and
	 * {@code (} or three digits, a separator, three digits, a separator, four digits
	 * ({@code 3-3-4}); {@code 3-3-4}; a national number starting with {@code 0}:
	 * {@code 0[0-9]{2,4}[ \-][0-9]{3,4}[ \-]?[0-9]{3,4}}. With {@code 00}, a run of fewer than 10 digits that the
	 * number does not continue after (a separator and a digit or {@code (}) is skipped
	 * although the pattern may match in it: the validator rejects it (fewer than 8 digits
	 * after 00), and no value can start inside a run of digits, so where the search resumes
	 * after it does not matter.
	 */
	private static boolean phoneCandidate(String text, int start, int digits) {
		int run = digits - start;
		char first = text.charAt(start);
		char next = (digits < text.length()) ? text.charAt(digits) : ' ';
		boolean separator = next == ' ' || next == '.' || next == '-';
		if (first == '0' && run >= 3 && text.charAt(start + 1) == '0' && text.charAt(start + 2) != '0') {
			boolean continued = next == '(' || (separator && digits + 1 < text.length()
					&& (isDigit(text.charAt(digits + 1)) || text.charAt(digits + 1) == '('));
			return run >= 10 || continued;
		}
		if (run == 1 && first == '1') {
			return next == '(' || (separator && digits + 1 < text.length()
					&& (text.charAt(digits + 1) == '(' || threeThreeFour(text, digits + 1)));
		}
		return (run == 3 && threeThreeFour(text, start))
				|| (first == '0' && run >= 3 && run <= 5 && (next == ' ' || next == '-') && nationalRest(text, digits + 1));
	}

	/**
	 * Whether {@code [0-9]{3,4}[ \-]?[0-9]{3,4}} can start at a position, as the rest of a
	 * national number: two groups, or one run of both.
	 */
	private static boolean nationalRest(String text, int start) {
		int second = start;
		while (second < text.length() && isDigit(text.charAt(second))) {
			second++;
		}
		int run = second - start;
		if (run >= 6 && run <= 8) {
			return true;
		}
		if ((run != 3 && run != 4) || second + 1 >= text.length()
				|| (text.charAt(second) != ' ' && text.charAt(second) != '-')) {
			return false;
		}
		int third = second + 1;
		while (third < text.length() && isDigit(text.charAt(third))) {
			third++;
		}
		return third - second - 1 == 3 || third - second - 1 == 4;
	}

	/** {@code [0-9]{3}[ .\-][0-9]{3}[ .\-][0-9]{4}} at a position (the space, for {@code 555 123 4567}). */
	private static boolean threeThreeFour(String text, int start) {
		return digits(text, start, 3) && isSeparator(text, start + 3) && digits(text, start + 4, 3)
				&& isSeparator(text, start + 7) && digits(text, start + 8, 4);
	}

	private static boolean isSeparator(String text, int at) {
		if (at >= text.length()) {
			return false;
		}
		char c = text.charAt(at);
		return c == ' ' || c == '.' || c == '-';
	}

	/**
	 * The first {@code :} of an address, after at most four hex digits at a boundary, in a
	 * run of address characters with {@code ::} or at least six colons. With fewer the
	 * validator rejects any candidate of the run, and skipping one changes nothing: no
	 * value can start inside the run (address characters are not boundaries), so where the
	 * search resumes after it does not matter.
	 */
	static void ipv6(String text, TextScan scan, Windows windows) {
		Positions colons = scan.colons();
		int length = text.length();
		for (int i = 0; i < colons.size(); i++) {
			int colon = colons.get(i);
			int hex = 0;
			while (hex < 5 && colon - hex > 0 && isHexDigit(text.charAt(colon - hex - 1))) {
				hex++;
			}
			int start = colon - hex;
			if (hex > 4 || (start > 0 && isIpv6BoundaryExcluded(text.charAt(start - 1)))) {
				continue;
			}
			int end = colon;
			int count = 0;
			boolean compressed = false;
			while (end < length && (isHexDigit(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '.')) {
				if (text.charAt(end) == ':') {
					count++;
					compressed |= end > start && text.charAt(end - 1) == ':';
				}
				end++;
			}
			if (compressed || count >= 6) {
				windows.add(start - 1, end + 1);
			}
		}
	}

	private static boolean digits(String text, int start, int count) {
		if (start + count > text.length()) {
			return false;
		}
		for (int i = start; i < start + count; i++) {
			if (!isDigit(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static int skipBlanks(String text, int from) {
		int i = from;
		while (i < text.length() && isBlank(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

	/** {@code [A-Za-z0-9_]} */
	private static boolean isWordChar(char c) {
		return isAsciiLetterOrDigit(c) || c == '_';
	}

	/** {@code (?i)[a-z0-9_]} */
	private static boolean isFoldedWordChar(char c) {
		return isLetterOrDigit(c) || c == '_';
	}

	/** {@code [A-Za-z0-9_-]} */
	private static boolean isTokenChar(char c) {
		return isWordChar(c) || c == '-';
	}

	/** {@code (?i)[a-z0-9_.-]} */
	private static boolean isKeyChar(char c) {
		return isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
	}

	private static boolean isPhoneChar(char c) {
		return isDigit(c) || c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '+';
	}

	private static boolean isSsnBoundaryExcluded(char c) {
		return isTokenChar(c);
	}

	private static boolean isPhoneBoundaryExcluded(char c) {
		return isWordChar(c) || c == '+';
	}

	private static boolean isIpv6BoundaryExcluded(char c) {
		return isWordChar(c) || c == ':' || c == '.';
	}

	/**
	 * The end of the run of characters of a class from a position, remembered so that
	 * asking from positions that increase takes time linear in the text altogether.
	 */
	static final class RunEnd {

		private final String text;

		private final CharTest test;

		private int from = -1;

		private int end = -1;

		RunEnd(String text, CharTest test) {
			this.text = text;
			this.test = test;
		}

		int end(int position) {
			if (this.from >= 0 && position >= this.from && position <= this.end) {
				return this.end;
			}
			int i = position;
			while (i < this.text.length() && this.test.test(this.text.charAt(i))) {
				i++;
			}
			this.from = position;
			this.end = i;
			return i;
		}

	}

	@FunctionalInterface
	interface CharTest {

		boolean test(char c);

	}

}
