package dev.agenttracing.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SecretKeys} reads a key's ending in place; the oracle here is the first form,
 * which copied the key's last characters, lower-cased without separators, and compared
 * endings with {@code String.endsWith}. Both must judge every key alike.
 */
class SecretKeysDifferentialTests {

	private static final String[] SECRET_ENDINGS = { "password", "passwd", "pwd", "passphrase", "passcode", "secret",
			"token", "apikey", "accesskey", "secretkey", "privatekey", "signingkey", "encryptionkey", "masterkey",
			"credentials", "passwort", "kennwort", "wachtwoord", "motdepasse", "contrasena", "contraseña", "senha" };

	private static final String[] NOT_SECRET_ENDINGS = { "pagetoken", "nexttoken", "continuationtoken", "synctoken",
			"resumetoken", "cursortoken" };

	@Test
	void judgesKeysAsTheCopyingFormDid() {
		String[] parts = { "", "user", "api", "Api", "KEY", "key", "_", "-", ".", " ", "\"", "'", "\\", "pin", "Pin",
				"PIN", "p", "i", "n", "password", "Pass", "word", "token", "Token", "next", "Page", "secret", "SECRET",
				"x", "1", "é", "ñ", "contraseña", "db", "stripe", "webhook", "mot de passe", "\u212A", "\u017F" };
		Random random = new Random(3);
		List<String> keys = new ArrayList<>();
		for (String a : parts) {
			for (String b : parts) {
				keys.add(a + b);
			}
		}
		for (int i = 0; i < 50_000; i++) {
			StringBuilder key = new StringBuilder();
			int n = 1 + random.nextInt(5);
			for (int p = 0; p < n; p++) {
				key.append(parts[random.nextInt(parts.length)]);
			}
			keys.add(key.toString());
		}
		keys.add("x".repeat(127) + "token");
		int secret = 0;
		for (String key : keys) {
			String text = "<" + key + ">";
			boolean expected = oracle(text, 1, text.length() - 1);
			assertThat(SecretKeys.isSecretKey(text, 1, text.length() - 1)).as(key).isEqualTo(expected);
			assertThat(SecretKeys.isNotSecret(key)).as(key)
				.isEqualTo(key.length() <= 128 && endsWithAny(tail(key, 0, key.length()), NOT_SECRET_ENDINGS));
			secret += expected ? 1 : 0;
		}
		assertThat(secret).isGreaterThan(1_000).isLessThan(keys.size() - 1_000);
	}

	private static boolean oracle(String text, int start, int end) {
		if (end - start > 128 || end <= start) {
			return false;
		}
		String tail = tail(text, start, end);
		if (tail.isEmpty() || tail.charAt(tail.length() - 1) >= 256) {
			return false;
		}
		char last = tail.charAt(tail.length() - 1);
		String[] endings = Arrays.stream(SECRET_ENDINGS)
			.filter((ending) -> ending.charAt(ending.length() - 1) == last)
			.toArray(String[]::new);
		if (endings.length == 0 || endsWithAny(tail, NOT_SECRET_ENDINGS)) {
			return false;
		}
		return endsWithAny(tail, endings)
				|| (tail.endsWith("pin") && (tail.length() == 3 || endsWithWord(text, end, "pin")));
	}

	private static boolean endsWithAny(String tail, String[] words) {
		return Arrays.stream(words).anyMatch(tail::endsWith);
	}

	private static String tail(String text, int start, int end) {
		char[] tail = new char[20];
		int length = 0;
		for (int i = end - 1; i >= start && length < 20; i--) {
			char c = text.charAt(i);
			if (c != '_' && c != '-' && c != '.' && c != '\\' && c != '"' && c != '\'' && !Character.isWhitespace(c)) {
				tail[20 - 1 - length++] = Character.toLowerCase(c);
			}
		}
		return new String(tail, 20 - length, length);
	}

	private static boolean endsWithWord(String text, int end, String word) {
		int start = end - word.length();
		if (start <= 0) {
			return start == 0;
		}
		char first = text.charAt(start);
		char before = text.charAt(start - 1);
		return !Character.isLetterOrDigit(before) || (Character.isUpperCase(first) && Character.isLowerCase(before));
	}

}
