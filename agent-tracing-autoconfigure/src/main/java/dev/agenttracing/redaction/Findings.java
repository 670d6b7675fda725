package dev.agenttracing.redaction;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The values detectors found in one text, merged and replaced. Overlapping values become
 * one redacted range covering them all (no part of a secret is left because two detectors
 * disagreed on where it ends), named after the detector that comes first.
 */
final class Findings implements Detector.Sink {

	private final String text;

	private final AllowList allowList;

	private long[] ranges = new long[0];

	private int[] priorities = new int[0];

	private int size;

	private int priority;

	Findings(String text, AllowList allowList) {
		this.text = text;
		this.allowList = allowList;
	}

	/** Set the priority of what is found next: that of the detector that runs next. */
	void priority(int priority) {
		this.priority = priority;
	}

	@Override
	public void found(int start, int end) {
		add(start, end, this.priority);
	}

	void add(int start, int end, int priority) {
		if (this.allowList.allows(this.text.substring(start, end))) {
			return;
		}
		if (this.size == this.ranges.length) {
			this.ranges = Arrays.copyOf(this.ranges, Math.max(8, this.size * 2));
			this.priorities = Arrays.copyOf(this.priorities, Math.max(8, this.size * 2));
		}
		this.ranges[this.size] = ((long) start << 32) | end;
		this.priorities[this.size] = priority;
		this.size++;
	}

	/**
	 * The text with every range replaced.
	 * @param names detector names by priority
	 * @param replacements what a range becomes
	 * @param counts where to add one per replaced range, by name
	 */
	String replace(List<String> names, Replacements replacements, Map<String, Integer> counts) {
		if (this.size == 0) {
			return this.text;
		}
		// Sort by start, keeping each range's priority: the index rides in the low bits.
		long[] order = new long[this.size];
		for (int i = 0; i < this.size; i++) {
			order[i] = (this.ranges[i] & 0xFFFFFFFF00000000L) | i;
		}
		Arrays.sort(order);
		StringBuilder out = new StringBuilder(this.text.length());
		int written = 0;
		int start = -1;
		int end = -1;
		int priority = Integer.MAX_VALUE;
		for (long entry : order) {
			int index = (int) entry;
			int rangeStart = (int) (this.ranges[index] >>> 32);
			int rangeEnd = (int) this.ranges[index];
			if (start >= 0 && rangeStart < end) {
				end = Math.max(end, rangeEnd);
				priority = Math.min(priority, this.priorities[index]);
				continue;
			}
			if (start >= 0) {
				written = append(out, written, start, end, names.get(priority), replacements, counts);
			}
			start = rangeStart;
			end = rangeEnd;
			priority = this.priorities[index];
		}
		written = append(out, written, start, end, names.get(priority), replacements, counts);
		return out.append(this.text, written, this.text.length()).toString();
	}

	private int append(StringBuilder out, int written, int start, int end, String name, Replacements replacements,
			Map<String, Integer> counts) {
		out.append(this.text, written, start).append(replacements.replace(name, this.text.substring(start, end)));
		counts.merge(name, 1, Integer::sum);
		return end;
	}

}
