package dev.agenttracing.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.re2j.Pattern;

/**
 * The patterns and checks of the {@link BuiltInDetector}s.
 * <p>
 * RE2 has no lookaround, so a pattern consumes the character that bounds a value (a
 * non-word character or the start of the text) and the value itself is the capturing
 * group; every other group is non-capturing. Checks that need more context (is this
 * number part of a longer one? is this a version number?) are done in Java on the text
 * around the candidate.
 * <p>
 * The patterns say what is found. The detectors of {@link #create} find the same values
 * without running each pattern over the whole text: hand-written matchers
 * ({@link BuiltInScanners}, {@link PrivateKeyDetector}) or the pattern on windows around
 * triggers ({@link TriggeredDetector}); {@link #fullScan} runs the patterns the plain way,
 * for the tests that compare them.
 */
final class BuiltInDetectors {

	private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

	private static final String IPV4 = OCTET + "(?:\\." + OCTET + "){3}";

	/** Matched by hand by {@link PrivateKeyDetector}, which finds the same blocks. */
	private static final Pattern PRIVATE_KEY = Pattern
		.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\\s\\S]*?-----END (?:[A-Z0-9]+ )*"
				+ "PRIVATE KEY(?: BLOCK)?-----|(?:[A-Za-z0-9+/=:,\\- \\t\\r\\n]|\\\\[nrt])*)");

	private static final Pattern JWT = Pattern.compile(
			"(?:^|[^A-Za-z0-9_\\-])(eyJ[A-Za-z0-9_\\-]{5,}\\.eyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]*)");

	private static final Pattern API_KEY = Pattern.compile("(?:^|[^A-Za-z0-9_\\-])(" //
			+ "sk-ant-[A-Za-z0-9_\\-]{20,}" // Anthropic
			+ "|sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,}" // OpenAI
			+ "|(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}" // AWS access key id
			+ "|gh[pousr]_[A-Za-z0-9]{36,}" // GitHub
			+ "|github_pat_[A-Za-z0-9_]{22,}" // GitHub fine-grained
			+ "|AIza[0-9A-Za-z_\\-]{35}" // Google
			+ "|xox[abprs]-[A-Za-z0-9\\-]{10,}" // Slack
			+ "|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}" // Stripe
			+ ")(?:$|[^A-Za-z0-9_\\-])");

	private static final Pattern BEARER_TOKEN = Pattern
		.compile("(?:^|[^A-Za-z0-9_])(?i:bearer)\\s+([A-Za-z0-9\\-._~+/]{8,}=*)");

	private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(?:^|[^a-z0-9+.\\-])[a-z][a-z0-9+.\\-]+://"
			+ "[^\\s:/?#@\"'<>]+:([^\\s/?#@\"'<>]+)@");

	/**
	 * Secret-ish keys. A key may have a prefix ending in a separator ({@code DB_PASSWORD},
	 * {@code spring.datasource.password}); camel-case compounds are listed, which keeps
	 * the pattern from following every word of the text.
	 */
	private static final String SECRET_KEY = "(?:(?:[a-z0-9_.\\-]*[_.\\-])?(?:"
			+ "(?:db|user|admin|new|old|current|account|login)?(?:password|passwd|pwd)|passphrase|passcode"
			+ "|(?:client|app|api|shared)?secret|(?:access|refresh|id|auth|session|api|bearer)?token"
			+ "|(?:api|access|secret|private)[_\\-]?key|pin))";

	private static final Pattern SECRET = Pattern.compile("(?i)(?:^|[^a-z0-9_])(?:" //
			// key=value, key: value, "key": "value" (also JSON escaped inside a string)
			+ "\\\\?[\"']?" + SECRET_KEY + "\\\\?[\"']?[ \\t]*[:=][ \\t]*"
			+ "(?:\\\\?\"([^\"\\\\\\r\\n]+)\\\\?\"|'([^'\\r\\n]+)'|([^\\s\"'<>]+))"
			// my password is ...
			+ "|(?:password|passcode|passphrase|pin)[ \\t]+(?:is|was)[ \\t]+([^\\s\"',;]{4,})" //
			+ ")");

	private static final Pattern EMAIL = Pattern.compile("(?:^|[^A-Za-z0-9._%+\\-])"
			+ "([A-Za-z0-9][A-Za-z0-9._%+'\\-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?\\.)+"
			+ "[A-Za-z][A-Za-z]+)(?:$|[^A-Za-z0-9\\-])");

	private static final Pattern IBAN = Pattern
		.compile("(?i)(?:^|[^a-z0-9])([a-z]{2}[0-9]{2}(?:[ \\-]?[a-z0-9]){11,30})");

	private static final Pattern CREDIT_CARD = Pattern
		.compile("(?:^|[^A-Za-z0-9_\\-.])([0-9](?:[ \\-]?[0-9]){12,18})(?:$|[^A-Za-z0-9_])");

	private static final Pattern SSN = Pattern.compile("(?:^|[^A-Za-z0-9_\\-])(?:" //
			+ "([0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{3} [0-9]{2} [0-9]{4})(?:$|[^A-Za-z0-9_\\-])"
			+ "|(?i:ssn|social security(?: number| no\\.?| #)?)[ \\t]*(?:#|:|is|no\\.?)?[ \\t]*([0-9]{9})(?:$|[^0-9])"
			+ ")");

	private static final Pattern PHONE = Pattern.compile("(?:^|[^A-Za-z0-9_+])(" //
			+ "(?:\\+|00)[1-9][0-9]{0,2}(?:[ .\\-]?\\([0-9]{1,4}\\))?(?:[ .\\-]?[0-9]{1,4}){2,6}" // +44 20 7946 0958
			+ "|(?:1[ .\\-]?)?\\([0-9]{3}\\)[ .\\-]?[0-9]{3}[ .\\-][0-9]{4}" // (555) 123-4567
			+ "|(?:1[ .\\-])?[0-9]{3}[.\\-][0-9]{3}[.\\-][0-9]{4}" // 555-123-4567
			+ "|[0-9]{3} [0-9]{3} [0-9]{4}" // 555 123 4567
			+ "|0[0-9]{2,4}[ \\-][0-9]{3,4}[ \\-]?[0-9]{3,4}" // 020 7946 0958
			+ ")(?:$|[^A-Za-z0-9_])");

	private static final Pattern IPV6 = Pattern.compile(
			"(?:^|[^A-Za-z0-9_:.])([0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]*(?:" + IPV4 + ")?)", Pattern.LONGEST_MATCH);

	private static final Pattern IPV4_ADDRESS = Pattern
		.compile("(?:^|[^A-Za-z0-9_.])(" + IPV4 + ")(?:$|[^A-Za-z0-9_.]|\\.(?:$|[^A-Za-z0-9_]))");

	/** Words before a dotted quad that make it a version rather than an address. */
	private static final List<String> VERSION_WORDS = List.of("version", "release", "build", "firmware", "ver.");

	private BuiltInDetectors() {
	}

	/**
	 * The detector: a hand-written matcher of {@link BuiltInScanners} that finds what the
	 * pattern finds, or the pattern run only where {@link BuiltInTriggers} finds that a value
	 * can be.
	 */
	static Detector create(BuiltInDetector detector) {
		String name = detector.detectorName();
		return switch (detector) {
			case PRIVATE_KEY -> new PrivateKeyDetector(name);
			case JWT -> BuiltInScanners.detector(name, PatternDetector.ANY, BuiltInScanners::jwt);
			case API_KEY -> BuiltInScanners.detector(name, BuiltInDetectors::randomLooking, BuiltInScanners::apiKey);
			case BEARER_TOKEN ->
				BuiltInScanners.detector(name, BuiltInDetectors::randomLooking, BuiltInScanners::bearerToken);
			case URL_PASSWORD -> BuiltInScanners.detector(name, PatternDetector.ANY, BuiltInScanners::urlPassword);
			case SECRET -> new TriggeredDetector(name, SECRET, BuiltInDetectors::secretValue, BuiltInTriggers::secret,
					BuiltInFastPaths::secret);
			case EMAIL -> BuiltInScanners.detector(name, BuiltInDetectors::notUrlCredentials, BuiltInScanners::email);
			case IBAN -> BuiltInScanners.detector(name, BuiltInDetectors::iban, BuiltInScanners::iban);
			case CREDIT_CARD -> BuiltInScanners.detector(name, BuiltInDetectors::card, BuiltInScanners::creditCard);
			case SSN -> new TriggeredDetector(name, SSN, BuiltInDetectors::ssn, BuiltInTriggers::ssn);
			case PHONE -> new TriggeredDetector(name, PHONE, BuiltInDetectors::phone, BuiltInTriggers::phone,
					BuiltInFastPaths::phone);
			case IPV6 -> new TriggeredDetector(name, IPV6, BuiltInDetectors::ipv6, BuiltInTriggers::ipv6);
			case IPV4 -> BuiltInScanners.detector(name, BuiltInDetectors::ipv4, BuiltInScanners::ipv4);
		};
	}

	/**
	 * The detector running its pattern over the whole text: what {@link #create} must find,
	 * for tests.
	 */
	static Detector fullScan(BuiltInDetector detector) {
		String name = detector.detectorName();
		return switch (detector) {
			case PRIVATE_KEY -> PatternDetector.ofGroups(name, PRIVATE_KEY, PatternDetector.ANY);
			case JWT -> PatternDetector.ofGroups(name, JWT, PatternDetector.ANY);
			case API_KEY -> PatternDetector.ofGroups(name, API_KEY, BuiltInDetectors::randomLooking);
			case BEARER_TOKEN -> PatternDetector.ofGroups(name, BEARER_TOKEN, BuiltInDetectors::randomLooking);
			case URL_PASSWORD -> PatternDetector.ofGroups(name, URL_PASSWORD, PatternDetector.ANY);
			case SECRET -> PatternDetector.ofGroups(name, SECRET, BuiltInDetectors::secretValue);
			case EMAIL -> PatternDetector.ofGroups(name, EMAIL, BuiltInDetectors::notUrlCredentials);
			case IBAN -> PatternDetector.ofGroups(name, IBAN, BuiltInDetectors::iban);
			case CREDIT_CARD -> PatternDetector.ofGroups(name, CREDIT_CARD, BuiltInDetectors::card);
			case SSN -> PatternDetector.ofGroups(name, SSN, BuiltInDetectors::ssn);
			case PHONE -> PatternDetector.ofGroups(name, PHONE, BuiltInDetectors::phone);
			case IPV6 -> PatternDetector.ofGroups(name, IPV6, BuiltInDetectors::ipv6);
			case IPV4 -> PatternDetector.ofGroups(name, IPV4_ADDRESS, BuiltInDetectors::ipv4);
		};
	}

	/** Keys and tokens are random: letters and digits both. */
	private static int randomLooking(String text, int start, int end) {
		boolean letter = false;
		boolean digit = false;
		for (int i = start; i < end && !(letter && digit); i++) {
			char c = text.charAt(i);
			letter |= Character.isLetter(c);
			digit |= Character.isDigit(c);
		}
		return (letter && digit) ? end : -1;
	}

	/**
	 * After {@code key: } a value made of letters only is a word of a sentence ("reset
	 * your password: go to settings"); quoted values and {@code key=value} are taken as
	 * they are. In "password is ..." sentences the value must hold a digit or a symbol and
	 * have four characters. Punctuation ending a sentence is left out of prose values.
	 */
	private static int secretValue(String text, int start, int end) {
		boolean quoted = text.charAt(start - 1) == '"' || text.charAt(start - 1) == '\'';
		int i = start - 1;
		while (i >= 0 && " \t\"'\\".indexOf(text.charAt(i)) >= 0) {
			i--;
		}
		char separator = (i >= 0) ? text.charAt(i) : ' ';
		if (separator == '=' || quoted) {
			return end;
		}
		// Prose: punctuation closing the sentence is not part of the value.
		int accepted = end;
		while (accepted > start && ".,;:?".indexOf(text.charAt(accepted - 1)) >= 0) {
			accepted--;
		}
		int minLength = (separator == ':') ? 1 : 4;
		return (accepted - start >= minLength && !lettersOnly(text, start, accepted)) ? accepted : -1;
	}

	private static boolean lettersOnly(String text, int start, int end) {
		for (int i = start; i < end; i++) {
			if (!Character.isLetter(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * In {@code scheme://user:password@host} the part before {@code @} is credentials, not
	 * the start of an e-mail address (an address in a URL's path or query is one).
	 */
	private static int notUrlCredentials(String text, int start, int end) {
		for (int i = start - 1; i >= Math.max(2, start - 300); i--) {
			char c = text.charAt(i);
			if (c == '/' && text.charAt(i - 1) == '/' && text.charAt(i - 2) == ':') {
				return -1;
			}
			if (Character.isWhitespace(c) || c == '/' || c == '?' || c == '#' || c == '&' || c == '=') {
				return end;
			}
		}
		return end;
	}

	/**
	 * The candidate runs greedily into the next word; the country's IBAN length says where
	 * the IBAN ends.
	 */
	private static int iban(String text, int start, int end) {
		int length = Checksums.ibanLength(text.substring(start, start + 2).toUpperCase(Locale.ROOT));
		if (length == 0) {
			return -1;
		}
		StringBuilder compact = new StringBuilder(length);
		int i = start;
		while (i < end && compact.length() < length) {
			char c = text.charAt(i++);
			if (Character.isLetterOrDigit(c)) {
				compact.append(Character.toUpperCase(c));
			}
		}
		if (compact.length() < length || (i < text.length() && Character.isLetterOrDigit(text.charAt(i)))) {
			return -1;
		}
		return Checksums.ibanMod97(compact) ? i : -1;
	}

	/**
	 * A card number stands alone (not inside a longer grouped number), is written as cards
	 * are (ungrouped, in groups of four, or 4-6-5 and 4-6-4), has the prefix and length of a
	 * card network and passes Luhn. The candidate may have taken a following group
	 * ({@code 4111 1111 1111 1111 12/25}), so shorter ends at group boundaries are tried
	 * too.
	 */
	private static int card(String text, int start, int end) {
		if (precededByDigits(text, start, 4) || followedByDigits(text, end, 4)) {
			return -1;
		}
		for (int candidateEnd = end; candidateEnd > start; candidateEnd--) {
			if (candidateEnd != end && text.charAt(candidateEnd) != ' ' && text.charAt(candidateEnd) != '-') {
				continue;
			}
			String digits = digits(text, start, candidateEnd);
			if (digits.length() < 13) {
				return -1;
			}
			if (Checksums.cardPrefix(digits) && Checksums.luhn(digits) && cardGrouping(text, start, candidateEnd)) {
				return candidateEnd;
			}
		}
		return -1;
	}

	private static boolean cardGrouping(String text, int start, int end) {
		List<Integer> groups = new ArrayList<>();
		int length = 0;
		for (int i = start; i < end; i++) {
			if (Character.isDigit(text.charAt(i))) {
				length++;
			}
			else {
				groups.add(length);
				length = 0;
			}
		}
		groups.add(length);
		if (groups.size() == 1 || groups.equals(List.of(4, 6, 5)) || groups.equals(List.of(4, 6, 4))) {
			return true;
		}
		for (int i = 0; i < groups.size() - 1; i++) {
			if (groups.get(i) != 4) {
				return false;
			}
		}
		return groups.get(groups.size() - 1) <= 4;
	}

	private static int ssn(String text, int start, int end) {
		return Checksums.ssn(digits(text, start, end)) ? end : -1;
	}

	/**
	 * International numbers have 8 to 15 digits (E.164), national ones 10 or 11; a phone
	 * number is not part of a longer dashed, dotted or grouped number.
	 */
	private static int phone(String text, int start, int end) {
		int digits = digits(text, start, end).length();
		boolean international = text.charAt(start) == '+' || text.startsWith("00", start);
		int significant = text.startsWith("00", start) ? digits - 2 : digits;
		if (international ? (significant < 8 || significant > 15) : (digits < 10 || digits > 11)) {
			return -1;
		}
		boolean continued = end + 1 < text.length() && (text.charAt(end) == '-' || text.charAt(end) == '.')
				&& Character.isDigit(text.charAt(end + 1));
		boolean continues = start >= 2 && (text.charAt(start - 1) == '-' || text.charAt(start - 1) == '.')
				&& Character.isDigit(text.charAt(start - 2));
		boolean grouped = text.charAt(start) != '+'
				&& (precededByDigits(text, start, 2) || followedByDigits(text, end, 2));
		return (continued || continues || grouped) ? -1 : end;
	}

	private static int ipv6(String text, int start, int end) {
		int accepted = end;
		if (accepted - start > 2 && text.charAt(accepted - 1) == ':' && text.charAt(accepted - 2) != ':') {
			accepted--;
		}
		if (accepted < text.length() && (Character.isLetterOrDigit(text.charAt(accepted)) || text.charAt(accepted) == '_')) {
			return -1;
		}
		return Checksums.ipv6(text.substring(start, accepted)) ? accepted : -1;
	}

	private static int ipv4(String text, int start, int end) {
		String before = text.substring(Math.max(0, start - 24), start).toLowerCase(Locale.ROOT);
		for (String word : VERSION_WORDS) {
			if (before.contains(word)) {
				return -1;
			}
		}
		return end;
	}

	private static String digits(String text, int start, int end) {
		StringBuilder digits = new StringBuilder(end - start);
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
		}
		return digits.toString();
	}

	/** Whether {@code [ -]?\d{count}} follows. */
	private static boolean followedByDigits(String text, int end, int count) {
		int i = end;
		if (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '-')) {
			i++;
		}
		int digits = 0;
		while (i < text.length() && Character.isDigit(text.charAt(i)) && digits < count) {
			i++;
			digits++;
		}
		return digits >= count;
	}

	/** Whether {@code \d{count}[ -]?} precedes. */
	private static boolean precededByDigits(String text, int start, int count) {
		int i = start - 1;
		if (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '-')) {
			i--;
		}
		int digits = 0;
		while (i >= 0 && Character.isDigit(text.charAt(i)) && digits < count) {
			i--;
			digits++;
		}
		return digits >= count;
	}

}
