package dev.agenttracing.redaction;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The detectors that come with agent-tracing, each switched on or off by its
 * {@link #detectorName() name}. When the values found by several detectors overlap, the
 * redacted range covers them all and is named after the detector that comes first:
 * custom patterns in their configured order, then these in the order listed here.
 */
public enum BuiltInDetector {

	/** {@code -----BEGIN ... PRIVATE KEY-----} blocks, with or without their end line. */
	PRIVATE_KEY("private_key"),

	/** JSON Web Tokens ({@code eyJ...eyJ...signature}). */
	JWT("jwt"),

	/**
	 * API keys of common providers: OpenAI, Anthropic, AWS access key ids, GitHub, Google,
	 * Slack, Stripe.
	 */
	API_KEY("api_key"),

	/** The token of {@code Bearer <token>}. */
	BEARER_TOKEN("bearer_token"),

	/** The password of a URL ({@code https://user:password@host}). */
	URL_PASSWORD("url_password"),

	/**
	 * The value of a secret-ish key in {@code key=value}, {@code key: value} or
	 * {@code "key": "value"} text (password, secret, token, api_key, ...), and of
	 * "password is ..." sentences.
	 */
	SECRET("secret"),

	/** E-mail addresses. */
	EMAIL("email"),

	/** IBANs, checked by their country's length and the mod-97 checksum. */
	IBAN("iban"),

	/** Payment card numbers, checked by issuer prefix, length and the Luhn checksum. */
	CREDIT_CARD("credit_card"),

	/** US social security numbers ({@code 123-45-6789}, or nine digits after "SSN"). */
	SSN("ssn"),

	/** Phone numbers: international ({@code +44 20 7946 0958}), North American, national. */
	PHONE("phone"),

	/** IPv6 addresses. */
	IPV6("ipv6"),

	/** IPv4 addresses (not dotted version numbers). */
	IPV4("ipv4");

	private final String detectorName;

	BuiltInDetector(String detectorName) {
		this.detectorName = detectorName;
	}

	/**
	 * The name used in configuration, in replacements ({@code [REDACTED:email]}) and in
	 * counts.
	 * @return the name
	 */
	public String detectorName() {
		return this.detectorName;
	}

	/**
	 * The detector of a name.
	 * @param name a name, case-insensitive, {@code -} and {@code _} alike
	 * @return the detector
	 * @throws IllegalArgumentException when no detector has that name
	 */
	public static BuiltInDetector forName(String name) {
		String wanted = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
		for (BuiltInDetector detector : values()) {
			if (detector.detectorName.equals(wanted)) {
				return detector;
			}
		}
		throw new IllegalArgumentException("No built-in detector named '" + name + "'; the detectors are "
				+ Arrays.stream(values()).map(BuiltInDetector::detectorName).collect(Collectors.joining(", ")));
	}

}
