package dev.agenttracing.redaction;

import dev.agenttracing.redaction.Detector.Sink;
import dev.agenttracing.redaction.PatternDetector.Validator;
import dev.agenttracing.redaction.TextScan.Positions;
import org.jspecify.annotations.Nullable;

import static dev.agenttracing.redaction.TextScan.isAsciiLetterOrDigit;
import static dev.agenttracing.redaction.TextScan.isDigit;

/**
 * Phone numbers. A candidate is a whole run of digit groups joined by one separator each
 * ({@code space . - /}) or parentheses, from a {@code +}, a {@code (} or a number that
 * nothing number-like comes before; the run is judged whole, never in parts, so that a
 * phone number is not found inside a longer grouped number (a card, an IBAN, a date and
 * time). A run is a phone number when it is:
 * <ul>
 * <li>international: {@code +} or {@code 00} and 8 to 15 digits;</li>
 * <li>North American: {@code (415) 555-0134}, {@code 415-555-0134}, {@code 415.555.0134},
 * {@code 415 555 0134}, with or without a leading {@code 1};</li>
 * <li>national with a trunk {@code 0}: 10 or 11 digits in groups of 2 or more
 * ({@code 06 12 34 56 78}, {@code 030/1234567}, {@code 03-1234-5678},
 * {@code 020 7946 0958});</li>
 * <li>ungrouped, 10 or 11 digits, only with a phone word shortly before ("call",
 * "phone", "tel", "mobile", "Handy", "téléphone"...) or as the value of a JSON field so
 * named, because an ungrouped number is just as often an order number or a timestamp;
 * everywhere with {@link RedactionConfig#ungroupedPhoneNumbers()}.</li>
 * </ul>
 */
final class PhoneScanner {

	private static final String[] PHONE_WORDS = { "phone", "tel", "mobile", "cell", "call", "sms", "whatsapp", "fax",
			"handy", "portable", "rappel", "telefon", "tel\u00E9fono", "telefono", "t\u00E9l\u00E9phone", "numero",
			"n\u00FAmero", "num\u00E9ro", "nummer", "contact number", "reach me" };

	private static final int MAX_GROUPS = 8;

	/** Whether an ungrouped number needs no phone word before it. */
	private final boolean ungrouped;

	PhoneScanner(boolean ungrouped) {
		this.ungrouped = ungrouped;
	}

	void phone(String text, TextScan scan, Validator validator, Sink sink) {
		int from = 0;
		Positions signs = scan.plusOrParens();
		Positions numbers = scan.numbers();
		int s = 0;
		int n = 0;
		while (s < signs.size() || n < numbers.size()) {
			int start;
			if (n >= numbers.size() || (s < signs.size() && signs.get(s) < numbers.get(n))) {
				start = signs.get(s++);
			}
			else {
				start = numbers.get(n++);
			}
			if (start < from || !startsAlone(text, start)) {
				continue;
			}
			int end = candidate(text, start, scan.field());
			if (end > start) {
				sink.found(start, end);
				from = end;
			}
		}
	}

	/** Nothing number-like before: no digit, letter or {@code + _} and no digit and separator. */
	private static boolean startsAlone(String text, int start) {
		if (start == 0) {
			return true;
		}
		char before = text.charAt(start - 1);
		if (isAsciiLetterOrDigit(before) || before == '_' || before == '+' || before == '(' && text.charAt(start) != '+') {
			return false;
		}
		boolean separator = before == ' ' || before == '-' || before == '.' || before == '/';
		return !(separator && start >= 2 && (isDigit(text.charAt(start - 2))
				|| (before != ' ' && TextScan.isAsciiLetter(text.charAt(start - 2)))));
	}

	/** The end of the phone number at {@code start}, or -1. */
	private int candidate(String text, int start, @Nullable String field) {
		int length = text.length();
		int[] groups = new int[MAX_GROUPS];
		int count = 0;
		int digits = 0;
		int i = start;
		boolean plus = text.charAt(i) == '+';
		boolean parenthesized = false;
		int separators = 0;
		int pending = 0;
		if (plus) {
			i++;
		}
		int end = -1;
		while (i < length && count < MAX_GROUPS) {
			boolean paren = text.charAt(i) == '(';
			int groupStart = paren ? i + 1 : i;
			int groupEnd = groupStart;
			while (groupEnd < length && isDigit(text.charAt(groupEnd))) {
				groupEnd++;
			}
			if (groupEnd == groupStart || (paren && (groupEnd >= length || text.charAt(groupEnd) != ')'))) {
				break;
			}
			parenthesized |= paren && count == 0;
			separators |= pending;
			groups[count++] = groupEnd - groupStart;
			digits += groupEnd - groupStart;
			end = paren ? groupEnd + 1 : groupEnd;
			i = end;
			// One separator (a space may follow a parenthesis) and a digit or '(' after it.
			char separator = 0;
			if (i < length && (text.charAt(i) == ' ' || text.charAt(i) == '-' || text.charAt(i) == '.'
					|| text.charAt(i) == '/')) {
				separator = text.charAt(i++);
			}
			if (i == end && !(paren && i < length && isDigit(text.charAt(i)))) {
				break;
			}
			if (i >= length || !(isDigit(text.charAt(i)) || text.charAt(i) == '(')) {
				break;
			}
			pending = (paren || separator == 0) ? 0 : 1 << (separator % 8);
		}
		if (count == 0 || count == MAX_GROUPS) {
			return -1;
		}
		// A run that goes on into letters or another separator and group is something else.
		if (end < length && (isAsciiLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
			return -1;
		}
		if (end + 1 < length && (text.charAt(end) == '-' || text.charAt(end) == '/') && isAsciiLetterOrDigit(text.charAt(end + 1))) {
			return -1;
		}
		return isPhone(text, start, plus, parenthesized, groups, count, digits, separators, field) ? end : -1;
	}

	private boolean isPhone(String text, int start, boolean plus, boolean parenthesized, int[] groups, int count,
			int digits, int separators, @Nullable String field) {
		char first = text.charAt(plus || parenthesized ? start + 1 : start);
		if (plus) {
			return first != '0' && digits >= 8 && digits <= 15 && count >= 1;
		}
		if (first == '0' && text.startsWith("00", start) && !text.startsWith("000", start)) {
			return digits - 2 >= 8 && digits - 2 <= 15 && count >= 2;
		}
		if (count == 1) {
			return digits >= 10 && digits <= 11 && (this.ungrouped || phoneWordBefore(text, start) || phoneWord(field));
		}
		if (northAmerican(first, groups, count, parenthesized)) {
			return true;
		}
		// A national number keeps to one separator ("01.02.2024 10:30" is a date and a time).
		if (first != '0' || Integer.bitCount(separators) > 1 || digits < 10 || digits > 11 || groups[0] > 6) {
			return false;
		}
		boolean pairs = true;
		for (int g = 0; g < count; g++) {
			if (groups[g] < 2) {
				return false;
			}
			pairs &= groups[g] == 2;
		}
		// French numbers are pairs (dotted too); others end with a group of three or more.
		return pairs || (groups[count - 1] >= 3 && separators != 1 << ('.' % 8));
	}

	private static boolean northAmerican(char first, int[] groups, int count, boolean parenthesized) {
		int g = 0;
		if (count == 4 && groups[0] == 1 && first == '1') {
			g = 1;
		}
		return count - g == 3 && groups[g] == 3 && groups[g + 1] == 3 && groups[g + 2] == 4
				&& (g == 1 || parenthesized || first >= '2');
	}

	/** Whether a JSON field's name is a phone word ({@code phone}, {@code mobileNumber}). */
	private static boolean phoneWord(@Nullable String field) {
		if (field == null || field.length() > 64) {
			return false;
		}
		for (int i = 0; i < field.length(); i++) {
			for (String word : PHONE_WORDS) {
				if (field.regionMatches(true, i, word, 0, word.length())) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean phoneWordBefore(String text, int start) {
		for (int i = start - 2; i >= Math.max(0, start - 32); i--) {
			for (String word : PHONE_WORDS) {
				if (text.regionMatches(true, i, word, 0, word.length())) {
					return true;
				}
			}
		}
		return false;
	}

}
