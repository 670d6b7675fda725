package dev.agenttracing.redaction;

import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Redaction of a JSON document, token by token in one pass over its characters (no tree,
 * no recursion, no JSON library: agent traffic is many short documents, and a parser and
 * a generator per value cost more than the redaction itself). Names and string values are
 * redacted as text, with the field's name as their context (as the key before a value is
 * in text); a number that holds a sensitive value (a card number written as a number)
 * becomes the replacement string; the value of a field whose name matches a
 * {@link FieldNameRules rule}, or is secret-ish as the secret detector judges keys in text
 * ({@link SecretKeys}), is replaced whole, whatever it holds, unless it is a boolean, a
 * {@code null} or a stand-in such as a placeholder. The output is compact JSON, its
 * strings escaped as Jackson escapes them.
 * <p>
 * Only strict JSON (RFC 8259) is read; anything else throws, and the caller redacts the
 * input as text. The limits are Jackson's defaults, so that what reads as JSON here is
 * what a JSON library would read: nesting up to {@value #MAX_DEPTH}, numbers up to
 * {@value #MAX_NUMBER_LENGTH} characters, names up to {@value #MAX_NAME_LENGTH}.
 */
final class JsonRedaction {

	/** Nesting deeper than this is not read as JSON: the input is redacted as text. */
	static final int MAX_DEPTH = 100_000;

	static final int MAX_NUMBER_LENGTH = 1_000;

	static final int MAX_NAME_LENGTH = 50_000;

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final FieldNameRules fieldNames;

	private final AllowList allowList;

	private final Replacements replacements;

	private final boolean secretKeys;

	private final TextRedaction redactText;

	/**
	 * The verdicts on names seen lately that redaction leaves as they are, by hash: agents
	 * send the same few field names over and over. Racy by design: a slot holds an
	 * immutable verdict or {@code null}.
	 */
	private final @Nullable Name[] names = new Name[512];

	JsonRedaction(FieldNameRules fieldNames, boolean secretKeys, AllowList allowList, Replacements replacements,
			TextRedaction redactText) {
		this.redactText = redactText;
		this.fieldNames = fieldNames;
		this.secretKeys = secretKeys;
		this.allowList = allowList;
		this.replacements = replacements;
	}

	/**
	 * Redact a document.
	 * @param json the document
	 * @param counts where field-name redactions are counted
	 * @return the redacted document
	 * @throws IllegalArgumentException when the input is not one valid JSON value
	 */
	String redact(String json, Map<String, Integer> counts) {
		Tokens tokens = new Tokens(json);
		StringBuilder out = new StringBuilder(json.length() + 16);
		@Nullable String maskedField = null;
		@Nullable String field = null;
		Token token = tokens.next();
		if (token == Token.END) {
			throw new IllegalArgumentException("No JSON value");
		}
		while (token != Token.END) {
			String masked = maskedField;
			maskedField = null;
			if (tokens.afterComma) {
				out.append(',');
			}
			switch (token) {
				case START_OBJECT, START_ARRAY -> {
					if (masked != null) {
						appendString(out, this.replacements.replace(masked, structureText(tokens, token)));
						counts.merge(masked, 1, Integer::sum);
					}
					else {
						out.append(token.symbol);
					}
				}
				case END_OBJECT, END_ARRAY -> out.append(token.symbol);
				case NAME -> {
					int slot = tokens.hash() & (this.names.length - 1);
					Name known = this.names[slot];
					if (known != null && tokens.is(known.name())) {
						field = known.name();
						maskedField = known.masked();
						tokens.appendRaw(out);
					}
					else {
						String name = tokens.text();
						field = name;
						maskedField = this.fieldNames.match(name);
						if (maskedField == null && this.secretKeys && SecretKeys.isSecretKey(name)) {
							maskedField = BuiltInDetector.SECRET.detectorName();
						}
						String redacted = this.redactText.redact(null, name, counts);
						writeString(out, tokens, name, redacted);
						if (!tokens.escaped && redacted.equals(name)) {
							this.names[slot] = new Name(name, maskedField);
						}
					}
					out.append(':');
				}
				case NULL -> out.append("null");
				default -> writeScalar(out, tokens, token, masked, field, counts);
			}
			token = tokens.next();
		}
		return out.toString();
	}

	private void writeScalar(StringBuilder out, Tokens tokens, Token token, @Nullable String masked,
			@Nullable String field, Map<String, Integer> counts) {
		String text = tokens.text();
		if (token == Token.TRUE || token == Token.FALSE) {
			// Never masked: a boolean tells nothing.
			out.append(text);
			return;
		}
		if (masked != null && !SecretKeys.isStandIn(text, 0, text.length()) && !this.allowList.allows(text)) {
			appendString(out, this.replacements.replace(masked, text));
			counts.merge(masked, 1, Integer::sum);
			return;
		}
		String redacted = this.redactText.redact(field, text, counts);
		if (token == Token.STRING) {
			writeString(out, tokens, text, redacted);
		}
		else if (!redacted.equals(text)) {
			// A number cannot hold a replacement: it becomes a string.
			appendString(out, redacted);
		}
		else {
			out.append(text);
		}
	}

	/** A string token's value as redacted: copied as it came when unchanged and unescaped. */
	private static void writeString(StringBuilder out, Tokens tokens, String text, String redacted) {
		if (!tokens.escaped && redacted.equals(text)) {
			tokens.appendRaw(out);
		}
		else {
			appendString(out, redacted);
		}
	}

	/**
	 * The tokens of the structure starting at the current token, as the text to hash:
	 * names followed by {@code :}, scalars by {@code ,}.
	 */
	private static String structureText(Tokens tokens, Token first) {
		StringBuilder text = new StringBuilder();
		int depth = 0;
		Token token = first;
		do {
			depth += token.depth;
			text.append((token.symbol != 0) ? String.valueOf(token.symbol)
					: tokens.text() + ((token == Token.NAME) ? ':' : ','));
			if (depth > 0) {
				token = tokens.next();
			}
		}
		while (depth > 0);
		return text.toString();
	}

	/**
	 * Redacts text in the context of a field name, making it well-formed, adding to the
	 * counts; the same answer for the same text and field every time.
	 */
	@FunctionalInterface
	interface TextRedaction {

		String redact(@Nullable String field, String text, Map<String, Integer> counts);

	}

	/** A field name left as it is, and the rule or detector that masks its value, if any. */
	private record Name(String name, @Nullable String masked) {
	}

	/** A JSON string, escaped as Jackson's generator escapes it by default. */
	static void appendString(StringBuilder out, String value) {
		out.append('"');
		int length = value.length();
		int copied = 0;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c != '"' && c != '\\') {
				continue;
			}
			out.append(value, copied, i).append('\\');
			switch (c) {
				case '"', '\\' -> out.append(c);
				case '\b' -> out.append('b');
				case '\t' -> out.append('t');
				case '\n' -> out.append('n');
				case '\f' -> out.append('f');
				case '\r' -> out.append('r');
				default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
			copied = i + 1;
		}
		out.append(value, copied, length).append('"');
	}

	/** A token, with its character and the change of depth it makes, for a structure's. */
	private enum Token {

		END, START_OBJECT('{', 1), END_OBJECT('}', -1), START_ARRAY('[', 1), END_ARRAY(']', -1), NAME, STRING, NUMBER,
		TRUE, FALSE, NULL;

		final char symbol;

		final int depth;

		Token() {
			this((char) 0, 0);
		}

		Token(char symbol, int depth) {
			this.symbol = symbol;
			this.depth = depth;
		}

	}

	/**
	 * A strict JSON tokenizer over a string: {@link #next()} returns the next token and
	 * throws {@link IllegalArgumentException} where the input stops being JSON.
	 */
	private static final class Tokens {

		/**
		 * What may come next: a value (the root's, or after {@code :}); a value or {@code ]}
		 * (after {@code [}); a name or <code>}</code> (after <code>{</code>); a name (after
		 * {@code ,} in an object); {@code ,} or the end of the enclosing structure (at the
		 * root, the end).
		 */
		private enum Expect {

			VALUE, FIRST_ELEMENT, FIRST_NAME, NAME, SEPARATOR

		}

		private final String json;

		private final int length;

		private int position;

		private Expect expect = Expect.VALUE;

		/** Whether each open structure is an object, innermost last. */
		private boolean[] objects = new boolean[16];

		private int depth;

		/** Whether a {@code ,} comes before the token just read. */
		private boolean afterComma;

		private int start;

		private int end;

		private boolean escaped;

		private @Nullable String text;

		Tokens(String json) {
			this.json = json;
			this.length = json.length();
		}

		Token next() {
			this.afterComma = false;
			this.text = null;
			skipWhiteSpace();
			if (this.expect == Expect.SEPARATOR) {
				if (this.depth == 0) {
					if (this.position < this.length) {
						throw new IllegalArgumentException("More than one JSON value");
					}
					return Token.END;
				}
				char c = charAt(this.position);
				if (c == ',') {
					this.position++;
					this.afterComma = true;
					this.expect = this.objects[this.depth - 1] ? Expect.NAME : Expect.VALUE;
					skipWhiteSpace();
				}
				else {
					return close(c);
				}
			}
			char c = charAt(this.position);
			if (this.expect == Expect.FIRST_NAME || this.expect == Expect.NAME) {
				if (c == '}' && this.expect == Expect.FIRST_NAME) {
					return close(c);
				}
				if (c != '"') {
					throw new IllegalArgumentException("A name expected at " + this.position);
				}
				string(Token.NAME);
				if (this.end - this.start > MAX_NAME_LENGTH) {
					throw new IllegalArgumentException("Name too long");
				}
				skipWhiteSpace();
				if (charAt(this.position) != ':') {
					throw new IllegalArgumentException("':' expected at " + this.position);
				}
				this.position++;
				this.expect = Expect.VALUE;
				return Token.NAME;
			}
			if (c == ']' && this.expect == Expect.FIRST_ELEMENT) {
				return close(c);
			}
			this.expect = Expect.SEPARATOR;
			return switch (c) {
				case '{' -> open(true);
				case '[' -> open(false);
				case '"' -> string(Token.STRING);
				case 't' -> literal("true", Token.TRUE);
				case 'f' -> literal("false", Token.FALSE);
				case 'n' -> literal("null", Token.NULL);
				default -> number();
			};
		}

		/** The current token's text: a name or string unescaped, a number or literal as written. */
		String text() {
			String text = this.text;
			if (text == null) {
				text = this.escaped ? unescape() : this.json.substring(this.start, this.end);
				this.text = text;
			}
			return text;
		}

		/** {@link String#hashCode()} of the current string as written. */
		int hash() {
			int hash = 0;
			for (int i = this.start; i < this.end; i++) {
				hash = 31 * hash + this.json.charAt(i);
			}
			return hash;
		}

		/** Whether the current string, as written and without escapes, is a name. */
		boolean is(String name) {
			return !this.escaped && name.length() == this.end - this.start
					&& this.json.regionMatches(this.start, name, 0, name.length());
		}

		/** The current string as written, quotes included. */
		void appendRaw(StringBuilder out) {
			out.append(this.json, this.start - 1, this.end + 1);
		}

		private Token open(boolean object) {
			if (this.depth == MAX_DEPTH) {
				throw new IllegalArgumentException("Nested deeper than " + MAX_DEPTH);
			}
			if (this.depth == this.objects.length) {
				this.objects = Arrays.copyOf(this.objects, this.depth * 2);
			}
			this.objects[this.depth++] = object;
			this.position++;
			this.expect = object ? Expect.FIRST_NAME : Expect.FIRST_ELEMENT;
			return object ? Token.START_OBJECT : Token.START_ARRAY;
		}

		private Token close(char c) {
			boolean object = this.depth > 0 && this.objects[this.depth - 1];
			if (this.depth == 0 || c != (object ? '}' : ']')) {
				throw new IllegalArgumentException("Unexpected '" + c + "' at " + this.position);
			}
			this.depth--;
			this.position++;
			this.expect = Expect.SEPARATOR;
			return object ? Token.END_OBJECT : Token.END_ARRAY;
		}

		private Token string(Token token) {
			int i = this.position + 1;
			this.start = i;
			boolean escaped = false;
			while (true) {
				char c = charAt(i);
				if (c == '"') {
					break;
				}
				if (c < 0x20) {
					throw new IllegalArgumentException("Unescaped control character at " + i);
				}
				if (c == '\\') {
					escaped = true;
					char escape = charAt(i + 1);
					if (escape == 'u') {
						for (int h = i + 2; h < i + 6; h++) {
							if (Character.digit(charAt(h), 16) < 0) {
								throw new IllegalArgumentException("Bad \\u escape at " + i);
							}
						}
						i += 6;
						continue;
					}
					if ("\"\\/bfnrt".indexOf(escape) < 0) {
						throw new IllegalArgumentException("Bad escape at " + i);
					}
					i += 2;
					continue;
				}
				i++;
			}
			this.end = i;
			this.escaped = escaped;
			this.position = i + 1;
			return token;
		}

		private String unescape() {
			StringBuilder value = new StringBuilder(this.end - this.start);
			int i = this.start;
			while (i < this.end) {
				char c = this.json.charAt(i);
				if (c != '\\') {
					value.append(c);
					i++;
					continue;
				}
				char escape = this.json.charAt(i + 1);
				switch (escape) {
					case 'u' -> {
						value.append((char) Integer.parseInt(this.json, i + 2, i + 6, 16));
						i += 6;
						continue;
					}
					case 'b' -> value.append('\b');
					case 'f' -> value.append('\f');
					case 'n' -> value.append('\n');
					case 'r' -> value.append('\r');
					case 't' -> value.append('\t');
					default -> value.append(escape);
				}
				i += 2;
			}
			return value.toString();
		}

		private Token literal(String literal, Token token) {
			if (!this.json.startsWith(literal, this.position)) {
				throw new IllegalArgumentException("Unrecognized token at " + this.position);
			}
			this.start = this.position;
			this.position += literal.length();
			this.end = this.position;
			this.escaped = false;
			this.text = literal;
			if (this.position < this.length && Character.isJavaIdentifierPart(this.json.charAt(this.position))) {
				throw new IllegalArgumentException("Unrecognized token at " + this.start);
			}
			return token;
		}

		/** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
		private Token number() {
			int i = this.position;
			this.start = i;
			if (i < this.length && this.json.charAt(i) == '-') {
				i++;
			}
			int integer = digits(i);
			if (integer == i || (this.json.charAt(i) == '0' && integer > i + 1)) {
				throw new IllegalArgumentException("Not a number at " + this.position);
			}
			i = integer;
			if (i < this.length && this.json.charAt(i) == '.') {
				int fraction = digits(i + 1);
				if (fraction == i + 1) {
					throw new IllegalArgumentException("Not a number at " + this.position);
				}
				i = fraction;
			}
			if (i < this.length && (this.json.charAt(i) == 'e' || this.json.charAt(i) == 'E')) {
				i++;
				if (i < this.length && (this.json.charAt(i) == '+' || this.json.charAt(i) == '-')) {
					i++;
				}
				int exponent = digits(i);
				if (exponent == i) {
					throw new IllegalArgumentException("Not a number at " + this.position);
				}
				i = exponent;
			}
			if (i - this.start > MAX_NUMBER_LENGTH) {
				throw new IllegalArgumentException("Number too long");
			}
			this.end = i;
			this.escaped = false;
			this.position = i;
			return Token.NUMBER;
		}

		private int digits(int from) {
			int i = from;
			while (i < this.length && this.json.charAt(i) >= '0' && this.json.charAt(i) <= '9') {
				i++;
			}
			return i;
		}

		private void skipWhiteSpace() {
			int i = this.position;
			while (i < this.length) {
				char c = this.json.charAt(i);
				if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
					break;
				}
				i++;
			}
			this.position = i;
		}

		private char charAt(int index) {
			if (index >= this.length) {
				throw new IllegalArgumentException("Unexpected end of JSON");
			}
			return this.json.charAt(index);
		}

	}

}
