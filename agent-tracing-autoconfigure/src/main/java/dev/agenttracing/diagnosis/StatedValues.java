package dev.agenttracing.diagnosis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values an answer states and the values its inputs hold, compared in a normal form
 * so that formats do not matter: {@code 4900}, {@code 4,900}, {@code 4.900},
 * {@code 4 900}, {@code 4.900,00} and {@code 4900.00} are one value; {@code 2026-03-04}
 * and {@code March 4, 2026} are one date; ids compare without case.
 * <p>
 * A stated value is an id ({@code INV-7731}, {@code c-042}, {@code #4521}), a date, or a
 * number that is an amount or a measure: with a currency ({@code €}, {@code EUR},
 * {@code euros}) or a unit ({@code %}, {@code days}, {@code GB}, ...), with decimals,
 * grouped in thousands, or of five digits or more. Bare integers below 10,000 (counts,
 * list numbers, years), ordinals and numbers inside words are not stated values. The text
 * looked at is cut to {@value #MAX_CHARS} characters.
 */
final class StatedValues {

	static final int MAX_CHARS = 32_768;

	private static final String MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
			+ "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

	private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");

	private static final Pattern SLASH_DATE = Pattern.compile("(?<![\\d/])(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})(?![\\d/])");

	private static final Pattern MONTH_FIRST = Pattern.compile(
			"(?i)\\b(" + MONTHS + ")\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b");

	private static final Pattern DAY_FIRST = Pattern.compile(
			"(?i)\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(" + MONTHS + ")\\.?,? (\\d{4})\\b");

	private static final Pattern NUMBER = Pattern
		.compile("(?<![\\w.,])(\\d{1,3}(?:[,.\\u00A0\\u202F ]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d+)?)(?![\\w])");

	private static final Pattern CURRENCY_BEFORE = Pattern
		.compile("(?:[$€£¥₹]|\\b(?:EUR|USD|GBP|JPY|CHF|CAD|AUD|CNY|INR|SEK|NOK|DKK|PLN|BRL|MXN))\\s?$");

	private static final Pattern UNIT_AFTER = Pattern.compile("(?i)^(?:\\s?(?:%|‰|[$€£¥₹])|\\s?(?:EUR|USD|GBP|JPY|CHF"
			+ "|CAD|AUD|CNY|INR|SEK|NOK|DKK|PLN|BRL|MXN|euros?|dollars?|yen|pounds?|cents?|percent|per ?cent"
			+ "|days?|hours?|hrs?|h|minutes?|mins?|seconds?|secs?|s|ms|weeks?|months?|years?|business days?"
			+ "|working days?|GB|MB|KB|TB|GiB|MiB|kg|g|km|m|cm|mm|lbs?|miles?|tokens?|credits?|points?)\\b)");

	private static final Pattern RANGE_TAIL = Pattern.compile("^\\s?(?:-|–|to)\\s?\\d+(?:[.,]\\d+)?");

	private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(Map.entry("one", "1"), Map.entry("two", "2"),
			Map.entry("three", "3"), Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"),
			Map.entry("seven", "7"), Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"),
			Map.entry("eleven", "11"), Map.entry("twelve", "12"), Map.entry("fifteen", "15"),
			Map.entry("twenty", "20"), Map.entry("thirty", "30"), Map.entry("fifty", "50"),
			Map.entry("hundred", "100"), Map.entry("a week", "7"), Map.entry("a month", "1"));

	private static final Pattern WORD = Pattern.compile("(?i)\\b(one|two|three|four|five|six|seven|eight|nine|ten"
			+ "|eleven|twelve|fifteen|twenty|thirty|fifty|hundred)\\b");

	private StatedValues() {
	}

	/** A value stated in an answer: as written, and its normal forms. */
	record Value(String text, Set<String> forms) {
	}

	/**
	 * The values an answer states, each once.
	 */
	static List<Value> stated(String answer) {
		String text = cut(answer);
		if (!hasDigit(text)) {
			// Every stated value has a digit: most answers are done here.
			return List.of();
		}
		List<Value> values = new ArrayList<>();
		StringBuilder rest = new StringBuilder(text);
		for (int[] id : ids(text)) {
			String written = text.substring(id[0], id[1]);
			values.add(new Value(written, Set.of(idForm(written))));
			blank(rest, id[0], id[1]);
		}
		for (Pattern datePattern : datePatterns(rest)) {
			Matcher date = datePattern.matcher(rest);
			while (date.find()) {
				values.add(new Value(date.group(), dateForms(datePattern, date)));
				blank(rest, date.start(), date.end());
			}
		}
		String remaining = rest.toString();
		Matcher number = NUMBER.matcher(remaining);
		while (number.find()) {
			String written = number.group(1);
			if (isStatedNumber(remaining, number.start(1), number.end(1), written)) {
				values.add(new Value(written, numberForms(written)));
			}
		}
		Set<String> seen = new HashSet<>();
		values.removeIf((value) -> !seen.add(value.text()));
		return values;
	}

	/**
	 * The date patterns worth trying on a text: regular expressions are slow to scan a
	 * text with, and most texts have no date.
	 */
	private static List<Pattern> datePatterns(CharSequence text) {
		boolean separated = false;
		boolean year = false;
		int run = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isDigit(c)) {
				run++;
				year |= run == 4;
			}
			else {
				if (run > 0 && (c == '-' || c == '/' || c == '.') && i + 1 < text.length()
						&& Character.isDigit(text.charAt(i + 1))) {
					separated = true;
				}
				run = 0;
			}
		}
		if (!year) {
			return List.of();
		}
		List<Pattern> patterns = new ArrayList<>(4);
		if (separated) {
			patterns.add(ISO_DATE);
			patterns.add(SLASH_DATE);
		}
		if (mentionsMonth(text)) {
			patterns.add(MONTH_FIRST);
			patterns.add(DAY_FIRST);
		}
		return patterns;
	}

	private static boolean mentionsMonth(CharSequence text) {
		String lower = text.toString().toLowerCase(Locale.ROOT);
		for (String month : MONTH_PREFIXES) {
			if (lower.contains(month)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Where the ids of a text are: one to six letters, {@code -}, two digits or more, then
	 * letters or digits ({@code INV-7731}, {@code c-042}), or {@code #} and three digits or
	 * more, standing alone (no word character or {@code -} on either side). Read by hand:
	 * a regular expression with look-arounds costs more than the rest of the diagnosis.
	 */
	static List<int[]> ids(String text) {
		List<int[]> ids = null;
		int length = text.length();
		for (int i = 0; i + 1 < length; i++) {
			char c = text.charAt(i);
			if ((c != '-' && c != '#') || !isDigit(text.charAt(i + 1))) {
				continue;
			}
			int start = i;
			if (c == '-') {
				while (start > 0 && i - start < 6 && isAsciiLetter(text.charAt(start - 1))) {
					start--;
				}
				if (start == i) {
					continue;
				}
			}
			if (start > 0 && isIdJoiner(text.charAt(start - 1))) {
				continue;
			}
			int end = i + 1;
			while (end < length && isDigit(text.charAt(end))) {
				end++;
			}
			if (end - i - 1 < ((c == '-') ? 2 : 3)) {
				continue;
			}
			if (c == '-') {
				while (end < length && (isAsciiLetter(text.charAt(end)) || isDigit(text.charAt(end)))) {
					end++;
				}
			}
			if (end < length && isIdJoiner(text.charAt(end))) {
				continue;
			}
			if (ids == null) {
				ids = new ArrayList<>(2);
			}
			ids.add(new int[] { start, end });
			i = end - 1;
		}
		return (ids != null) ? ids : List.of();
	}

	private static boolean isIdJoiner(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-';
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean hasDigit(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isDigit(text.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static final List<String> MONTH_PREFIXES = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul",
			"aug", "sep", "oct", "nov", "dec");

	/**
	 * The normal forms of every value the inputs hold: every number (whatever its
	 * context), number words, ids and dates.
	 */
	static Set<String> held(Iterable<String> inputs) {
		Set<String> forms = new HashSet<>();
		for (String input : inputs) {
			if (input == null || input.isEmpty()) {
				continue;
			}
			String text = cut(input);
			if (!hasDigit(text) && !WORD.matcher(text).find()) {
				continue;
			}
			for (int[] id : ids(text)) {
				forms.add(idForm(text.substring(id[0], id[1])));
			}
			for (Pattern datePattern : datePatterns(text)) {
				Matcher date = datePattern.matcher(text);
				while (date.find()) {
					forms.addAll(dateForms(datePattern, date));
				}
			}
			Matcher number = NUMBER.matcher(text);
			while (number.find()) {
				forms.addAll(numberForms(number.group(1)));
			}
			// Numbers inside ids and words ("INV-7731", "v2") count as held too.
			Matcher digits = DIGITS.matcher(text);
			while (digits.find()) {
				forms.addAll(numberForms(digits.group()));
			}
			Matcher word = WORD.matcher(text);
			while (word.find()) {
				forms.add("n:" + NUMBER_WORDS.get(word.group(1).toLowerCase(Locale.ROOT)));
			}
		}
		return forms;
	}

	private static final Pattern DIGITS = Pattern.compile("\\d+");

	private static boolean isStatedNumber(String text, int start, int end, String written) {
		String before = text.substring(Math.max(0, start - 5), start);
		String after = text.substring(end, Math.min(text.length(), end + 24));
		if (CURRENCY_BEFORE.matcher(before).find() || UNIT_AFTER.matcher(after).find()) {
			return true;
		}
		Matcher range = RANGE_TAIL.matcher(after);
		if (range.find() && UNIT_AFTER.matcher(after.substring(range.end())).find()) {
			return true;
		}
		// Decimals or thousands separators make it a measure; so do five digits or more.
		for (int i = 0; i < written.length(); i++) {
			if (!Character.isDigit(written.charAt(i))) {
				return true;
			}
		}
		return written.length() >= 5;
	}

	/**
	 * The values a number can be read as: one, or two when a single separator before
	 * three digits may group thousands or mark decimals ({@code 4.900}).
	 */
	static Set<String> numberForms(String written) {
		String digits = written.replace('\u00A0', ' ').replace('\u202F', ' ').replace(" ", "");
		Set<String> forms = new LinkedHashSet<>(2);
		int lastDot = digits.lastIndexOf('.');
		int lastComma = digits.lastIndexOf(',');
		if (lastDot >= 0 && lastComma >= 0) {
			char decimal = (lastDot > lastComma) ? '.' : ',';
			char group = (decimal == '.') ? ',' : '.';
			add(forms, digits.replace(String.valueOf(group), "").replace(decimal, '.'));
		}
		else if (lastDot >= 0 || lastComma >= 0) {
			char separator = (lastDot >= 0) ? '.' : ',';
			int count = digits.length() - digits.replace(String.valueOf(separator), "").length();
			int tail = digits.length() - digits.lastIndexOf(separator) - 1;
			if (count > 1) {
				add(forms, digits.replace(String.valueOf(separator), ""));
			}
			else if (tail == 3) {
				add(forms, digits.replace(String.valueOf(separator), ""));
				add(forms, digits.replace(separator, '.'));
			}
			else {
				add(forms, digits.replace(separator, '.'));
			}
		}
		else {
			add(forms, digits);
		}
		return forms;
	}

	private static void add(Set<String> forms, String plain) {
		try {
			forms.add("n:" + new BigDecimal(plain).stripTrailingZeros().toPlainString());
		}
		catch (NumberFormatException ex) {
			forms.add("t:" + plain);
		}
	}

	private static String idForm(String id) {
		return "i:" + id.toUpperCase(Locale.ROOT);
	}

	private static Set<String> dateForms(Pattern pattern, Matcher date) {
		Set<String> forms = new LinkedHashSet<>(2);
		if (pattern == ISO_DATE) {
			forms.add(date(date.group(1), date.group(2), date.group(3)));
		}
		else if (pattern == SLASH_DATE) {
			forms.add(date(date.group(3), date.group(1), date.group(2)));
			forms.add(date(date.group(3), date.group(2), date.group(1)));
		}
		else if (pattern == MONTH_FIRST) {
			forms.add(date(date.group(3), month(date.group(1)), date.group(2)));
		}
		else {
			forms.add(date(date.group(3), month(date.group(2)), date.group(1)));
		}
		return forms;
	}

	private static String date(String year, String month, String day) {
		return "d:" + year + "-" + pad(month) + "-" + pad(day);
	}

	private static String pad(String value) {
		return (value.length() == 1) ? "0" + value : value;
	}

	private static String month(String name) {
		String key = name.substring(0, 3).toLowerCase(Locale.ROOT);
		int index = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
			.indexOf(key);
		return String.valueOf(index + 1);
	}

	private static void blank(StringBuilder text, int start, int end) {
		for (int i = start; i < end; i++) {
			text.setCharAt(i, ' ');
		}
	}

	private static String cut(String text) {
		return (text.length() > MAX_CHARS) ? text.substring(0, MAX_CHARS) : text;
	}

}
