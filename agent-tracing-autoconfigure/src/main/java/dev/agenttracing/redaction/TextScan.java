package dev.agenttracing.redaction;

import java.util.Arrays;

import dev.agenttracing.text.WellFormedText;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a text that records where the built-in detectors could find something, so
 * that each looks only there (see {@link BuiltInDetectors}),
 * and whether the text is well-formed.
 * <p>
 * The positions recorded are a superset of where values can start: a detector checks the
 * exact context itself. "Letters" include the two non-ASCII characters that RE2's
 * case-insensitive matching folds to ASCII letters, long s ({@code U+017F}, s) and the
 * Kelvin sign ({@code U+212A}, k).
 */
final class TextScan {

	/** Long s, which case-insensitive RE2 patterns match as {@code s}. */
	static final char LONG_S = '\u017F';

	/** The Kelvin sign, which case-insensitive RE2 patterns match as {@code k}. */
	static final char KELVIN = '\u212A';

	/** White space and punctuation other than below: nothing to do. */
	private static final byte NOTHING = 0;

	private static final byte DIGIT = 1;

	/** {@code : = + ( @ - > %} */
	private static final byte SPECIAL = 2;

	/** A control character that {@link WellFormedText} replaces. */
	private static final byte ILL_FORMED = 3;

	/** An ASCII letter; this and above. */
	private static final byte LETTER = 4;

	/** A letter that starts a keyword or a key prefix when it starts a word. */
	private static final byte WORD_START = 5;

	private static final byte[] KINDS = new byte[128];

	static {
		for (char c = 0; c < 0x20; c++) {
			KINDS[c] = (c == '\t' || c == '\n' || c == '\r') ? NOTHING : ILL_FORMED;
		}
		for (char c = '0'; c <= '9'; c++) {
			KINDS[c] = DIGIT;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			KINDS[c] = LETTER;
			KINDS[c - 'a' + 'A'] = LETTER;
		}
		for (char c : "bBpPsSrAgxenmMcCwWkK".toCharArray()) {
			KINDS[c] = WORD_START;
		}
		for (char c : ":=+(@->%".toCharArray()) {
			KINDS[c] = SPECIAL;
		}
	}

	private final String text;

	private boolean scanned;

	private boolean wellFormed = true;

	private Positions numbers = Positions.EMPTY;

	private Positions wordStarts = Positions.EMPTY;

	private Positions ibanStarts = Positions.EMPTY;

	private Positions colons = Positions.EMPTY;

	private Positions equalSigns = Positions.EMPTY;

	private Positions plusOrParens = Positions.EMPTY;

	private Positions atSigns = Positions.EMPTY;

	private Positions tagEnds = Positions.EMPTY;

	private Positions flags = Positions.EMPTY;

	private boolean beginLine;

	private final @Nullable String field;

	TextScan(String text) {
		this(text, null);
	}

	/**
	 * A scan of a JSON field's value.
	 * @param field the field's name, the value's context as the key before a value is in
	 * text, or {@code null}
	 */
	TextScan(String text, @Nullable String field) {
		this.text = text;
		this.field = field;
	}

	String text() {
		return this.text;
	}

	/** The name of the JSON field the text is the value of, or {@code null}. */
	@Nullable String field() {
		return this.field;
	}

	/**
	 * Whether the text is well-formed as {@link WellFormedText} makes it: when not, it
	 * should be made so and scanned again.
	 */
	boolean wellFormed() {
		return scan().wellFormed;
	}

	/**
	 * Runs of digits not preceded by an ASCII letter or digit: {@link Positions#get} is
	 * where one starts, {@link Positions#end} where it ends.
	 */
	Positions numbers() {
		return scan().numbers;
	}

	/**
	 * Where a keyword or key prefix starts ("bearer", "pass", "pin", "ssn", "social
	 * security", {@code sk-}, {@code AKIA}, {@code ghp_}, {@code eyJ}...), not preceded by an
	 * ASCII letter or digit; keywords in any case.
	 */
	Positions wordStarts() {
		return scan().wordStarts;
	}

	/** Two letters followed by two digits, not preceded by a letter or digit. */
	Positions ibanStarts() {
		return scan().ibanStarts;
	}

	/** Every {@code :}. */
	Positions colons() {
		return scan().colons;
	}

	/** Every {@code =}. */
	Positions equalSigns() {
		return scan().equalSigns;
	}

	/** Every {@code +} and {@code (} followed by a digit. */
	Positions plusOrParens() {
		return scan().plusOrParens;
	}

	/** Every {@code @}, and {@code %40} (an {@code @} URL-encoded). */
	Positions atSigns() {
		return scan().atSigns;
	}

	/** Every {@code >} that ends an opening tag ({@code <key>}). */
	Positions tagEnds() {
		return scan().tagEnds;
	}

	/** Every {@code -} that starts a command-line flag: {@code --name} or {@code -p}, after white space. */
	Positions flags() {
		return scan().flags;
	}

	/** Whether the text has {@code -----BEGIN }. */
	boolean hasBeginLine() {
		return scan().beginLine;
	}

	/**
	 * Whether anything was found that a built-in detector starts from: when not, none can
	 * find a value.
	 */
	boolean hasTriggers() {
		scan();
		return this.numbers.size() > 0 || this.wordStarts.size() > 0 || this.ibanStarts.size() > 0
				|| this.colons.size() > 0 || this.equalSigns.size() > 0 || this.plusOrParens.size() > 0
				|| this.atSigns.size() > 0 || this.tagEnds.size() > 0 || this.flags.size() > 0 || this.beginLine;
	}

	private TextScan scan() {
		if (this.scanned) {
			return this;
		}
		this.scanned = true;
		int length = this.text.length();
		String chars = this.text;
		byte[] kinds = KINDS;
		int i = 0;
		while (i < length) {
			char c = chars.charAt(i);
			if (c < 128) {
				byte kind = kinds[c];
				if (kind >= LETTER) {
					// A word: only its first letter can start a keyword.
					if (kind == WORD_START && (i == 0 || !isAsciiLetterOrDigit(chars.charAt(i - 1)))) {
						wordStart(c, i);
					}
					i++;
					while (i < length) {
						char next = chars.charAt(i);
						if (next >= 128 || kinds[next] < LETTER) {
							break;
						}
						i++;
					}
				}
				else if (kind == NOTHING) {
					i++;
				}
				else if (kind == DIGIT) {
					i = digits(chars, i);
				}
				else {
					if (kind == SPECIAL) {
						special(c, i);
					}
					else {
						this.wellFormed = false;
					}
					i++;
				}
			}
			else {
				if (c == LONG_S && (i == 0 || !isAsciiLetterOrDigit(chars.charAt(i - 1)))) {
					wordStart(c, i);
				}
				else if (c >= Character.MIN_SURROGATE && (c <= Character.MAX_SURROGATE || c >= '\uFFFE')) {
					// A surrogate pair is well-formed; WellFormedText tells.
					this.wellFormed = false;
				}
				i++;
			}
		}
		if (!this.wellFormed) {
			this.wellFormed = WellFormedText.of(this.text) == this.text;
		}
		return this;
	}

	/** The run of digits at {@code start}: record it, return its end. */
	private int digits(String chars, int start) {
		int end = start + 1;
		while (end < chars.length() && isDigit(chars.charAt(end))) {
			end++;
		}
		char before = (start > 0) ? chars.charAt(start - 1) : ' ';
		if (!isAsciiLetterOrDigit(before)) {
			this.numbers = Positions.add(this.numbers, start, end);
		}
		if (end - start >= 2 && start >= 2 && isLetter(before) && isLetter(chars.charAt(start - 2))
				&& (start == 2 || !isLetterOrDigit(chars.charAt(start - 3)))) {
			this.ibanStarts = Positions.add(this.ibanStarts, start - 2);
		}
		return end;
	}

	/** A word starts with one of the letters of keywords and key prefixes: does one follow? */
	private void wordStart(char c, int i) {
		String text = this.text;
		boolean keyword = switch (c) {
			case 'b', 'B' -> regionMatchesFolded(text, i, "bearer");
			case 'p', 'P' -> regionMatchesFolded(text, i, "pass") || regionMatchesFolded(text, i, "pin");
			case 's' -> text.startsWith("sk-", i) || text.startsWith("sk_", i) || regionMatchesFolded(text, i, "ssn")
					|| regionMatchesFolded(text, i, "social security") || regionMatchesFolded(text, i, "senha");
			case 'S', LONG_S -> regionMatchesFolded(text, i, "ssn") || regionMatchesFolded(text, i, "social security")
					|| regionMatchesFolded(text, i, "senha");
			case 'r' -> text.startsWith("rk_", i);
			case 'A' -> text.startsWith("AKIA", i) || text.startsWith("ASIA", i) || text.startsWith("ABIA", i)
					|| text.startsWith("ACCA", i) || text.startsWith("AIza", i);
			case 'g' -> text.startsWith("gh", i) || text.startsWith("github_pat_", i) || text.startsWith("glpat-", i);
			case 'x' -> text.startsWith("xox", i) || text.startsWith("xapp-", i);
			case 'e' -> text.startsWith("eyJ", i);
			case 'n' -> text.startsWith("npm_", i);
			case 'w', 'W' -> text.startsWith("whsec_", i) || regionMatchesFolded(text, i, "wachtwoord");
			case 'm', 'M' -> regionMatchesFolded(text, i, "mot de passe");
			case 'c', 'C' -> regionMatchesFolded(text, i, "contrase");
			case 'k', 'K' -> regionMatchesFolded(text, i, "kennwort");
			default -> false;
		};
		if (keyword) {
			this.wordStarts = Positions.add(this.wordStarts, i);
		}
	}

	private void special(char c, int i) {
		switch (c) {
			case ':' -> this.colons = Positions.add(this.colons, i);
			case '=' -> this.equalSigns = Positions.add(this.equalSigns, i);
			case '@' -> this.atSigns = Positions.add(this.atSigns, i);
			case '%' -> {
				if (this.text.startsWith("40", i + 1)) {
					this.atSigns = Positions.add(this.atSigns, i);
				}
			}
			case '>' -> {
				if (i > 0 && isLetterOrDigit(this.text.charAt(i - 1))) {
					this.tagEnds = Positions.add(this.tagEnds, i);
				}
			}
			case '-' -> {
				this.beginLine |= this.text.startsWith("-----BEGIN ", i);
				if ((i == 0 || isSpace(this.text.charAt(i - 1))) && i + 1 < this.text.length()
						&& (this.text.charAt(i + 1) == '-' || this.text.charAt(i + 1) == 'p')) {
					this.flags = Positions.add(this.flags, i);
				}
			}
			default -> {
				if (i + 1 < this.text.length() && isDigit(this.text.charAt(i + 1))) {
					this.plusOrParens = Positions.add(this.plusOrParens, i);
				}
			}
		}
	}

	static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	static boolean isAsciiLetterOrDigit(char c) {
		return isAsciiLetter(c) || isDigit(c);
	}

	/** A letter as case-insensitive RE2 classes such as {@code (?i)[a-z]} see it. */
	static boolean isLetter(char c) {
		return isAsciiLetter(c) || c == LONG_S || c == KELVIN;
	}

	/** A letter or digit as case-insensitive RE2 classes such as {@code (?i)[a-z0-9]} see it. */
	static boolean isLetterOrDigit(char c) {
		return isLetter(c) || isDigit(c);
	}

	static boolean isHexDigit(char c) {
		return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/** RE2's {@code \s}: {@code [\t\n\f\r ]}. */
	static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
	}

	/**
	 * The character as case-insensitive RE2 matching compares it with a lower-case ASCII
	 * letter: ASCII letters lower-cased, long s as {@code s}, the Kelvin sign as {@code k}.
	 */
	static char fold(char c) {
		if (c >= 'A' && c <= 'Z') {
			return (char) (c + ('a' - 'A'));
		}
		if (c == LONG_S) {
			return 's';
		}
		return (c == KELVIN) ? 'k' : c;
	}

	/** Whether the text has a lower-case ASCII word at {@code index}, case-insensitively as RE2 matches. */
	static boolean regionMatchesFolded(String text, int index, String lowerCaseWord) {
		if (index < 0 || index + lowerCaseWord.length() > text.length()) {
			return false;
		}
		for (int i = 0; i < lowerCaseWord.length(); i++) {
			if (fold(text.charAt(index + i)) != lowerCaseWord.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A growable list of increasing positions.
	 */
	static final class Positions {

		private static final int[] NONE = new int[0];

		/** No positions; shared, never added to. */
		static final Positions EMPTY = new Positions();

		/** Add a position to positions, which may be {@link #EMPTY}. */
		static Positions add(Positions positions, int position) {
			Positions target = (positions == EMPTY) ? new Positions() : positions;
			target.add(position);
			return target;
		}

		/** Add a range to positions, which may be {@link #EMPTY}. */
		static Positions add(Positions positions, int position, int end) {
			Positions target = (positions == EMPTY) ? new Positions() : positions;
			target.add(position, end);
			return target;
		}

		private int[] positions = NONE;

		private int[] ends = NONE;

		private int size;

		void add(int position) {
			if (this.size == this.positions.length) {
				this.positions = Arrays.copyOf(this.positions, Math.max(4, this.size * 2));
			}
			this.positions[this.size++] = position;
		}

		void add(int position, int end) {
			if (this.size == this.ends.length) {
				this.ends = Arrays.copyOf(this.ends, Math.max(4, this.size * 2));
			}
			this.ends[this.size] = end;
			add(position);
		}

		int size() {
			return this.size;
		}

		int get(int index) {
			return this.positions[index];
		}

		/** The end of the range at an index, for positions added with one. */
		int end(int index) {
			return this.ends[index];
		}

	}

}
