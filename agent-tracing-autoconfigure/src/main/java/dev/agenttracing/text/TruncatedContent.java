package dev.agenttracing.text;

/**
 * Content made to fit a size limit, and whether anything was left out to make it fit.
 */
public final class TruncatedContent {

	private final String value;

	private final boolean truncated;

	private final int originalLength;

	private TruncatedContent(String value, boolean truncated, int originalLength) {
		this.value = value;
		this.truncated = truncated;
		this.originalLength = originalLength;
	}

	/**
	 * A result.
	 * @param value what is kept
	 * @param truncated whether a part of the content was left out
	 * @param originalLength the length of the content before truncation
	 * @return the result
	 */
	public static TruncatedContent of(String value, boolean truncated, int originalLength) {
		return new TruncatedContent(value, truncated, originalLength);
	}

	/**
	 * The content to record.
	 * @return the content, never {@code null}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Whether a part of the content was left out (cut strings, dropped elements, values
	 * nested too deep). Whitespace removed from JSON does not count.
	 * @return whether the content was truncated
	 */
	public boolean truncated() {
		return this.truncated;
	}

	/**
	 * The length, in UTF-16 characters, of the content before truncation.
	 * @return the original length
	 */
	public int originalLength() {
		return this.originalLength;
	}

	@Override
	public String toString() {
		return "TruncatedContent[truncated=" + this.truncated + ", originalLength=" + this.originalLength
				+ ", length=" + this.value.length() + "]";
	}

}
