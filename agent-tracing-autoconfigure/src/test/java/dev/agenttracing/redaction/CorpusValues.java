package dev.agenttracing.redaction;

import java.math.BigInteger;

/**
 * Values with valid check digits, and the groupings people write them in, for the
 * labelled corpora ({@link RedactionCorpus}, {@link TrafficCorpus}).
 */
final class CorpusValues {

	private CorpusValues() {
	}

	/** A number with the Luhn check digit appended. */
	static String withLuhn(String partial) {
		for (int check = 0; check < 10; check++) {
			if (Checksums.luhn(partial + check)) {
				return partial + check;
			}
		}
		throw new IllegalStateException();
	}

	/** An IBAN's two check digits for a country and a BBAN. */
	static String checkDigits(String country, String bban) {
		StringBuilder numeric = new StringBuilder();
		for (char c : (bban + country + "00").toCharArray()) {
			numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
		}
		int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
		return String.format("%02d", check);
	}

	/** Digits in groups of the given sizes, joined by a separator. */
	static String group(String digits, int[] sizes, String separator) {
		StringBuilder grouped = new StringBuilder();
		int position = 0;
		for (int size : sizes) {
			grouped.append((position > 0) ? separator : "").append(digits, position, position + size);
			position += size;
		}
		return grouped.toString();
	}

	/** Text in groups of four characters, joined by spaces. */
	static String groupsOfFour(String text) {
		StringBuilder grouped = new StringBuilder();
		for (int i = 0; i < text.length(); i += 4) {
			grouped.append((i > 0) ? " " : "").append(text, i, Math.min(text.length(), i + 4));
		}
		return grouped.toString();
	}

}
