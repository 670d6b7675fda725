package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-based unified diff, enough to show how a run differs from its golden trace.
 * Common leading and trailing lines are set aside before the longest common subsequence
 * is computed, so that the quadratic part only covers the changed region. A changed line
 * longer than {@value #LONG_LINE} characters (a whole message history as one JSON string)
 * is cut down to its start and the part around its change, measured against the line that
 * replaces it.
 */
final class LineDiff {

	/** Unchanged lines shown around each change. */
	private static final int CONTEXT = 3;

	/** Lines longer than this are cut in the diff. */
	static final int LONG_LINE = 200;

	/** Characters kept at the start of a cut line. */
	private static final int HEAD = 40;

	/** Characters kept on each side of the change in a cut line. */
	private static final int AROUND = 60;

	private LineDiff() {
	}

	static String unified(String expectedLabel, List<String> expected, String actualLabel, List<String> actual) {
		List<Edit> edits = edits(expected, actual);
		String[] partners = partners(edits);
		StringBuilder out = new StringBuilder();
		out.append("--- ").append(expectedLabel).append('\n').append("+++ ").append(actualLabel).append('\n');
		int i = 0;
		while (i < edits.size()) {
			if (edits.get(i).kind == ' ') {
				i++;
				continue;
			}
			int start = Math.max(0, i - CONTEXT);
			// The hunk goes on while the next change is close enough to share context.
			int lastChange = i;
			for (int j = i + 1; j < edits.size() && j - lastChange <= 2 * CONTEXT; j++) {
				if (edits.get(j).kind != ' ') {
					lastChange = j;
				}
			}
			int end = Math.min(edits.size(), lastChange + CONTEXT + 1);
			int expectedStart = edits.get(start).expectedLine;
			int actualStart = edits.get(start).actualLine;
			int expectedCount = 0;
			int actualCount = 0;
			for (int k = start; k < end; k++) {
				char kind = edits.get(k).kind;
				expectedCount += (kind != '+') ? 1 : 0;
				actualCount += (kind != '-') ? 1 : 0;
			}
			out.append("@@ -")
				.append(expectedStart + 1)
				.append(',')
				.append(expectedCount)
				.append(" +")
				.append(actualStart + 1)
				.append(',')
				.append(actualCount)
				.append(" @@\n");
			for (int k = start; k < end; k++) {
				Edit edit = edits.get(k);
				String text = (edit.kind == ' ') ? edit.text : cut(edit.text, partners[k]);
				out.append(edit.kind).append(text).append('\n');
			}
			i = end;
		}
		return out.toString();
	}

	/** For each removed line, the added line that replaces it, and the other way round. */
	private static String[] partners(List<Edit> edits) {
		String[] partners = new String[edits.size()];
		int i = 0;
		while (i < edits.size()) {
			int removed = i;
			while (i < edits.size() && edits.get(i).kind == '-') {
				i++;
			}
			int added = i;
			while (i < edits.size() && edits.get(i).kind == '+') {
				i++;
			}
			for (int k = 0; removed + k < added && added + k < i; k++) {
				partners[removed + k] = edits.get(added + k).text;
				partners[added + k] = edits.get(removed + k).text;
			}
			if (i == removed) {
				i++;
			}
		}
		return partners;
	}

	/** A long line cut down to its start and the part where it differs from its partner. */
	static String cut(String line, String partner) {
		int length = line.length();
		if (length <= LONG_LINE) {
			return line;
		}
		if (partner == null) {
			return line.substring(0, LONG_LINE) + "... (" + (length - LONG_LINE) + " more characters)";
		}
		int prefix = 0;
		int shortest = Math.min(length, partner.length());
		while (prefix < shortest && line.charAt(prefix) == partner.charAt(prefix)) {
			prefix++;
		}
		int suffix = 0;
		while (suffix < shortest - prefix
				&& line.charAt(length - 1 - suffix) == partner.charAt(partner.length() - 1 - suffix)) {
			suffix++;
		}
		int from = Math.max(0, prefix - AROUND);
		int to = Math.min(length, Math.max(from, length - suffix) + AROUND);
		int head = Math.min(HEAD, from);
		StringBuilder out = new StringBuilder().append(line, 0, head);
		if (from > head) {
			out.append("...(").append(from - head).append(" characters)...");
		}
		out.append(line, from, to);
		if (to < length) {
			out.append("...(").append(length - to).append(" characters)");
		}
		return out.toString();
	}

	private static List<Edit> edits(List<String> expected, List<String> actual) {
		int prefix = 0;
		while (prefix < expected.size() && prefix < actual.size() && expected.get(prefix).equals(actual.get(prefix))) {
			prefix++;
		}
		int suffix = 0;
		while (suffix < expected.size() - prefix && suffix < actual.size() - prefix
				&& expected.get(expected.size() - 1 - suffix).equals(actual.get(actual.size() - 1 - suffix))) {
			suffix++;
		}
		List<Edit> edits = new ArrayList<>();
		for (int k = 0; k < prefix; k++) {
			edits.add(new Edit(' ', expected.get(k), k, k));
		}
		List<String> a = expected.subList(prefix, expected.size() - suffix);
		List<String> b = actual.subList(prefix, actual.size() - suffix);
		int[][] lcs = new int[a.size() + 1][b.size() + 1];
		for (int x = a.size() - 1; x >= 0; x--) {
			for (int y = b.size() - 1; y >= 0; y--) {
				lcs[x][y] = a.get(x).equals(b.get(y)) ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
			}
		}
		int x = 0;
		int y = 0;
		while (x < a.size() || y < b.size()) {
			if (x < a.size() && y < b.size() && a.get(x).equals(b.get(y))) {
				edits.add(new Edit(' ', a.get(x), prefix + x, prefix + y));
				x++;
				y++;
			}
			else if (x < a.size() && (y == b.size() || lcs[x + 1][y] >= lcs[x][y + 1])) {
				edits.add(new Edit('-', a.get(x), prefix + x, prefix + y));
				x++;
			}
			else {
				edits.add(new Edit('+', b.get(y), prefix + x, prefix + y));
				y++;
			}
		}
		for (int k = 0; k < suffix; k++) {
			int e = expected.size() - suffix + k;
			int f = actual.size() - suffix + k;
			edits.add(new Edit(' ', expected.get(e), e, f));
		}
		return edits;
	}

	/** One line of the diff and where it stands in each side. */
	private record Edit(char kind, String text, int expectedLine, int actualLine) {
	}

}
