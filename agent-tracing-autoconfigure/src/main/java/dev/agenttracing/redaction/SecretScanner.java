package dev.agenttracing.redaction;

import dev.agenttracing.redaction.Detector.Sink;
import dev.agenttracing.redaction.TextScan.Positions;

import static dev.agenttracing.redaction.TextScan.isSpace;
import static dev.agenttracing.redaction.TextScan.regionMatchesFolded;

/**
 * The secret detector: the value of a secret-ish key ({@link SecretKeys}) in the shapes
 * keys take in text, and password sentences.
 * <ul>
 * <li>{@code key=value}, {@code key: value}, {@code "key": "value"} (also JSON escaped in a
 * string, and pretty-printed), with a quoted, bare or nested ({@code {...}}, {@code [...]})
 * value, taken whole;</li>
 * <li>{@code <key>value</key>};</li>
 * <li>command-line flags: {@code --key value}, {@code --key=value}, and {@code -p} after
 * {@code -u user} ({@code mysql}, {@code docker login});</li>
 * <li>"password is ..." in English, French, German, Spanish, Portuguese, Italian and
 * Dutch.</li>
 * </ul>
 * A bare value after {@code key:} made of letters only is a word of a sentence ("reset your
 * password: go to settings"); in sentences the value must have four characters and not be
 * letters only ("the password is incorrect"). Stand-ins (placeholders, booleans, stars) are
 * left alone.
 */
final class SecretScanner implements Detector {

	/**
	 * Values longer than this are taken up to here, so that many keys before one
	 * unterminated value cannot make the scan quadratic.
	 */
	private static final int MAX_VALUE = 4_096;

	private static final String[] NOUNS = { "password", "passcode", "passphrase", "passwort", "kennwort", "wachtwoord",
			"senha", "mot de passe", "pin" };

	private static final String[] VERBS = { "is", "was", "est", "ist", "war", "es", "era", "\u00E9", "\u00E8", "=" };

	private final String name;

	SecretScanner(String name) {
		this.name = name;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void detect(String text, TextScan scan, Sink sink) {
		Positions colons = scan.colons();
		for (int i = 0; i < colons.size(); i++) {
			assignment(text, colons.get(i), sink);
		}
		Positions equalSigns = scan.equalSigns();
		for (int i = 0; i < equalSigns.size(); i++) {
			assignment(text, equalSigns.get(i), sink);
		}
		Positions tagEnds = scan.tagEnds();
		for (int i = 0; i < tagEnds.size(); i++) {
			element(text, tagEnds.get(i), sink);
		}
		Positions flags = scan.flags();
		for (int i = 0; i < flags.size(); i++) {
			flag(text, flags.get(i), sink);
		}
		Positions words = scan.wordStarts();
		for (int i = 0; i < words.size(); i++) {
			sentence(text, words.get(i), sink);
		}
	}

	/** {@code key = value} and {@code key: value}, the separator at {@code separator}. */
	private static void assignment(String text, int separator, Sink sink) {
		int keyEnd = separator;
		while (keyEnd > 0 && isBlank(text.charAt(keyEnd - 1))) {
			keyEnd--;
		}
		boolean quotedKey = keyEnd > 0 && (text.charAt(keyEnd - 1) == '"' || text.charAt(keyEnd - 1) == '\'');
		if (quotedKey) {
			keyEnd--;
			if (keyEnd > 0 && text.charAt(keyEnd - 1) == '\\') {
				keyEnd--;
			}
		}
		int keyStart = keyEnd;
		while (keyStart > 0 && isKeyChar(text.charAt(keyStart - 1)) && keyEnd - keyStart < 128) {
			keyStart--;
		}
		if (keyStart == keyEnd || !(SecretKeys.isSecretKey(text, keyStart, keyEnd) || motDePasse(text, keyStart, keyEnd))) {
			return;
		}
		boolean prose = text.charAt(separator) == ':' && !quotedKey;
		value(text, skipBlanks(text, separator + 1), prose, sink);
	}

	/** "mot de passe : ..." */
	private static boolean motDePasse(String text, int keyStart, int keyEnd) {
		return keyEnd - keyStart == 5 && regionMatchesFolded(text, keyStart, "passe")
				&& regionMatchesFolded(text, keyStart - 7, "mot de ");
	}

	/** The value starting at {@code start}, whatever its quotes. */
	private static void value(String text, int start, boolean prose, Sink sink) {
		int length = text.length();
		if (start >= length) {
			return;
		}
		char first = text.charAt(start);
		if (first == '"' || first == '\'') {
			int end = start + 1;
			int limit = Math.min(length, start + MAX_VALUE);
			while (end < limit && text.charAt(end) != first && text.charAt(end) != '\n'
					&& !(first == '"' && text.charAt(end) == '\\' && end + 1 < length && text.charAt(end + 1) == '"')) {
				end++;
			}
			report(text, start + 1, end, sink);
		}
		else if (first == '\\' && start + 1 < length && text.charAt(start + 1) == '"') {
			int end = start + 2;
			int limit = Math.min(length - 1, start + MAX_VALUE);
			while (end < limit && !(text.charAt(end) == '\\' && text.charAt(end + 1) == '"')) {
				end++;
			}
			report(text, start + 2, end, sink);
		}
		else if (first == '{' || first == '[') {
			report(text, start, nestedEnd(text, start), sink);
		}
		else {
			int end = bareEnd(text, start);
			if (prose) {
				while (end > start && ".,;:?".indexOf(text.charAt(end - 1)) >= 0) {
					end--;
				}
				if (lettersOnly(text, start, end)) {
					return;
				}
			}
			report(text, start, end, sink);
		}
	}

	private static void report(String text, int start, int end, Sink sink) {
		if (end > start && !SecretKeys.isStandIn(text, start, end)) {
			sink.found(start, end);
		}
	}

	/** The end of a bracketed value, past the bracket that closes it (quotes respected). */
	private static int nestedEnd(String text, int start) {
		int depth = 0;
		char quote = 0;
		int limit = Math.min(text.length(), start + MAX_VALUE);
		for (int i = start; i < limit; i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				if (c == '\\') {
					i++;
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '"') {
				quote = c;
			}
			else if (c == '{' || c == '[') {
				depth++;
			}
			else if ((c == '}' || c == ']') && --depth == 0) {
				return i + 1;
			}
		}
		return limit;
	}

	/**
	 * A bare value runs to white space, a quote, an angle bracket or a backslash, or to a
	 * comma or closing bracket that ends an entry.
	 */
	private static int bareEnd(String text, int start) {
		int end = start;
		int limit = Math.min(text.length(), start + MAX_VALUE);
		while (end < limit) {
			char c = text.charAt(end);
			if (isSpace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\') {
				break;
			}
			if ((c == ',' || c == '}' || c == ']') && (end + 1 == text.length() || isSpace(text.charAt(end + 1))
					|| "\"'}],".indexOf(text.charAt(end + 1)) >= 0)) {
				// The end of a JSON or map entry: {"is_secret":false,"next":...}, {token=abc, user=x}
				break;
			}
			end++;
		}
		return end;
	}

	/** {@code <key>value</key>}, the {@code >} at {@code close}. */
	private static void element(String text, int close, Sink sink) {
		int nameStart = close;
		while (nameStart > 0 && isKeyChar(text.charAt(nameStart - 1)) && close - nameStart < 128) {
			nameStart--;
		}
		if (nameStart == close || nameStart == 0 || text.charAt(nameStart - 1) != '<'
				|| (nameStart >= 2 && text.charAt(nameStart - 2) == '"') || !SecretKeys.isSecretKey(text, nameStart, close)) {
			// A placeholder in quotes ("<your-api-key>") is not an element.
			return;
		}
		int end = close + 1;
		int limit = Math.min(text.length(), close + 1 + MAX_VALUE);
		while (end < limit && text.charAt(end) != '<' && text.charAt(end) != '\n') {
			end++;
		}
		report(text, close + 1, end, sink);
	}

	/** {@code --key value}, and {@code -p value} or {@code -pvalue} after {@code -u user}. */
	private static void flag(String text, int dash, Sink sink) {
		int length = text.length();
		if (text.startsWith("--", dash)) {
			int nameEnd = dash + 2;
			while (nameEnd < length && isKeyChar(text.charAt(nameEnd))) {
				nameEnd++;
			}
			if (nameEnd < length && isBlank(text.charAt(nameEnd)) && SecretKeys.isSecretKey(text, dash + 2, nameEnd)) {
				int value = skipBlanks(text, nameEnd);
				if (value < length && text.charAt(value) != '-') {
					value(text, value, false, sink);
				}
			}
			return;
		}
		if (dash + 2 > length || text.charAt(dash + 1) != 'p' || !userFlagBefore(text, dash)) {
			return;
		}
		int value = dash + 2;
		if (value < length && isBlank(text.charAt(value))) {
			value = skipBlanks(text, value);
			if (value < length && text.charAt(value) == '-') {
				return;
			}
		}
		value(text, value, false, sink);
	}

	/** Whether {@code -u} comes before on the same line. */
	private static boolean userFlagBefore(String text, int dash) {
		for (int i = dash - 1; i >= Math.max(1, dash - 160) && text.charAt(i) != '\n'; i--) {
			if (text.charAt(i) == 'u' && text.charAt(i - 1) == '-' && (i + 1 < text.length() && isBlank(text.charAt(i + 1)))) {
				return true;
			}
		}
		return false;
	}

	/** "password is ...", "mot de passe est ...", "Passwort ist ..." at a word start. */
	private static void sentence(String text, int start, Sink sink) {
		for (String noun : NOUNS) {
			if (!regionMatchesFolded(text, start, noun)) {
				continue;
			}
			int verb = skipBlanks(text, start + noun.length());
			if (verb == start + noun.length()) {
				return;
			}
			for (String word : VERBS) {
				if (regionMatchesFolded(text, verb, word) && verb + word.length() < text.length()
						&& !Character.isLetterOrDigit(text.charAt(verb + word.length()))) {
					int value = skipBlanks(text, verb + word.length());
					if (value < text.length() && text.charAt(value) == ':') {
						value = skipBlanks(text, value + 1);
					}
					sentenceValue(text, value, sink);
					return;
				}
			}
			return;
		}
		// contraseña: the ñ is not folded to ASCII.
		if (regionMatchesFolded(text, start, "contrase") && start + 10 <= text.length()
				&& "\u00F1n".indexOf(text.charAt(start + 8)) >= 0 && regionMatchesFolded(text, start + 9, "a")) {
			int verb = skipBlanks(text, start + 10);
			if (verb > start + 10 && (regionMatchesFolded(text, verb, "es ") || regionMatchesFolded(text, verb, "era "))) {
				sentenceValue(text, skipBlanks(text, verb + 3), sink);
			}
		}
	}

	private static void sentenceValue(String text, int value, Sink sink) {
		int end = value;
		while (end < text.length() && !isSpace(text.charAt(end)) && "\"',;".indexOf(text.charAt(end)) < 0) {
			end++;
		}
		while (end > value && ".,;:?".indexOf(text.charAt(end - 1)) >= 0) {
			end--;
		}
		if (end - value >= 4 && !lettersOnly(text, value, end)) {
			report(text, value, end, sink);
		}
	}

	private static boolean lettersOnly(String text, int start, int end) {
		for (int i = start; i < end; i++) {
			if (!Character.isLetter(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static int skipBlanks(String text, int from) {
		int i = from;
		while (i < text.length() && isBlank(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

	/** {@code [A-Za-z0-9_.-]} and letters of other scripts. */
	private static boolean isKeyChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
	}

}
