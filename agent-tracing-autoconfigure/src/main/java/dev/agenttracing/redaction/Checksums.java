package dev.agenttracing.redaction;

import java.util.Map;

/**
 * The arithmetic that tells a real identifier from a number that only looks like one.
 */
final class Checksums {

	/** IBAN length by country (ISO 13616 registry). */
	private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(Map.entry("AD", 24),
			Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28), Map.entry("BA", 20),
			Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29), Map.entry("BY", 28),
			Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22),
			Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24),
			Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22),
			Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21),
			Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
			Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
			Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
			Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MR", 27),
			Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PK", 24),
			Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24),
			Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SE", 24), Map.entry("SI", 19),
			Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("ST", 25), Map.entry("SV", 28), Map.entry("TL", 23),
			Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24),
			Map.entry("XK", 20));

	private Checksums() {
	}

	/** Whether the digits pass the Luhn (mod 10) check. */
	static boolean luhn(CharSequence digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (doubled) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

	/**
	 * Whether the digits can be a payment card number: a length of 13 to 19 and the
	 * prefix of a card network (Visa, Mastercard, American Express, Discover, JCB, Diners,
	 * UnionPay, Maestro).
	 */
	static boolean cardPrefix(CharSequence digits) {
		int length = digits.length();
		if (length < 13 || length > 19) {
			return false;
		}
		int two = (digits.charAt(0) - '0') * 10 + (digits.charAt(1) - '0');
		int four = two * 100 + (digits.charAt(2) - '0') * 10 + (digits.charAt(3) - '0');
		return switch (digits.charAt(0)) {
			case '4', '5', '6' -> true;
			case '3' -> two == 34 || two == 35 || two == 36 || two == 37 || two == 38 || two == 39
					|| (four >= 3000 && four <= 3059);
			case '2' -> four >= 2221 && four <= 2720;
			default -> false;
		};
	}

	/** The length of an IBAN of a country, or 0 for an unknown country. */
	static int ibanLength(String countryCode) {
		return IBAN_LENGTHS.getOrDefault(countryCode, 0);
	}

	/** Whether an IBAN, upper-case without separators, passes the mod-97 check. */
	static boolean ibanMod97(CharSequence iban) {
		int length = iban.length();
		int remainder = 0;
		for (int i = 0; i < length; i++) {
			char c = iban.charAt((i + 4) % length);
			if (c >= '0' && c <= '9') {
				remainder = (remainder * 10 + (c - '0')) % 97;
			}
			else if (c >= 'A' && c <= 'Z') {
				remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
			}
			else {
				return false;
			}
		}
		return remainder == 1;
	}

	/**
	 * Whether nine digits can be a US social security number: area not 000, 666 or 9xx,
	 * group not 00, serial not 0000.
	 */
	static boolean ssn(CharSequence digits) {
		int area = Integer.parseInt(digits.subSequence(0, 3).toString());
		int group = Integer.parseInt(digits.subSequence(3, 5).toString());
		int serial = Integer.parseInt(digits.subSequence(5, 9).toString());
		return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
	}

	/**
	 * Whether text is an IPv6 address (RFC 4291 text forms, with an optional embedded IPv4
	 * address at the end, which the pattern has already checked).
	 */
	static boolean ipv6(String address) {
		int compressed = address.indexOf("::");
		if (compressed >= 0 && address.indexOf("::", compressed + 1) >= 0) {
			return false;
		}
		String head = (compressed >= 0) ? address.substring(0, compressed) : address;
		String tail = (compressed >= 0) ? address.substring(compressed + 2) : "";
		int headGroups = ipv6Groups(head, compressed < 0);
		int tailGroups = (compressed >= 0) ? ipv6Groups(tail, true) : 0;
		if (headGroups < 0 || tailGroups < 0) {
			return false;
		}
		int groups = headGroups + tailGroups;
		if (compressed < 0) {
			return groups == 8;
		}
		// "::" alone is the unspecified address; "::1", the loopback, says what runs on the host.
		return groups <= 7 && groups >= 1;
	}

	/** The number of 16-bit groups in a colon-separated part, or -1 when malformed. */
	private static int ipv6Groups(String part, boolean mayEndWithIpv4) {
		if (part.isEmpty()) {
			return 0;
		}
		String[] groups = part.split(":", -1);
		int count = 0;
		for (int i = 0; i < groups.length; i++) {
			String group = groups[i];
			if (mayEndWithIpv4 && i == groups.length - 1 && group.indexOf('.') >= 0) {
				count += 2;
				continue;
			}
			if (group.isEmpty() || group.length() > 4) {
				return -1;
			}
			for (int j = 0; j < group.length(); j++) {
				if (Character.digit(group.charAt(j), 16) < 0) {
					return -1;
				}
			}
			count++;
		}
		return count;
	}

}
