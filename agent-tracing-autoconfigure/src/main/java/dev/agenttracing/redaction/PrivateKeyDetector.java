package dev.agenttracing.redaction;

/**
 * Finds private key blocks: what {@link BuiltInDetectors#PRIVATE_KEY} matches, by hand.
 * <p>
 * A block is {@code -----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----} followed by
 * everything up to the first end line of the same form, or, when no end line follows, by
 * the base64 characters, white space and escaped line breaks ({@code \n}) that follow.
 * Searched with the pattern, a text with many begin lines and no end line takes time
 * quadratic in its length (each search looks for an end line to the end of the text); here
 * the first end line after a position is remembered, so that the time is linear.
 */
final class PrivateKeyDetector implements Detector {

	private static final String BEGIN = "-----BEGIN ";

	private static final String END = "-----END ";

	private final String name;

	PrivateKeyDetector(String name) {
		this.name = name;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void detect(String text, TextScan scan, Sink sink) {
		if (!scan.hasBeginLine()) {
			return;
		}
		EndLines endLines = null;
		int from = 0;
		for (int begin = text.indexOf(BEGIN); begin >= 0; begin = text.indexOf(BEGIN, from)) {
			int header = labelEnd(text, begin + BEGIN.length());
			if (header < 0) {
				from = begin + 1;
				continue;
			}
			if (endLines == null) {
				endLines = new EndLines(text);
			}
			int end = endLines.firstEndAtOrAfter(header);
			if (end < 0) {
				end = bodyEnd(text, header);
			}
			sink.found(begin, end);
			from = end;
		}
	}

	/**
	 * The end of {@code (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----} at a position, or -1.
	 * The words cannot run past a label (it holds {@code -----}), so the first place where
	 * one follows is the only one.
	 */
	static int labelEnd(String text, int start) {
		int i = start;
		while (true) {
			if (text.startsWith("PRIVATE KEY-----", i)) {
				return i + 16;
			}
			if (text.startsWith("PRIVATE KEY BLOCK-----", i)) {
				return i + 22;
			}
			int j = i;
			while (j < text.length() && (TextScan.isDigit(text.charAt(j))
					|| (text.charAt(j) >= 'A' && text.charAt(j) <= 'Z'))) {
				j++;
			}
			if (j == i || j >= text.length() || text.charAt(j) != ' ') {
				return -1;
			}
			i = j + 1;
		}
	}

	/** The end of {@code (?:[A-Za-z0-9+/=:,\- \t\r\n]|\\[nrt])*} at a position. */
	private static int bodyEnd(String text, int start) {
		int i = start;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (TextScan.isAsciiLetterOrDigit(c) || "+/=:,- \t\r\n".indexOf(c) >= 0) {
				i++;
			}
			else if (c == '\\' && i + 1 < text.length() && "nrt".indexOf(text.charAt(i + 1)) >= 0) {
				i += 2;
			}
			else {
				break;
			}
		}
		return i;
	}

	/**
	 * The first end line at or after a position, remembered for the positions that follow.
	 */
	private static final class EndLines {

		private final String text;

		private int searchedFrom = -1;

		private int start = -1;

		private int end = -1;

		EndLines(String text) {
			this.text = text;
		}

		/** The end of the first end line starting at or after {@code position}, or -1. */
		int firstEndAtOrAfter(int position) {
			if (this.searchedFrom >= 0 && position >= this.searchedFrom && (this.end < 0 || position <= this.start)) {
				return this.end;
			}
			this.searchedFrom = position;
			for (int at = this.text.indexOf(END, position); at >= 0; at = this.text.indexOf(END, at + 1)) {
				int end = labelEnd(this.text, at + END.length());
				if (end >= 0) {
					this.start = at;
					this.end = end;
					return end;
				}
			}
			this.start = -1;
			this.end = -1;
			return -1;
		}

	}

}
