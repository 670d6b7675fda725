package dev.agenttracing.text;

import java.util.Arrays;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Truncation of one JSON document to a number of characters, in two streaming passes.
 * <p>
 * The first pass measures: the size of the structure (everything but the contents of
 * string values) and the escaped length of each string value. From these it finds the
 * largest per-string length that lets the whole document fit, so that every message keeps
 * its beginning rather than the first ones keeping everything. The second pass writes with
 * that cap, and with a budget guard that always keeps room to close what is open: when even
 * the structure does not fit, the remaining values are dropped, the open containers are
 * closed, and the outermost open array gets a marker element. Values nested deeper than
 * the maximum depth are replaced by a marker string.
 */
final class JsonTruncation {

	/** Appended to a string value that was cut. */
	static final char CUT_MARKER = '\u2026';

	/** The element added to an array whose trailing elements were dropped. */
	static final String DROPPED_MARKER = "[truncated]";

	/** The value standing for a value nested deeper than the maximum depth. */
	static final String DEPTH_MARKER = "[truncated: nested too deep]";

	/**
	 * The shortest useful per-string length. When the document only fits with less, it
	 * keeps this much per string and drops trailing values instead.
	 */
	static final int STRING_FLOOR = 64;

	/** A string is not cut to fewer characters than this: it is dropped instead. */
	private static final int MIN_CUT_CONTENT = 8;

	/** Room for {@code ,"[truncated]"}, kept free while anything is open. */
	private static final int DROPPED_MARKER_RESERVE = DROPPED_MARKER.length() + 3;

	private JsonTruncation() {
	}

	/**
	 * Truncate a JSON document.
	 * @param json the document
	 * @param maxChars the most characters to return
	 * @param maxDepth the deepest nesting kept
	 * @param prefix whether the document may end early (the output of a serializer that
	 * was stopped); otherwise invalid JSON fails
	 * @return the written document
	 * @throws RuntimeException (Jackson's or an IllegalArgumentException) when the document
	 * is not one valid JSON value and {@code prefix} is false
	 */
	static Written truncate(String json, int maxChars, int maxDepth, boolean prefix) {
		long budget = maxChars - DROPPED_MARKER_RESERVE;
		Shape shape = measure(json, maxDepth, budget, prefix);
		return write(json, maxChars, maxDepth, shape.stringCap(budget), prefix);
	}

	static Shape measure(String json, int maxDepth, long stopAbove, boolean prefix) {
		Shape shape = new Shape();
		boolean[] isArray = new boolean[maxDepth + 1];
		int[] counts = new int[maxDepth + 1];
		int depth = 0;
		try (JsonParser parser = JsonText.parser(json)) {
			JsonToken token = parser.nextToken();
			if (token == null) {
				throw new IllegalArgumentException("No JSON value");
			}
			while (token != null) {
				if (token == JsonToken.PROPERTY_NAME) {
					shape.structure += ((counts[depth]++ > 0) ? 1 : 0) + JsonText.escapedLength(parser.currentName()) + 3;
				}
				else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
					depth--;
				}
				else {
					if (depth > 0 && isArray[depth] && counts[depth]++ > 0) {
						shape.structure++;
					}
					if (token.isStructStart()) {
						if (depth == maxDepth) {
							parser.skipChildren();
							shape.structure += DEPTH_MARKER.length() + 2;
						}
						else {
							depth++;
							isArray[depth] = token == JsonToken.START_ARRAY;
							counts[depth] = 0;
							shape.structure += 2;
						}
					}
					else if (token == JsonToken.VALUE_STRING) {
						shape.structure += 2;
						shape.add(JsonText.escapedLength(parser.getTextCharacters(), parser.getTextOffset(),
								parser.getTextLength()));
					}
					else {
						shape.structure += parser.getText().length();
					}
				}
				if (shape.structure > stopAbove) {
					// Everything from here on is dropped by the writer: no need to read it.
					shape.complete = false;
					return shape;
				}
				if (depth == 0) {
					if (parser.nextToken() != null) {
						throw new IllegalArgumentException("More than one JSON value");
					}
					return shape;
				}
				token = parser.nextToken();
			}
			throw new IllegalArgumentException("Unexpected end of JSON");
		}
		catch (RuntimeException ex) {
			if (!prefix) {
				throw ex;
			}
			shape.complete = false;
			return shape;
		}
	}

	static Written write(String json, int maxChars, int maxDepth, long stringCap, boolean prefix) {
		BudgetedWriter writer = new BudgetedWriter(maxChars, maxDepth, stringCap);
		try (JsonParser parser = JsonText.parser(json)) {
			writer.copy(parser);
		}
		catch (RuntimeException ex) {
			if (!prefix) {
				throw ex;
			}
			writer.stopped = true;
		}
		return writer.finish();
	}

	/** A written document and whether anything of the input was left out. */
	record Written(String json, boolean cut) {
	}

	/** Sizes of a document as it would be written compactly. */
	static final class Shape {

		long structure;

		boolean complete = true;

		private long[] stringLengths = new long[16];

		private int strings;

		private long longest;

		void add(long length) {
			if (this.strings == this.stringLengths.length) {
				this.stringLengths = Arrays.copyOf(this.stringLengths, this.strings * 2);
			}
			this.stringLengths[this.strings++] = length;
			this.longest = Math.max(this.longest, length);
		}

		/**
		 * The largest per-string length that makes the document fit the budget:
		 * {@link Long#MAX_VALUE} when it fits as it is, {@link #STRING_FLOOR} when it does
		 * not fit even with that.
		 */
		long stringCap(long budget) {
			if (this.complete && size(Long.MAX_VALUE) <= budget) {
				return Long.MAX_VALUE;
			}
			if (!this.complete || size(STRING_FLOOR) > budget) {
				return STRING_FLOOR;
			}
			long fits = STRING_FLOOR;
			long fails = this.longest;
			while (fails - fits > 1) {
				long middle = (fits + fails) >>> 1;
				if (size(middle) <= budget) {
					fits = middle;
				}
				else {
					fails = middle;
				}
			}
			return fits;
		}

		private long size(long cap) {
			long size = this.structure;
			for (int i = 0; i < this.strings; i++) {
				long length = this.stringLengths[i];
				size += (length <= cap) ? length : cap + 1;
			}
			return size;
		}

	}

	/**
	 * Copies tokens to compact JSON while keeping, at every step, room for closing what is
	 * open and for one {@link #DROPPED_MARKER}.
	 */
	private static final class BudgetedWriter {

		private final StringBuilder out = new StringBuilder();

		private final int maxChars;

		private final int maxDepth;

		private final long stringCap;

		private final boolean[] isArray;

		private final int[] counts;

		private int depth;

		private String pendingName;

		private boolean stopped;

		private boolean cut;

		BudgetedWriter(int maxChars, int maxDepth, long stringCap) {
			this.maxChars = maxChars;
			this.maxDepth = maxDepth;
			this.stringCap = stringCap;
			this.isArray = new boolean[maxDepth + 1];
			this.counts = new int[maxDepth + 1];
		}

		void copy(JsonParser parser) {
			JsonToken token = parser.nextToken();
			while (token != null && !this.stopped) {
				switch (token) {
					case PROPERTY_NAME -> this.pendingName = parser.currentName();
					case END_OBJECT -> close('}');
					case END_ARRAY -> close(']');
					case START_OBJECT, START_ARRAY -> {
						if (this.depth == this.maxDepth) {
							parser.skipChildren();
							this.cut = true;
							writeString(DEPTH_MARKER, false);
						}
						else {
							open(token == JsonToken.START_ARRAY);
						}
					}
					case VALUE_STRING -> writeString(parser.getString(), true);
					default -> writeScalar(parser.getText());
				}
				if (this.depth == 0 && !this.stopped) {
					return;
				}
				token = parser.nextToken();
			}
		}

		Written finish() {
			if (this.stopped || this.depth > 0) {
				this.cut = true;
				int outermostArray = 0;
				for (int d = 1; d <= this.depth; d++) {
					if (this.isArray[d]) {
						outermostArray = d;
						break;
					}
				}
				for (int d = this.depth; d > 0; d--) {
					if (d == outermostArray) {
						this.out.append((this.counts[d] > 0) ? "," : "");
						JsonText.appendQuoted(this.out, DROPPED_MARKER);
					}
					this.out.append(this.isArray[d] ? ']' : '}');
				}
			}
			if (this.out.length() == 0) {
				// Not even the top-level value fitted.
				JsonText.appendQuoted(this.out, DROPPED_MARKER);
				this.cut = true;
			}
			return new Written(this.out.toString(), this.cut);
		}

		private void open(boolean array) {
			long prefix = prefixLength();
			if (!fits(prefix + 1, this.depth + 1)) {
				this.stopped = true;
				return;
			}
			writePrefix();
			this.out.append(array ? '[' : '{');
			this.depth++;
			this.isArray[this.depth] = array;
			this.counts[this.depth] = 0;
		}

		private void close(char bracket) {
			this.out.append(bracket);
			this.depth--;
		}

		private void writeScalar(String text) {
			if (!fits(prefixLength() + text.length(), this.depth)) {
				this.stopped = true;
				return;
			}
			writePrefix();
			this.out.append(text);
		}

		private void writeString(String text, boolean cuttable) {
			long prefix = prefixLength();
			long room = this.maxChars - this.out.length() - reserve(this.depth) - prefix - 2;
			long length = JsonText.escapedLength(text);
			long cap = cuttable ? this.stringCap : Long.MAX_VALUE;
			if (length <= Math.min(cap, room)) {
				writePrefix();
				JsonText.appendQuoted(this.out, text);
				return;
			}
			long content = Math.min(cap, room - 1);
			if (!cuttable || content < MIN_CUT_CONTENT) {
				this.stopped = true;
				return;
			}
			writePrefix();
			this.out.append('"');
			JsonText.appendEscaped(this.out, text, 0, cutIndex(text, content));
			this.out.append(CUT_MARKER).append('"');
			this.cut = true;
		}

		/** The end of the longest start of the text whose escaped length fits. */
		private static int cutIndex(String text, long escapedChars) {
			long used = 0;
			int i = 0;
			while (i < text.length()) {
				used += JsonText.escapedLength(text.charAt(i));
				if (used > escapedChars) {
					break;
				}
				i++;
			}
			return WellFormedText.cutIndex(text, i);
		}

		private long prefixLength() {
			long length = (this.depth > 0 && this.counts[this.depth] > 0) ? 1 : 0;
			if (this.depth > 0 && !this.isArray[this.depth]) {
				length += JsonText.escapedLength(nameOrEmpty()) + 3;
			}
			return length;
		}

		private void writePrefix() {
			if (this.depth == 0) {
				return;
			}
			if (this.counts[this.depth]++ > 0) {
				this.out.append(',');
			}
			if (!this.isArray[this.depth]) {
				JsonText.appendQuoted(this.out, nameOrEmpty());
				this.out.append(':');
			}
		}

		private String nameOrEmpty() {
			return (this.pendingName != null) ? this.pendingName : "";
		}

		private boolean fits(long length, int depthAfter) {
			return this.out.length() + length + reserve(depthAfter) <= this.maxChars;
		}

		private static long reserve(int depth) {
			return (depth > 0) ? depth + DROPPED_MARKER_RESERVE : 0;
		}

	}

}
