package dev.agenttracing.text;

import org.jspecify.annotations.Nullable;

/**
 * Makes captured content fit a maximum number of characters per span attribute.
 * <p>
 * Text is cut at the limit, never between the two halves of a surrogate pair, and ends
 * with {@value #TEXT_MARKER}. JSON stays valid JSON: string values are shortened (each
 * keeps its beginning and ends with {@code …}), never the structure; when even the
 * structure does not fit (thousands of messages), trailing values are dropped and the
 * outermost open array ends with a {@code "[truncated]"} element; values nested deeper
 * than the maximum depth become {@code "[truncated: nested too deep]"}. Content that is
 * not valid JSON is truncated as text.
 * <p>
 * Whatever the input (10 MB, nested 10,000 deep, lone surrogates, control characters), the
 * result is well-formed (see {@link WellFormedText}), at most {@link #maxChars()}
 * characters long, and no exception is thrown. The work is linear in the input.
 */
public final class ContentTruncator {

	/** The smallest limit: room for a marker and a useful start of the content. */
	public static final int MIN_MAX_CHARS = 64;

	/** How deep captured JSON is kept by default, well beyond any message schema. */
	public static final int DEFAULT_MAX_DEPTH = 64;

	/** What ends text that was cut. */
	public static final String TEXT_MARKER = "\u2026[truncated]";

	private final int maxChars;

	private final int maxDepth;

	private ContentTruncator(int maxChars, int maxDepth) {
		this.maxChars = maxChars;
		this.maxDepth = maxDepth;
	}

	/**
	 * A truncator keeping JSON up to {@link #DEFAULT_MAX_DEPTH} deep.
	 * @param maxChars the most characters of a result, at least {@link #MIN_MAX_CHARS}
	 * @return the truncator
	 */
	public static ContentTruncator create(int maxChars) {
		return create(maxChars, DEFAULT_MAX_DEPTH);
	}

	/**
	 * A truncator.
	 * @param maxChars the most characters of a result, at least {@link #MIN_MAX_CHARS}
	 * @param maxDepth how deep JSON values are kept, at least 1
	 * @return the truncator
	 */
	public static ContentTruncator create(int maxChars, int maxDepth) {
		if (maxChars < MIN_MAX_CHARS) {
			throw new IllegalArgumentException("maxChars must be at least " + MIN_MAX_CHARS + ", was " + maxChars);
		}
		if (maxDepth < 1) {
			throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
		}
		return new ContentTruncator(maxChars, maxDepth);
	}

	/**
	 * The most characters of a result.
	 * @return the limit
	 */
	public int maxChars() {
		return this.maxChars;
	}

	/**
	 * Truncate text.
	 * @param text the text, or {@code null} (taken as empty)
	 * @return the text, well-formed and at most {@link #maxChars()} long
	 */
	public TruncatedContent truncateText(@Nullable String text) {
		if (text == null) {
			return TruncatedContent.of("", false, 0);
		}
		if (text.length() <= this.maxChars) {
			return TruncatedContent.of(WellFormedText.of(text), false, text.length());
		}
		int cut = WellFormedText.cutIndex(text, this.maxChars - TEXT_MARKER.length());
		return TruncatedContent.of(WellFormedText.of(text.subSequence(0, cut)) + TEXT_MARKER, true, text.length());
	}

	/**
	 * Truncate a JSON document, keeping it valid. The result is compact (no whitespace
	 * between tokens).
	 * @param json the document, or {@code null} (taken as JSON {@code null})
	 * @return the document, valid JSON when the input was, at most {@link #maxChars()} long
	 */
	public TruncatedContent truncateJson(@Nullable String json) {
		if (json == null) {
			return TruncatedContent.of("null", false, 0);
		}
		JsonTruncation.Written written;
		try {
			written = JsonTruncation.truncate(json, this.maxChars, this.maxDepth, false);
		}
		catch (RuntimeException notJson) {
			return truncateText(json);
		}
		return TruncatedContent.of(written.json(), written.cut(), json.length());
	}

	/**
	 * Close the start of a JSON document whose end is missing (a serializer stopped at
	 * the limit) into valid JSON of at most {@link #maxChars()} characters.
	 */
	public String closeJsonPrefix(String prefix) {
		try {
			return JsonTruncation.truncate(prefix, this.maxChars, this.maxDepth, true).json();
		}
		catch (RuntimeException ex) {
			return "\"" + JsonTruncation.DROPPED_MARKER + "\"";
		}
	}

}
