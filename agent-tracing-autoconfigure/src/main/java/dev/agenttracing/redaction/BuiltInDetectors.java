package dev.agenttracing.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@link BuiltInDetector}s: each is one hand-written matcher ({@link BuiltInScanners},
 * {@link SecretScanner}, {@link PrivateKeyDetector}) that looks only where one pass over the
 * text ({@link TextScan}) found something a value can start with, and checks each candidate
 * here (a checksum, a context).
 */
final class BuiltInDetectors {

	/** Words before a dotted quad that make it a version rather than an address. */
	private static final List<String> VERSION_WORDS = List.of("version", "release", "build", "firmware", "ver.",
			"upgrade", "update", "python", "openssl", "windows nt", "chrome", "driver");

	private BuiltInDetectors() {
	}

	static Detector create(BuiltInDetector detector, RedactionConfig config) {
		String name = detector.detectorName();
		return switch (detector) {
			case PRIVATE_KEY -> new PrivateKeyDetector(name);
			case JWT -> BuiltInScanners.detector(name, PatternDetector.ANY, BuiltInScanners::jwt);
			case API_KEY -> BuiltInScanners.detector(name, PatternDetector.ANY, BuiltInScanners::apiKey);
			case BEARER_TOKEN ->
				BuiltInScanners.detector(name, BuiltInDetectors::randomLooking, BuiltInScanners::bearerToken);
			case URL_PASSWORD -> BuiltInScanners.detector(name, PatternDetector.ANY, BuiltInScanners::urlPassword);
			case SECRET -> new SecretScanner(name);
			case EMAIL -> BuiltInScanners.detector(name, BuiltInDetectors::notUrlCredentials, BuiltInScanners::email);
			case IBAN -> BuiltInScanners.detector(name, BuiltInDetectors::iban, BuiltInScanners::iban);
			case CREDIT_CARD -> BuiltInScanners.detector(name, BuiltInDetectors::card, BuiltInScanners::creditCard);
			case SSN -> BuiltInScanners.detector(name, BuiltInDetectors::ssn, BuiltInScanners::ssn);
			case PHONE -> BuiltInScanners.detector(name, PatternDetector.ANY,
					new PhoneScanner(config.ungroupedPhoneNumbers())::phone);
			case IPV6 -> BuiltInScanners.detector(name, PatternDetector.ANY, BuiltInScanners::ipv6);
			case IPV4 -> BuiltInScanners.detector(name, BuiltInDetectors::ipv4, BuiltInScanners::ipv4);
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
	 * In {@code scheme://user:password@host} the part before {@code @} is credentials, not
	 * the start of an e-mail address (an address in a URL's path or query is one); nor is
	 * {@code user@host:path} an address.
	 */
	private static int notUrlCredentials(String text, int start, int end) {
		if (end + 1 < text.length() && text.charAt(end) == ':' && !Character.isWhitespace(text.charAt(end + 1))) {
			// user@host:path, as in git@github.com:org/repo.git
			return -1;
		}
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
	 * A dotted quad is a version rather than an address after a version word, after a
	 * product name and a slash ({@code Chrome/114.0.0.0}) or an {@code @} or {@code =}
	 * ({@code pkg@1.2.3.4}, {@code ==1.2.3.4}); a netmask ({@code 255.255.255.0}) is not an
	 * address either.
	 */
	private static int ipv4(String text, int start, int end) {
		if (start >= 2 && (text.charAt(start - 1) == '/' && Character.isLetterOrDigit(text.charAt(start - 2))
				|| text.charAt(start - 1) == '@' || text.charAt(start - 1) == '=' && text.charAt(start - 2) == '=')) {
			return -1;
		}
		String before = text.substring(Math.max(0, start - 24), start).toLowerCase(Locale.ROOT);
		for (String word : VERSION_WORDS) {
			if (before.contains(word)) {
				return -1;
			}
		}
		return netmask(text, start, end) ? -1 : end;
	}

	/** Octets of contiguous one bits from the left, starting with 255. */
	private static boolean netmask(String text, int start, int end) {
		if (!text.startsWith("255.", start)) {
			return false;
		}
		int previous = 255;
		for (String octet : text.substring(start, end).split("\\.")) {
			int value = Integer.parseInt(octet);
			if ((value != 0 && previous != 255) || value != ((0xFF << (8 - Integer.bitCount(value))) & 0xFF)) {
				return false;
			}
			previous = value;
		}
		return true;
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
