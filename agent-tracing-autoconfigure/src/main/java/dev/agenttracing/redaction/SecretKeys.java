package dev.agenttracing.redaction;

import java.util.Arrays;

/**
 * What makes a key secret-ish, and a value a stand-in rather than a secret: one answer for
 * text ({@code key=value}, {@code key: value}, {@code <key>value</key>}, {@code --key value})
 * and for JSON field names, so that a key counts the same in both.
 * <p>
 * A key is secret-ish when its name, lower-cased without {@code _ - .} and spaces, ends with
 * a secret word ({@code STRIPE_SECRET_KEY}, {@code webhookSecret}, {@code db.password},
 * {@code x-api-key}), unless it ends with a paging or counting compound
 * ({@code nextPageToken}). A stand-in is a boolean, {@code null}, an empty value, a
 * template placeholder ({@code ${DB_PASSWORD}}, <code>{{ secrets.API_KEY }}</code>,
 * {@code <your-api-key>}), a read from the environment or stars.
 */
final class SecretKeys {

	private static final String[] SECRET_ENDINGS = { "password", "passwd", "pwd", "passphrase", "passcode", "secret",
			"token", "apikey", "accesskey", "secretkey", "privatekey", "signingkey", "encryptionkey", "masterkey",
			"credentials", "passwort", "kennwort", "wachtwoord", "motdepasse", "contrasena", "contraseña", "senha" };

	private static final String[] NOT_SECRET_ENDINGS = { "pagetoken", "nexttoken", "continuationtoken", "synctoken",
			"resumetoken", "cursortoken" };

	/** The secret endings by their last character ({@code pin}, checked apart, ends like {@code token}). */
	private static final String[][] ENDINGS_BY_LAST = new String[256][];

	static {
		for (char c = 0; c < ENDINGS_BY_LAST.length; c++) {
			char last = c;
			ENDINGS_BY_LAST[c] = Arrays.stream(SECRET_ENDINGS)
				.filter((ending) -> ending.charAt(ending.length() - 1) == last)
				.toArray(String[]::new);
		}
	}

	private static final String[] STAND_IN_PREFIXES = { "${", "{{", "$(", "%(", "os.environ", "process.env",
			"system.getenv", "env(", "[redacted" };

	private SecretKeys() {
	}

	/** Whether the key {@code [start, end)} of a text is secret-ish. */
	static boolean isSecretKey(String text, int start, int end) {
		if (end - start > 128 || end <= start) {
			return false;
		}
		int last = end - 1;
		while (last >= start && isSeparator(text.charAt(last))) {
			last--;
		}
		if (last < start) {
			return false;
		}
		char lastLetter = Character.toLowerCase(text.charAt(last));
		if (lastLetter >= ENDINGS_BY_LAST.length) {
			return false;
		}
		// Only the endings with the key's last letter can match.
		String[] endings = ENDINGS_BY_LAST[lastLetter];
		if (endings.length == 0) {
			return false;
		}
		boolean secret = endsWithAny(text, start, last + 1, endings) || (endsWith(text, start, last + 1, "pin")
				&& (kept(text, start, last + 1, 4) == 3 || endsWithWord(text, end, "pin")));
		return secret && !endsWithAny(text, start, last + 1, NOT_SECRET_ENDINGS);
	}

	/** Whether a field name is secret-ish. */
	static boolean isSecretKey(String name) {
		return isSecretKey(name, 0, name.length());
	}

	/** Whether a field name ends with a paging or counting compound such as {@code nextPageToken}. */
	static boolean isNotSecret(String name) {
		return name.length() <= 128 && endsWithAny(name, 0, name.length(), NOT_SECRET_ENDINGS);
	}

	private static boolean endsWithAny(String text, int start, int end, String[] words) {
		for (String word : words) {
			if (endsWith(text, start, end, word)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the key {@code [start, end)}, lower-cased without separators and quotes, ends
	 * with a word; read backwards in place.
	 */
	private static boolean endsWith(String text, int start, int end, String word) {
		int i = end - 1;
		for (int w = word.length() - 1; w >= 0; w--) {
			while (i >= start && isSeparator(text.charAt(i))) {
				i--;
			}
			if (i < start || Character.toLowerCase(text.charAt(i)) != word.charAt(w)) {
				return false;
			}
			i--;
		}
		return true;
	}

	/** How many characters of {@code [start, end)} are not separators, counted up to {@code most}. */
	private static int kept(String text, int start, int end, int most) {
		int kept = 0;
		for (int i = end - 1; i >= start && kept < most; i--) {
			if (!isSeparator(text.charAt(i))) {
				kept++;
			}
		}
		return kept;
	}

	private static boolean isSeparator(char c) {
		return c == '_' || c == '-' || c == '.' || c == '\\' || c == '"' || c == '\'' || Character.isWhitespace(c);
	}

	/** A word that ends the key by a separator or a capital ({@code userPin}, {@code user_pin}). */
	private static boolean endsWithWord(String text, int end, String word) {
		int start = end - word.length();
		if (start <= 0) {
			return start == 0;
		}
		char first = text.charAt(start);
		char before = text.charAt(start - 1);
		return !Character.isLetterOrDigit(before) || (Character.isUpperCase(first) && Character.isLowerCase(before));
	}

	/** Whether the value {@code [start, end)} stands in for a secret rather than being one. */
	static boolean isStandIn(String text, int start, int end) {
		int length = end - start;
		if (length == 0) {
			return true;
		}
		if ((length == 4 && (text.regionMatches(true, start, "true", 0, 4) || text.regionMatches(true, start, "null", 0, 4)))
				|| (length == 5 && text.regionMatches(true, start, "false", 0, 5))) {
			return true;
		}
		if (text.charAt(start) == '<' && text.charAt(end - 1) == '>') {
			return true;
		}
		for (String prefix : STAND_IN_PREFIXES) {
			if (text.regionMatches(true, start, prefix, 0, Math.min(prefix.length(), length)) && length >= prefix.length()) {
				return true;
			}
		}
		for (int i = start; i < end; i++) {
			if (text.charAt(i) != '*') {
				return false;
			}
		}
		return true;
	}

}
