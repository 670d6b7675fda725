package dev.agenttracing.redaction;

import java.util.Arrays;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A built-in detector that runs its RE2 pattern only on windows of the text where a value
 * can be, and finds exactly what a {@link PatternDetector} with the same pattern and
 * validator finds running over the whole text.
 * <p>
 * A {@link WindowFinder} gives, for each trigger (an {@code @}, a number, a keyword...), a
 * window {@code [start, end)} that holds every match that could use it, starting no
 * earlier than {@code start}; every match uses some trigger. Overlapping windows are
 * merged, so that all the matches that can start at a position lie in one window, and
 * the pattern is run on each window in turn with the search position carried over, as
 * over the whole text.
 * <p>
 * A {@link FastPath} can spare the search: when it knows the match at each trigger of a
 * window (all of them), the first match at or after the search position is that of the
 * first trigger whose match starts there or later, and so on.
 * <p>
 * The pattern sees the text up to the window's end (a view, not a copy), so the
 * characters before a window are there for {@code ^} and the boundary a pattern consumes
 * before a value. The end of the view matches {@code $}; a finder whose pattern uses
 * {@code $} ends its windows just after a character that no value can end with, so that
 * this never matters. Windows are merged and searched once each, so the time stays linear
 * in the text.
 */
final class TriggeredDetector implements Detector {

	private final String name;

	private final Pattern pattern;

	private final int[] valueGroups;

	private final PatternDetector.Validator validator;

	private final WindowFinder windowFinder;

	private final @Nullable FastPath fastPath;

	TriggeredDetector(String name, Pattern pattern, PatternDetector.Validator validator, WindowFinder windowFinder) {
		this(name, pattern, validator, windowFinder, null);
	}

	TriggeredDetector(String name, Pattern pattern, PatternDetector.Validator validator, WindowFinder windowFinder,
			@Nullable FastPath fastPath) {
		this.name = name;
		this.pattern = pattern;
		this.valueGroups = new int[pattern.groupCount()];
		for (int i = 0; i < this.valueGroups.length; i++) {
			this.valueGroups[i] = i + 1;
		}
		this.validator = validator;
		this.windowFinder = windowFinder;
		this.fastPath = fastPath;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void detect(String text, TextScan scan, Sink sink) {
		Windows windows = new Windows(text.length());
		this.windowFinder.find(text, scan, windows);
		if (windows.size == 0) {
			return;
		}
		windows.sort();
		int from = 0;
		int first = 0;
		while (first < windows.size) {
			// Windows that overlap are searched as one.
			int windowStart = windows.start(first);
			int windowEnd = windows.end(first);
			int last = first + 1;
			while (last < windows.size && windows.start(last) < windowEnd) {
				windowEnd = Math.max(windowEnd, windows.end(last));
				last++;
			}
			if (Math.max(from, windowStart) < windowEnd) {
				int next = (this.fastPath != null) ? matchFast(text, windows, first, last, from, sink) : -1;
				from = (next >= 0) ? next : search(text, Math.max(from, windowStart), windowEnd, sink);
			}
			first = last;
		}
	}

	/**
	 * Find the values of the triggers of windows {@code [first, last)} with the fast path,
	 * if it knows them all.
	 * @return where the search resumes, or -1 to search with the pattern
	 */
	private int matchFast(String text, Windows windows, int first, int last, int from, Sink sink) {
		FastPath fastPath = this.fastPath;
		long[] values = new long[last - first];
		for (int i = first; i < last; i++) {
			long trigger = windows.trigger(i);
			values[i - first] = (trigger >= 0) ? fastPath.match(text, trigger) : FastPath.UNKNOWN;
			if (values[i - first] == FastPath.UNKNOWN || (i > first && windows.matchStart(i) <= windows.matchStart(i - 1))) {
				return -1;
			}
		}
		// The first match at or after where the search is, and so on, as the pattern finds them.
		int position = from;
		for (int i = first; i < last; i++) {
			long value = values[i - first];
			if (value == FastPath.NO_MATCH || windows.matchStart(i) < position) {
				continue;
			}
			int start = (int) (value >>> 32);
			int end = (int) value;
			int accepted = this.validator.accept(text, start, end);
			if (accepted > start) {
				sink.found(start, accepted);
			}
			position = (accepted > start) ? accepted : end;
		}
		return position;
	}

	/**
	 * Search {@code [position, windowEnd)} with the pattern.
	 * @return where the search resumes
	 */
	private int search(String text, int position, int windowEnd, Sink sink) {
		Matcher matcher = this.pattern.matcher(new Prefix(text, windowEnd));
		int from = position;
		while (from <= windowEnd && matcher.find(from)) {
			int start = matcher.start();
			int end = matcher.end();
			for (int group : this.valueGroups) {
				if (matcher.start(group) >= 0) {
					start = matcher.start(group);
					end = matcher.end(group);
					break;
				}
			}
			int next = matcher.end();
			if (end > start) {
				int accepted = this.validator.accept(text, start, end);
				if (accepted > start) {
					sink.found(start, accepted);
				}
				next = (accepted > start) ? accepted : end;
			}
			from = (next > from) ? next : from + 1;
		}
		return from;
	}

	/**
	 * Finds the windows of a text.
	 */
	@FunctionalInterface
	interface WindowFinder {

		void find(String text, TextScan scan, Windows windows);

	}

	/**
	 * Finds the match of a pattern at a trigger without searching, in the common cases.
	 */
	@FunctionalInterface
	interface FastPath {

		/** The pattern must be searched. */
		long UNKNOWN = -1;

		/** The pattern has no match starting where the trigger's match would. */
		long NO_MATCH = -2;

		/**
		 * The match the pattern has at the start the window finder gave with the trigger:
		 * the one it would find first searching from there.
		 * @param text the text
		 * @param trigger the trigger, as the window finder gave it
		 * @return the value, {@code start << 32 | end}; {@link #NO_MATCH}; or
		 * {@link #UNKNOWN} when not sure
		 */
		long match(String text, long trigger);

	}

	/**
	 * The windows of one text.
	 */
	static final class Windows {

		private final int textLength;

		private long[] windows = new long[0];

		private long[] triggers = new long[0];

		private int[] matchStarts = new int[0];

		private int size;

		Windows(int textLength) {
			this.textLength = textLength;
		}

		/**
		 * Add a window.
		 * @param start the first position where a match can start
		 * @param end where every match has ended
		 */
		void add(int start, int end) {
			add(start, end, -1, -1);
		}

		/**
		 * Add the window of a trigger that a {@link FastPath} may know the match of.
		 * @param start the first position where a match can start
		 * @param end where every match has ended
		 * @param trigger what the fast path needs to know, not negative
		 * @param matchStart where the match starts if the fast path knows it: the matches of
		 * triggers must start in the order of their windows
		 */
		void add(int start, int end, long trigger, int matchStart) {
			int clampedStart = Math.max(0, start);
			int clampedEnd = Math.min(this.textLength, end);
			if (clampedEnd <= clampedStart) {
				return;
			}
			if (this.size == this.windows.length) {
				int capacity = Math.max(8, this.size * 2);
				this.windows = Arrays.copyOf(this.windows, capacity);
				this.triggers = Arrays.copyOf(this.triggers, capacity);
				this.matchStarts = Arrays.copyOf(this.matchStarts, capacity);
			}
			this.triggers[this.size] = trigger;
			this.matchStarts[this.size] = matchStart;
			this.windows[this.size++] = ((long) clampedStart << 32) | clampedEnd;
		}

		int start(int index) {
			return (int) (this.windows[index] >>> 32);
		}

		int end(int index) {
			return (int) this.windows[index];
		}

		long trigger(int index) {
			return this.triggers[index];
		}

		int matchStart(int index) {
			return this.matchStarts[index];
		}

		/** Sort by start (then end); windows added in that order stay as they are. */
		void sort() {
			boolean sorted = true;
			for (int i = 1; i < this.size && sorted; i++) {
				sorted = this.windows[i - 1] <= this.windows[i];
			}
			if (sorted) {
				return;
			}
			Integer[] order = new Integer[this.size];
			for (int i = 0; i < this.size; i++) {
				order[i] = i;
			}
			long[] windows = this.windows;
			Arrays.sort(order, (a, b) -> Long.compare(windows[a], windows[b]));
			long[] sortedWindows = new long[this.windows.length];
			long[] sortedTriggers = new long[this.triggers.length];
			int[] sortedMatchStarts = new int[this.matchStarts.length];
			for (int i = 0; i < this.size; i++) {
				sortedWindows[i] = this.windows[order[i]];
				sortedTriggers[i] = this.triggers[order[i]];
				sortedMatchStarts[i] = this.matchStarts[order[i]];
			}
			this.windows = sortedWindows;
			this.triggers = sortedTriggers;
			this.matchStarts = sortedMatchStarts;
		}

	}

	/**
	 * The text up to a position, without copying it.
	 */
	private static final class Prefix implements CharSequence {

		private final String text;

		private final int length;

		Prefix(String text, int length) {
			this.text = text;
			this.length = length;
		}

		@Override
		public int length() {
			return this.length;
		}

		@Override
		public char charAt(int index) {
			if (index >= this.length) {
				throw new IndexOutOfBoundsException(index);
			}
			return this.text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			if (end > this.length) {
				throw new IndexOutOfBoundsException(end);
			}
			return this.text.subSequence(start, end);
		}

		@Override
		public String toString() {
			return this.text.substring(0, this.length);
		}

	}

}
