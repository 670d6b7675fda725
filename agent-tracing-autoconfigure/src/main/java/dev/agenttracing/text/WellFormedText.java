package dev.agenttracing.text;

import org.jspecify.annotations.Nullable;

/**
 * Makes captured text safe to put on a span. A lone UTF-16 surrogate cannot be encoded as
 * UTF-8 (exporters drop the attribute or fail the batch), and most control characters
 * break the backends that store span attributes; both become U+FFFD. Tab, line feed and
 * carriage return are kept.
 */
public final class WellFormedText {

	/** What a character that cannot be exported becomes. */
	public static final char REPLACEMENT_CHARACTER = '\uFFFD';

	private WellFormedText() {
	}

	/**
	 * The text with lone surrogates and control characters replaced.
	 * @param text the text, or {@code null}
	 * @return the well-formed text; the empty string for {@code null}; the same instance
	 * when nothing had to change
	 */
	public static String of(@Nullable CharSequence text) {
		if (text == null) {
			return "";
		}
		int length = text.length();
		int first = firstIllFormed(text, 0, length);
		if (first == length) {
			return text.toString();
		}
		StringBuilder builder = new StringBuilder(length);
		builder.append(text, 0, first);
		int i = first;
		while (i < length) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				builder.append(c).append(text.charAt(i + 1));
				i += 2;
				continue;
			}
			builder.append(isIllFormed(c) ? REPLACEMENT_CHARACTER : c);
			i++;
		}
		return builder.toString();
	}

	/**
	 * Where to cut text so that at most {@code maxLength} characters are kept and no
	 * surrogate pair is split.
	 * @param text the text
	 * @param maxLength the most characters to keep, at least zero
	 * @return the cut index, between {@code maxLength - 1} and {@code maxLength}, or the
	 * text's length when it is shorter
	 */
	public static int cutIndex(CharSequence text, int maxLength) {
		if (maxLength >= text.length()) {
			return text.length();
		}
		if (maxLength > 0 && Character.isHighSurrogate(text.charAt(maxLength - 1))
				&& Character.isLowSurrogate(text.charAt(maxLength))) {
			return maxLength - 1;
		}
		return Math.max(0, maxLength);
	}

	private static int firstIllFormed(CharSequence text, int from, int to) {
		if (text instanceof String string) {
			return firstIllFormed(string, from, to);
		}
		int i = from;
		while (i < to) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
				i += 2;
				continue;
			}
			if (isIllFormed(c)) {
				return i;
			}
			i++;
		}
		return to;
	}

	/** {@link #firstIllFormed(CharSequence, int, int)} for a string, most characters passing at once. */
	private static int firstIllFormed(String text, int from, int to) {
		int i = from;
		while (i < to) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < Character.MIN_SURROGATE) {
				i++;
				continue;
			}
			if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
				i += 2;
				continue;
			}
			if (isIllFormed(c)) {
				return i;
			}
			i++;
		}
		return to;
	}

	/** A surrogate reaching here is lone: pairs are handled by the callers. */
	static boolean isIllFormed(char c) {
		if (c < 0x20) {
			return c != '\t' && c != '\n' && c != '\r';
		}
		return Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF';
	}

}
