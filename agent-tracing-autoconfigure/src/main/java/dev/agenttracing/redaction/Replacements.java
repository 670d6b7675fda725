package dev.agenttracing.redaction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * What a redacted value becomes: {@code [REDACTED:name]}, or with a key
 * {@code [name:8 hex digits of HMAC-SHA256]}.
 */
final class Replacements {

	private static final String ALGORITHM = "HmacSHA256";

	private final @Nullable SecretKeySpec key;

	private Replacements(@Nullable SecretKeySpec key) {
		this.key = key;
	}

	static Replacements mask() {
		return new Replacements(null);
	}

	static Replacements hash(String key) {
		SecretKeySpec spec = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		try {
			Mac.getInstance(ALGORITHM).init(spec);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is not available", ex);
		}
		return new Replacements(spec);
	}

	String replace(String name, String value) {
		if (this.key == null) {
			return "[REDACTED:" + name + "]";
		}
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] digest = mac.doFinal(normalize(name, value).getBytes(StandardCharsets.UTF_8));
			return "[" + name + ":" + HexFormat.of().formatHex(digest, 0, 4) + "]";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is not available", ex);
		}
	}

	/**
	 * The same person written differently gets the same token: e-mail addresses are
	 * case-insensitive, numbers are compared without their separators.
	 */
	private static String normalize(String name, String value) {
		return switch (name) {
			case "email" -> value.toLowerCase(Locale.ROOT);
			case "phone", "credit_card", "iban", "ssn" -> alphanumeric(value);
			default -> value;
		};
	}

	private static String alphanumeric(String value) {
		StringBuilder kept = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				kept.append(Character.toUpperCase(c));
			}
		}
		return kept.toString();
	}

}
