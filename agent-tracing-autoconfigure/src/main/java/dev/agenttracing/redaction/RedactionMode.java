package dev.agenttracing.redaction;

/**
 * What a redacted value is replaced with.
 */
public enum RedactionMode {

	/** The name of what was removed: {@code [REDACTED:email]}. */
	MASK,

	/**
	 * A keyed hash of the value: {@code [email:3f9a1c2b]}, the first 8 hex digits of
	 * HMAC-SHA256 with the configured key over the normalized value (e-mail lower-cased,
	 * separators removed from numbers). The same value gives the same token on every span,
	 * so one customer can be followed without being revealed; without the key, tokens
	 * cannot be computed from guessed values.
	 */
	HASH

}
