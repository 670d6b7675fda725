package dev.agenttracing.redaction;

import dev.agenttracing.redaction.TriggeredDetector.FastPath;

import static dev.agenttracing.redaction.TextScan.isAsciiLetterOrDigit;
import static dev.agenttracing.redaction.TextScan.isDigit;
import static dev.agenttracing.redaction.TextScan.isLetterOrDigit;
import static dev.agenttracing.redaction.TextScan.isSpace;
import static dev.agenttracing.redaction.TextScan.regionMatchesFolded;

/**
 * {@link FastPath}s of the phone and secret patterns: the match the pattern has at a
 * trigger, computed directly when the text has one of the common shapes (a value in the
 * usual format, a key without quotes), else left to the pattern. The match is the first
 * alternative of the pattern that matches there with its greedy parts as long as they go,
 * and a shape is only computed where that path is the one that succeeds, and where the
 * match can only start where {@link BuiltInTriggers} says.
 */
final class BuiltInFastPaths {

	/** The trigger of a "password is ..." sentence, marked apart from a {@code :} or {@code =}. */
	static final long SENTENCE = 1L << 32;

	private static final String[][] PASSWORD_PREFIXES = { { "password", "passwd", "pwd" },
			{ "db", "user", "admin", "new", "old", "current", "account", "login" } };

	private static final String[][] SECRET_PREFIXES = { { "secret" }, { "client", "app", "api", "shared" } };

	private static final String[][] TOKEN_PREFIXES = { { "token" },
			{ "access", "refresh", "id", "auth", "session", "api", "bearer" } };

	/** Only after a prefix: "key" alone is not a secret-ish key. */
	private static final String[][] KEY_PREFIXES = { { "key" }, { "api", "access", "secret", "private" } };

	private BuiltInFastPaths() {
	}

	private static long value(int start, int end) {
		return ((long) start << 32) | end;
	}

	// Phone

	/**
	 * The phone pattern at a trigger: {@code +} or {@code 00} and digit groups; {@code (555) 123-4567};
	 * {@code 555-123-4567} and {@code 555 123 4567}; {@code 020 7946 0958}.
	 */
	static long phone(String text, long trigger) {
		int start = (int) trigger;
		char first = text.charAt(start);
		int end;
		if (first == '+') {
			end = international(text, start + 1);
		}
		else if (first == '(') {
			end = parenthesized(text, start);
		}
		else if (first == '0' && start + 2 < text.length() && text.charAt(start + 1) == '0') {
			// 00 and a country code: the pattern's first alternative.
			char countryCode = text.charAt(start + 2);
			end = (countryCode >= '1' && countryCode <= '9') ? international(text, start + 2) : -1;
		}
		else {
			int run = digitsEnd(text, start) - start;
			end = (run == 3) ? threeThreeFour(text, start) : -1;
			if (end < 0 && first == '0' && run >= 3 && run <= 5) {
				end = national(text, start, start + run);
			}
		}
		return (end > 0 && boundaryAt(text, end)) ? value(start, end) : FastPath.UNKNOWN;
	}

	/**
	 * {@code [1-9][0-9]{0,2}(?:[ .\-]?\([0-9]{1,4}\))?(?:[ .\-]?[0-9]{1,4}){2,6}} after the
	 * {@code +} or {@code 00}, for a country code of at most three digits and groups of at
	 * most four.
	 */
	private static int international(String text, int start) {
		int j = digitsEnd(text, start);
		if (j - start > 3) {
			return -1;
		}
		int paren = (separatorAt(text, j) && j + 1 < text.length() && text.charAt(j + 1) == '(') ? j + 1 : j;
		if (paren < text.length() && text.charAt(paren) == '(') {
			int close = digitsEnd(text, paren + 1);
			if (close == paren + 1 || close - paren - 1 > 4 || close >= text.length() || text.charAt(close) != ')') {
				return -1;
			}
			j = close + 1;
		}
		int groups = 0;
		while (groups < 6) {
			int group = (separatorAt(text, j) && j + 1 < text.length() && isDigit(text.charAt(j + 1))) ? j + 1 : j;
			int end = digitsEnd(text, group);
			if (end == group) {
				break;
			}
			if (end - group > 4) {
				return -1;
			}
			j = end;
			groups++;
		}
		return (groups >= 2) ? j : -1;
	}

	/** {@code \([0-9]{3}\)[ .\-]?[0-9]{3}[ .\-][0-9]{4}} */
	private static int parenthesized(String text, int start) {
		if (digitsEnd(text, start + 1) != start + 4 || start + 4 >= text.length() || text.charAt(start + 4) != ')') {
			return -1;
		}
		int j = separatorAt(text, start + 5) ? start + 6 : start + 5;
		if (digitsEnd(text, j) != j + 3 || !separatorAt(text, j + 3) || digitsEnd(text, j + 4) != j + 8) {
			return -1;
		}
		return j + 8;
	}

	/** {@code [0-9]{3}[.\-][0-9]{3}[.\-][0-9]{4}} or {@code [0-9]{3} [0-9]{3} [0-9]{4}} */
	private static int threeThreeFour(String text, int start) {
		if (!separatorAt(text, start + 3) || digitsEnd(text, start + 4) != start + 7 || !separatorAt(text, start + 7)
				|| digitsEnd(text, start + 8) != start + 12) {
			return -1;
		}
		boolean spaces = text.charAt(start + 3) == ' ' && text.charAt(start + 7) == ' ';
		boolean dashesOrDots = text.charAt(start + 3) != ' ' && text.charAt(start + 7) != ' ';
		return (spaces || dashesOrDots) ? start + 12 : -1;
	}

	/** {@code 0[0-9]{2,4}[ \-][0-9]{3,4}[ \-]?[0-9]{3,4}}, for groups separated both times. */
	private static int national(String text, int start, int areaEnd) {
		if (!spaceOrDashAt(text, areaEnd)) {
			return -1;
		}
		int second = digitsEnd(text, areaEnd + 1);
		if (second - areaEnd - 1 < 3 || second - areaEnd - 1 > 4 || !spaceOrDashAt(text, second)) {
			return -1;
		}
		int third = digitsEnd(text, second + 1);
		return (third - second - 1 >= 3 && third - second - 1 <= 4) ? third : -1;
	}

	/** {@code (?:$|[^A-Za-z0-9_])} */
	private static boolean boundaryAt(String text, int at) {
		return at == text.length() || !(isAsciiLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_');
	}

	private static boolean separatorAt(String text, int at) {
		if (at >= text.length()) {
			return false;
		}
		char c = text.charAt(at);
		return c == ' ' || c == '.' || c == '-';
	}

	private static boolean spaceOrDashAt(String text, int at) {
		return at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '-');
	}

	private static int digitsEnd(String text, int start) {
		int end = start;
		while (end < text.length() && isDigit(text.charAt(end))) {
			end++;
		}
		return end;
	}

	// Secret

	/**
	 * The secret pattern at a trigger: {@code key=value}, {@code key: value},
	 * {@code key: "value"} and {@code key: 'value'} with the key alone (no quotes, dots or
	 * dashes around or in it); "password is ..." sentences.
	 */
	static long secret(String text, long trigger) {
		if ((trigger & SENTENCE) != 0) {
			return sentence(text, (int) trigger);
		}
		int separator = (int) trigger;
		int keyEnd = separator;
		while (keyEnd > 0 && isBlank(text.charAt(keyEnd - 1))) {
			keyEnd--;
		}
		int keyStart = keyEnd;
		while (keyStart > 0 && (isLetterOrDigit(text.charAt(keyStart - 1)) || text.charAt(keyStart - 1) == '_')) {
			keyStart--;
		}
		if (keyStart == keyEnd) {
			return FastPath.UNKNOWN;
		}
		if (keyStart > 0) {
			// A boundary that is not a quote, a backslash, a dot or a dash: nothing else can
			// start the match.
			char before = text.charAt(keyStart - 1);
			if (before == '"' || before == '\'' || before == '\\' || before == '.' || before == '-') {
				return FastPath.UNKNOWN;
			}
		}
		if (!isSecretKey(text, keyStart, keyEnd)) {
			return FastPath.UNKNOWN;
		}
		int value = separator + 1;
		while (value < text.length() && isBlank(text.charAt(value))) {
			value++;
		}
		if (value == text.length()) {
			return FastPath.UNKNOWN;
		}
		char first = text.charAt(value);
		if (first == '"') {
			int end = value + 1;
			while (end < text.length() && "\"\\\r\n".indexOf(text.charAt(end)) < 0) {
				end++;
			}
			return (end > value + 1 && end < text.length() && text.charAt(end) == '"') ? value(value + 1, end)
					: FastPath.UNKNOWN;
		}
		if (first == '\'') {
			int end = value + 1;
			while (end < text.length() && "'\r\n".indexOf(text.charAt(end)) < 0) {
				end++;
			}
			return (end > value + 1 && end < text.length() && text.charAt(end) == '\'') ? value(value + 1, end)
					: FastPath.UNKNOWN;
		}
		if (first == '\\' || first == '<' || first == '>' || isSpace(first)) {
			return FastPath.UNKNOWN;
		}
		int end = value;
		while (end < text.length() && !isSpace(text.charAt(end)) && "\"'<>".indexOf(text.charAt(end)) < 0) {
			end++;
		}
		return value(value, end);
	}

	/**
	 * Whether a key of letters, digits and underscores is a secret-ish key: a keyword
	 * ({@code password}, {@code api_key}, {@code client_secret}...), or one after an
	 * underscore.
	 */
	private static boolean isSecretKey(String text, int start, int end) {
		return endsWithKeyword(text, start, end, PASSWORD_PREFIXES, true, false)
				|| endsWithKeyword(text, start, end, SECRET_PREFIXES, true, false)
				|| endsWithKeyword(text, start, end, TOKEN_PREFIXES, true, false)
				|| endsWithKeyword(text, start, end, KEY_PREFIXES, false, true) || keywordAt(text, start, end, end - 3, "pin")
				|| keywordAt(text, start, end, end - 10, "passphrase") || keywordAt(text, start, end, end - 8, "passcode");
	}

	/**
	 * Whether the key ends with one of the words of {@code words[0]}, alone if
	 * {@code alone}, or after one of {@code words[1]} (or one and a {@code _} if
	 * {@code separated}), at its start or after an underscore.
	 */
	private static boolean endsWithKeyword(String text, int start, int end, String[][] words, boolean alone,
			boolean separated) {
		for (String word : words[0]) {
			int wordStart = end - word.length();
			if (wordStart < start || !regionMatchesFolded(text, wordStart, word)) {
				continue;
			}
			if (wordStart == start) {
				return alone;
			}
			if (alone && text.charAt(wordStart - 1) == '_') {
				return true;
			}
			for (String prefix : words[1]) {
				int prefixStart = wordStart - prefix.length();
				if (keywordAt(text, start, wordStart, prefixStart, prefix)) {
					return true;
				}
				if (separated && text.charAt(wordStart - 1) == '_'
						&& keywordAt(text, start, wordStart - 1, prefixStart - 1, prefix)) {
					return true;
				}
			}
		}
		return false;
	}

	/** Whether the word is at {@code at}, ending at {@code end}, at the key's start or after an underscore. */
	private static boolean keywordAt(String text, int keyStart, int end, int at, String word) {
		return at >= keyStart && at + word.length() == end && regionMatchesFolded(text, at, word)
				&& (at == keyStart || text.charAt(at - 1) == '_');
	}

	/** {@code (?:password|passcode|passphrase|pin)[ \t]+(?:is|was)[ \t]+([^\s"',;]{4,})} */
	private static long sentence(String text, int start) {
		for (String keyword : new String[] { "password", "passcode", "passphrase", "pin" }) {
			if (!regionMatchesFolded(text, start, keyword)) {
				continue;
			}
			int j = skipBlanks(text, start + keyword.length());
			if (j == start + keyword.length()) {
				return FastPath.UNKNOWN;
			}
			if (regionMatchesFolded(text, j, "is")) {
				j += 2;
			}
			else if (regionMatchesFolded(text, j, "was")) {
				j += 3;
			}
			else {
				return FastPath.UNKNOWN;
			}
			int value = skipBlanks(text, j);
			int end = value;
			while (end < text.length() && !isSpace(text.charAt(end)) && "\"',;".indexOf(text.charAt(end)) < 0) {
				end++;
			}
			// Four characters as the pattern counts them: code points.
			return (value > j && Character.codePointCount(text, value, end) >= 4) ? value(value, end)
					: FastPath.UNKNOWN;
		}
		return FastPath.UNKNOWN;
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

}
