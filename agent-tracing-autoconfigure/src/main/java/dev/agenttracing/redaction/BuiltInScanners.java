package dev.agenttracing.redaction;

import dev.agenttracing.redaction.Detector.Sink;
import dev.agenttracing.redaction.PatternDetector.Validator;
import dev.agenttracing.redaction.TextScan.Positions;

import static dev.agenttracing.redaction.TextScan.isAsciiLetter;
import static dev.agenttracing.redaction.TextScan.isAsciiLetterOrDigit;
import static dev.agenttracing.redaction.TextScan.isDigit;
import static dev.agenttracing.redaction.TextScan.isLetter;
import static dev.agenttracing.redaction.TextScan.isLetterOrDigit;
import static dev.agenttracing.redaction.TextScan.isSpace;
import static dev.agenttracing.redaction.TextScan.regionMatchesFolded;

/**
 * Hand-written matchers for the built-in patterns whose matches are determined without
 * search: at each place a value can start, the pattern's greedy parts can only stop where
 * the matcher stops them, so the first match the pattern would choose there is computed
 * directly, in time proportional to its length. Each finds what its pattern in
 * {@link BuiltInDetectors} finds over the whole text (the tests compare them): the values
 * are checked by the same validators, and the search resumes where the pattern's would
 * (after a value, or after a rejected candidate), so that a rejected candidate hides what
 * overlaps it just as before.
 * <p>
 * Where a pattern consumes a boundary character before the value, "the match starts" at
 * that character; a match may start at or after the end of the previous value or
 * candidate ({@code from}).
 */
final class BuiltInScanners {

	private BuiltInScanners() {
	}

	/**
	 * A detector that scans with a matcher of this class.
	 */
	static Detector detector(String name, Validator validator, Scanner scanner) {
		return new Detector() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public void detect(String text, TextScan scan, Sink sink) {
				scanner.scan(text, scan, validator, sink);
			}

		};
	}

	/**
	 * Finds the values of a pattern, checking each candidate with the validator.
	 */
	@FunctionalInterface
	interface Scanner {

		void scan(String text, TextScan scan, Validator validator, Sink sink);

	}

	/**
	 * Report a candidate value and return where the search resumes, as
	 * {@link PatternDetector} does.
	 */
	private static int report(String text, int start, int end, Validator validator, Sink sink) {
		int accepted = validator.accept(text, start, end);
		if (accepted > start) {
			sink.found(start, accepted);
			return accepted;
		}
		return end;
	}

	/** Where a match whose value starts at {@code valueStart} after a boundary starts. */
	private static int matchStart(int valueStart) {
		return (valueStart == 0) ? 0 : valueStart - 1;
	}

	/**
	 * {@code (?:^|[^A-Za-z0-9_\-])(eyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*)}:
	 * the parts are whole runs of token characters, which cannot hold the dots.
	 */
	static void jwt(String text, TextScan scan, Validator validator, Sink sink) {
		Positions starts = scan.wordStarts();
		int from = 0;
		for (int i = 0; i < starts.size(); i++) {
			int start = starts.get(i);
			if (text.charAt(start) != 'e' || matchStart(start) < from
					|| (start > 0 && isTokenChar(text.charAt(start - 1)))) {
				continue;
			}
			int first = tokenEnd(text, start + 3);
			if (first - start < 8 || !text.startsWith(".eyJ", first)) {
				continue;
			}
			int second = tokenEnd(text, first + 4);
			if (second - first < 9 || second >= text.length() || text.charAt(second) != '.') {
				continue;
			}
			from = report(text, start, tokenEnd(text, second + 1), validator, sink);
		}
	}

	/**
	 * A whole token ({@code [A-Za-z0-9_-]+} between characters that are not) in a
	 * provider's form; a Salesforce session id ({@code 00D...!...}); the secret path of a
	 * Slack webhook URL.
	 */
	static void apiKey(String text, TextScan scan, Validator validator, Sink sink) {
		Positions starts = scan.wordStarts();
		int from = 0;
		for (int i = 0; i < starts.size(); i++) {
			int start = starts.get(i);
			if (start < from || (start > 0 && isTokenChar(text.charAt(start - 1)))) {
				continue;
			}
			int end = tokenEnd(text, start);
			if (isApiKey(text, start, end)) {
				from = report(text, start, end, validator, sink);
			}
		}
		Positions numbers = scan.numbers();
		for (int i = 0; i < numbers.size(); i++) {
			int start = numbers.get(i);
			// Salesforce: the 15 or 18 characters of the org id, '!', the session.
			if (numbers.end(i) - start == 2 && text.startsWith("00D", start)) {
				int org = tokenEnd(text, start);
				if ((org - start == 15 || org - start == 18) && org < text.length() && text.charAt(org) == '!') {
					int end = org + 1;
					while (end < text.length() && (isAsciiLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.'
							|| text.charAt(end) == '_')) {
						end++;
					}
					if (end - org > 40) {
						sink.found(start, end);
					}
				}
			}
		}
		Positions colons = scan.colons();
		for (int i = 0; i < colons.size(); i++) {
			int colon = colons.get(i);
			if (text.startsWith("//hooks.slack.com/services/", colon + 1)) {
				int path = colon + 28;
				int end = path;
				while (end < text.length() && (isAsciiLetterOrDigit(text.charAt(end)) || text.charAt(end) == '/')) {
					end++;
				}
				if (end - path >= 20) {
					sink.found(path, end);
				}
			}
		}
	}

	private static boolean isApiKey(String text, int start, int end) {
		int length = end - start;
		switch (text.charAt(start)) {
			case 's' -> {
				// sk-ant-..., sk-proj-... and sk-... all fit sk-[A-Za-z0-9_-]{20,}; words joined by dashes do not.
				return (text.startsWith("sk-", start) && length >= 23 && hasDigit(text, start + 3, end))
						|| stripeKey(text, start, end);
			}
			case 'r' -> {
				return stripeKey(text, start, end);
			}
			case 'w' -> {
				return length >= 30 && text.startsWith("whsec_", start) && all(text, start + 6, end, TextScan::isAsciiLetterOrDigit);
			}
			case 'n' -> {
				return length == 40 && text.startsWith("npm_", start) && all(text, start + 4, end, TextScan::isAsciiLetterOrDigit);
			}
			case 'A' -> {
				if (text.startsWith("AIza", start)) {
					return length == 39;
				}
				return length == 20 && (text.startsWith("AKIA", start) || text.startsWith("ASIA", start)
						|| text.startsWith("ABIA", start) || text.startsWith("ACCA", start))
						&& all(text, start + 4, end, BuiltInScanners::isUpperCaseOrDigit);
			}
			case 'g' -> {
				if (text.startsWith("github_pat_", start)) {
					return length >= 33 && all(text, start + 11, end, (c) -> isAsciiLetterOrDigit(c) || c == '_');
				}
				if (text.startsWith("glpat-", start)) {
					return length >= 26;
				}
				return length >= 40 && text.charAt(start + 1) == 'h' && "pousr".indexOf(text.charAt(start + 2)) >= 0
						&& text.charAt(start + 3) == '_' && all(text, start + 4, end, TextScan::isAsciiLetterOrDigit);
			}
			case 'x' -> {
				if (text.startsWith("xapp-", start)) {
					return length >= 30 && hasDigit(text, start, end);
				}
				return length >= 15 && text.startsWith("xox", start) && "abprs".indexOf(text.charAt(start + 3)) >= 0
						&& text.charAt(start + 4) == '-'
						&& all(text, start + 5, end, (c) -> isAsciiLetterOrDigit(c) || c == '-');
			}
			default -> {
				return false;
			}
		}
	}

	private static boolean hasDigit(String text, int start, int end) {
		for (int i = start; i < end; i++) {
			if (isDigit(text.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	/** {@code [sr]k_(?:live|test)_[A-Za-z0-9]{16,}} */
	private static boolean stripeKey(String text, int start, int end) {
		return end - start >= 24 && text.startsWith("k_", start + 1)
				&& (text.startsWith("live_", start + 3) || text.startsWith("test_", start + 3))
				&& all(text, start + 8, end, TextScan::isAsciiLetterOrDigit);
	}

	/**
	 * {@code (?:^|[^A-Za-z0-9_])(?i:bearer)\s+([A-Za-z0-9\-._~+/]{8,}=*)}: the white space,
	 * the token and the padding are whole runs.
	 */
	static void bearerToken(String text, TextScan scan, Validator validator, Sink sink) {
		Positions starts = scan.wordStarts();
		int length = text.length();
		int from = 0;
		for (int i = 0; i < starts.size(); i++) {
			int start = starts.get(i);
			if (matchStart(start) < from || (start > 0 && isWordChar(text.charAt(start - 1)))
					|| !regionMatchesFolded(text, start, "bearer")) {
				continue;
			}
			int token = start + 6;
			while (token < length && isSpace(text.charAt(token))) {
				token++;
			}
			int end = token;
			while (end < length && isBearerTokenChar(text.charAt(end))) {
				end++;
			}
			if (token == start + 6 || end - token < 8) {
				continue;
			}
			while (end < length && text.charAt(end) == '=') {
				end++;
			}
			from = report(text, token, end, validator, sink);
		}
	}

	/**
	 * {@code (?i)(?:^|[^a-z0-9+.\-])[a-z][a-z0-9+.\-]+://[^\s:/?#@"'<>]+:([^\s/?#@"'<>]+)@}:
	 * the scheme is the whole run before {@code ://}, the user (maybe empty,
	 * {@code redis://:secret@host}) runs to the first colon, the password to the {@code @}.
	 */
	static void urlPassword(String text, TextScan scan, Validator validator, Sink sink) {
		Positions colons = scan.colons();
		int length = text.length();
		int from = 0;
		for (int i = 0; i < colons.size(); i++) {
			int colon = colons.get(i);
			if (!text.startsWith("//", colon + 1)) {
				continue;
			}
			int scheme = colon;
			while (scheme > 0 && isSchemeChar(text.charAt(scheme - 1))) {
				scheme--;
			}
			if (matchStart(scheme) < from || colon - scheme < 2 || !isLetter(text.charAt(scheme))) {
				continue;
			}
			int user = colon + 3;
			int userEnd = user;
			while (userEnd < length && !isUrlCredentialsStop(text.charAt(userEnd)) && text.charAt(userEnd) != ':') {
				userEnd++;
			}
			if (userEnd == length || text.charAt(userEnd) != ':') {
				continue;
			}
			int password = userEnd + 1;
			int end = password;
			while (end < length && !isUrlCredentialsStop(text.charAt(end))) {
				end++;
			}
			if (end > password && end < length && text.charAt(end) == '@') {
				from = report(text, password, end, validator, sink);
			}
		}
	}

	/**
	 * {@code (?:^|[^A-Za-z0-9._%+\-])([A-Za-z0-9][A-Za-z0-9._%+'\-]*@(?:L\.)+[A-Za-z][A-Za-z]+)(?:$|[^A-Za-z0-9\-])}
	 * with labels {@code L = [A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?}. The local part
	 * starts at the start of the run before the {@code @} or after an apostrophe in it (the
	 * only boundary inside it), the first one the search reaches. A label is a whole part
	 * between dots; the domain takes as many labels as it can with a part of letters only
	 * after them.
	 */
	static void email(String text, TextScan scan, Validator validator, Sink sink) {
		Positions atSigns = scan.atSigns();
		int from = 0;
		for (int i = 0; i < atSigns.size(); i++) {
			int at = atSigns.get(i);
			int run = at;
			while (run > 0 && isEmailLocalChar(text.charAt(run - 1))) {
				run--;
			}
			int start = -1;
			for (int s = run; s < at; s++) {
				if (isAsciiLetterOrDigit(text.charAt(s)) && matchStart(s) >= from
						&& (s == 0 || !isEmailBoundaryExcluded(text.charAt(s - 1)))) {
					start = s;
					break;
				}
			}
			if (start < 0) {
				continue;
			}
			int end = domainEnd(text, at + ((text.charAt(at) == '%') ? 3 : 1));
			if (end > 0) {
				from = report(text, start, end, validator, sink);
			}
		}
	}

	/** The end of the domain of an address at {@code start}, or -1. */
	private static int domainEnd(String text, int start) {
		int length = text.length();
		int best = -1;
		int segment = start;
		boolean labels = true;
		while (segment <= length) {
			int end = segment;
			boolean letters = true;
			boolean label = true;
			while (end < length && isDomainChar(text.charAt(end)) && text.charAt(end) != '.') {
				char c = text.charAt(end);
				letters &= isAsciiLetter(c);
				label &= isAsciiLetterOrDigit(c) || c == '-';
				end++;
			}
			// A top-level domain after at least one label.
			if (segment > start && labels && letters && end - segment >= 2) {
				best = end;
			}
			label &= end > segment && isAsciiLetterOrDigit(text.charAt(segment))
					&& isAsciiLetterOrDigit(text.charAt(end - 1));
			labels &= label;
			if (!labels || end >= length || text.charAt(end) != '.') {
				break;
			}
			segment = end + 1;
		}
		return best;
	}

	/**
	 * {@code (?i)(?:^|[^a-z0-9])([a-z]{2}[0-9]{2}(?:[ \-]?[a-z0-9]){11,30})}: the
	 * repetitions take a separator only before a letter or digit, so the greedy match is
	 * as many as there are, up to 30.
	 */
	static void iban(String text, TextScan scan, Validator validator, Sink sink) {
		Positions starts = scan.ibanStarts();
		int length = text.length();
		int from = 0;
		for (int i = 0; i < starts.size(); i++) {
			int start = starts.get(i);
			if (matchStart(start) < from) {
				continue;
			}
			int end = start + 4;
			int count = 0;
			while (count < 30 && end < length) {
				char c = text.charAt(end);
				if (isLetterOrDigit(c)) {
					end++;
				}
				else if ((c == ' ' || c == '-') && end + 1 < length && isLetterOrDigit(text.charAt(end + 1))) {
					end += 2;
				}
				else {
					break;
				}
				count++;
			}
			if (count >= 11) {
				from = report(text, start, end, validator, sink);
			}
		}
	}

	/**
	 * {@code (?:^|[^A-Za-z0-9_\-.])([0-9](?:[ \-]?[0-9]){12,18})(?:$|[^A-Za-z0-9_])}: the
	 * longest run of up to 18 repetitions after which the boundary holds.
	 */
	static void creditCard(String text, TextScan scan, Validator validator, Sink sink) {
		Positions numbers = scan.numbers();
		int length = text.length();
		int[] ends = null;
		int from = 0;
		for (int i = 0; i < numbers.size(); i++) {
			int start = numbers.get(i);
			int digits = numbers.end(i);
			if ((digits - start < 13 && (digits == length || (text.charAt(digits) != ' ' && text.charAt(digits) != '-')))
					|| matchStart(start) < from || (start > 0 && isCardBoundaryExcluded(text.charAt(start - 1)))) {
				continue;
			}
			if (ends == null) {
				ends = new int[19];
			}
			int count = 0;
			int end = start + 1;
			while (count < 18 && end < length) {
				char c = text.charAt(end);
				if (isDigit(c)) {
					end++;
				}
				else if ((c == ' ' || c == '-') && end + 1 < length && isDigit(text.charAt(end + 1))) {
					end += 2;
				}
				else {
					break;
				}
				ends[++count] = end;
			}
			for (int k = count; k >= 12; k--) {
				if (ends[k] == length || !isWordChar(text.charAt(ends[k]))) {
					from = report(text, start, ends[k], validator, sink);
					break;
				}
			}
		}
	}

	/**
	 * {@code (?:^|[^A-Za-z0-9_.])(OCTET(?:\.OCTET){3})(?:$|[^A-Za-z0-9_.]|\.(?:$|[^A-Za-z0-9_]))}:
	 * the first three octets are whole digit runs (a dot must follow); the last is the
	 * first of the octet's alternatives, in their order, after which the boundary holds.
	 */
	static void ipv4(String text, TextScan scan, Validator validator, Sink sink) {
		Positions numbers = scan.numbers();
		int from = 0;
		for (int i = 0; i < numbers.size(); i++) {
			int start = numbers.get(i);
			int digits = numbers.end(i);
			if (digits - start > 3 || digits == text.length() || text.charAt(digits) != '.' || matchStart(start) < from
					|| (start > 0 && isIpv4BoundaryExcluded(text.charAt(start - 1)))) {
				continue;
			}
			int j = start;
			for (int octet = 0; octet < 3 && j >= 0; octet++) {
				int end = digitsEnd(text, j);
				j = (octet(text, j, end) && end < text.length() && text.charAt(end) == '.') ? end + 1 : -1;
			}
			int end = (j >= 0) ? lastOctetEnd(text, j) : -1;
			if (end > 0) {
				from = report(text, start, end, validator, sink);
			}
		}
	}

	/**
	 * {@code 123-45-6789} and {@code 123 45 6789} standing alone, and nine digits in a row
	 * with "SSN" or "social security" shortly before.
	 */
	static void ssn(String text, TextScan scan, Validator validator, Sink sink) {
		Positions numbers = scan.numbers();
		for (int i = 0; i < numbers.size(); i++) {
			int start = numbers.get(i);
			int digits = numbers.end(i) - start;
			if (start > 0 && (isTokenChar(text.charAt(start - 1)))) {
				continue;
			}
			int end;
			if (digits == 3 && start + 11 <= text.length() && (text.charAt(start + 3) == '-' || text.charAt(start + 3) == ' ')
					&& text.charAt(start + 6) == text.charAt(start + 3) && digitsEnd(text, start + 4) == start + 6
					&& digitsEnd(text, start + 7) == start + 11) {
				end = start + 11;
			}
			else if (digits == 9 && ssnContext(text, start)) {
				end = start + 9;
			}
			else {
				continue;
			}
			if (end == text.length() || !isTokenChar(text.charAt(end))
					|| (text.charAt(end) == '-' && !(end + 1 < text.length() && isAsciiLetterOrDigit(text.charAt(end + 1))))) {
				report(text, start, end, validator, sink);
			}
		}
	}

	private static boolean ssnContext(String text, int start) {
		for (int i = start - 3; i >= Math.max(0, start - 40); i--) {
			if (regionMatchesFolded(text, i, "ssn") || regionMatchesFolded(text, i, "social security")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An IPv6 address: a run of hex digits and colons (and dots, for an IPv4 tail) at a
	 * boundary, valid as an address. A compressed address ({@code ::}) must have two
	 * groups and a first group of three hex digits or more ({@code fe80::1}), or be the
	 * loopback {@code ::1} or an IPv4-mapped one, so that slices and scopes in code
	 * ({@code values[1::2]}, {@code a::b}) are left alone.
	 */
	static void ipv6(String text, TextScan scan, Validator validator, Sink sink) {
		Positions colons = scan.colons();
		int length = text.length();
		int from = 0;
		for (int i = 0; i < colons.size(); i++) {
			int colon = colons.get(i);
			int start = colon;
			while (start > 0 && colon - start < 5 && TextScan.isHexDigit(text.charAt(start - 1))) {
				start--;
			}
			if (start < from || colon - start > 4
					|| (start > 0 && (isWordChar(text.charAt(start - 1)) || text.charAt(start - 1) == ':' || text.charAt(start - 1) == '.'))) {
				continue;
			}
			int end = colon;
			while (end < length && (TextScan.isHexDigit(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '.')) {
				end++;
			}
			from = end;
			// A colon or a dot closing a sentence is not part of the address.
			while (end > colon + 1 && (text.charAt(end - 1) == '.' || (text.charAt(end - 1) == ':' && text.charAt(end - 2) != ':'))) {
				end--;
			}
			if ((end < length && (isWordChar(text.charAt(end)))) || !Checksums.ipv6(text.substring(start, end))) {
				continue;
			}
			String address = text.substring(start, end);
			if (address.contains("::") && !plausibleCompressed(address)) {
				continue;
			}
			report(text, start, end, validator, sink);
		}
	}

	private static boolean plausibleCompressed(String address) {
		if (address.equals("::1") || address.startsWith("::ffff:")) {
			return true;
		}
		int groups = 0;
		for (String group : address.split(":")) {
			groups += group.isEmpty() ? 0 : 1;
		}
		return groups >= 2 && address.indexOf(':') >= 3;
	}

	/** Whether {@code [start, end)} is {@code 25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]}. */
	private static boolean octet(String text, int start, int end) {
		int length = end - start;
		if (length == 1) {
			return true;
		}
		if (length == 2) {
			return text.charAt(start) != '0';
		}
		return length == 3 && (text.charAt(start) == '1'
				|| (text.charAt(start) == '2' && (text.charAt(start + 1) < '5'
						|| (text.charAt(start + 1) == '5' && text.charAt(start + 2) <= '5'))));
	}

	private static int lastOctetEnd(String text, int start) {
		int length = text.length();
		if (start >= length || !isDigit(text.charAt(start))) {
			return -1;
		}
		char first = text.charAt(start);
		char second = (start + 1 < length) ? text.charAt(start + 1) : ' ';
		char third = (start + 2 < length) ? text.charAt(start + 2) : ' ';
		boolean three = isDigit(second) && isDigit(third)
				&& (first == '1' || (first == '2' && (second < '5' || (second == '5' && third <= '5'))));
		if (three && ipv4BoundaryAt(text, start + 3)) {
			return start + 3;
		}
		if (first != '0' && isDigit(second) && ipv4BoundaryAt(text, start + 2)) {
			return start + 2;
		}
		return ipv4BoundaryAt(text, start + 1) ? start + 1 : -1;
	}

	private static boolean ipv4BoundaryAt(String text, int at) {
		if (at == text.length()) {
			return true;
		}
		char c = text.charAt(at);
		if (c == '.') {
			return at + 1 == text.length() || !isWordChar(text.charAt(at + 1));
		}
		return !isWordChar(c);
	}

	private static int digitsEnd(String text, int start) {
		int end = start;
		while (end < text.length() && isDigit(text.charAt(end))) {
			end++;
		}
		return end;
	}

	private static int tokenEnd(String text, int start) {
		int end = start;
		while (end < text.length() && isTokenChar(text.charAt(end))) {
			end++;
		}
		return end;
	}

	private static boolean all(String text, int start, int end, CharTest test) {
		for (int i = start; i < end; i++) {
			if (!test.test(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	@FunctionalInterface
	private interface CharTest {

		boolean test(char c);

	}

	private static boolean isUpperCaseOrDigit(char c) {
		return (c >= 'A' && c <= 'Z') || isDigit(c);
	}

	/** {@code [A-Za-z0-9_]} */
	private static boolean isWordChar(char c) {
		return isAsciiLetterOrDigit(c) || c == '_';
	}

	/** {@code [A-Za-z0-9_-]} */
	private static boolean isTokenChar(char c) {
		return isWordChar(c) || c == '-';
	}

	private static boolean isBearerTokenChar(char c) {
		return isAsciiLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
	}

	/** {@code (?i)[a-z0-9+.-]} */
	private static boolean isSchemeChar(char c) {
		return isLetterOrDigit(c) || c == '+' || c == '.' || c == '-';
	}

	/** {@code [\s/?#@"'<>]} */
	private static boolean isUrlCredentialsStop(char c) {
		return isSpace(c) || c == '/' || c == '?' || c == '#' || c == '@' || c == '"' || c == '\'' || c == '<'
				|| c == '>';
	}

	private static boolean isEmailLocalChar(char c) {
		return isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '\'' || c == '-';
	}

	/** {@code [A-Za-z0-9._%+\-]}: what cannot come before a local part. */
	private static boolean isEmailBoundaryExcluded(char c) {
		return isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
	}

	private static boolean isDomainChar(char c) {
		return isAsciiLetterOrDigit(c) || c == '.' || c == '-';
	}

	private static boolean isCardBoundaryExcluded(char c) {
		return isWordChar(c) || c == '-' || c == '.';
	}

	private static boolean isIpv4BoundaryExcluded(char c) {
		return isWordChar(c) || c == '.';
	}

}
