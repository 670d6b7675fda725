package dev.agenttracing.redaction;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redacted content and how many values each detector redacted, for the span to record.
 */
public final class RedactionResult {

	private final String value;

	private final Map<String, Integer> counts;

	private RedactionResult(String value, Map<String, Integer> counts) {
		this.value = value;
		this.counts = counts;
	}

	/**
	 * Content in which nothing was redacted.
	 * @param value the content
	 * @return the result
	 */
	public static RedactionResult unchanged(String value) {
		return new RedactionResult(value, Collections.emptyMap());
	}

	/**
	 * Redacted content.
	 * @param value the content after redaction
	 * @param counts number of values redacted, by detector name; zero counts are dropped
	 * @return the result
	 */
	public static RedactionResult of(String value, Map<String, Integer> counts) {
		Map<String, Integer> copy = new TreeMap<>();
		counts.forEach((name, count) -> {
			if (count != null && count > 0) {
				copy.put(name, count);
			}
		});
		return new RedactionResult(value, Collections.unmodifiableMap(copy));
	}

	/**
	 * The content to record.
	 * @return the content, never {@code null}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * How many values were redacted, by detector name ({@code email}, a custom pattern's
	 * name, {@code field} for field-name rules...), sorted by name.
	 * @return the counts, unmodifiable, without zeros
	 */
	public Map<String, Integer> counts() {
		return this.counts;
	}

	/**
	 * How many values were redacted in all.
	 * @return the total
	 */
	public int total() {
		return this.counts.values().stream().mapToInt(Integer::intValue).sum();
	}

	/**
	 * Whether anything was redacted.
	 * @return whether the total is positive
	 */
	public boolean redacted() {
		return !this.counts.isEmpty();
	}

	/**
	 * The result of redacting this result's value again: the later value, the counts of
	 * both.
	 * @param later the result of redacting {@link #value()}
	 * @return the combined result
	 */
	public RedactionResult followedBy(RedactionResult later) {
		Map<String, Integer> sum = new TreeMap<>(this.counts);
		later.counts.forEach((name, count) -> sum.merge(name, count, Integer::sum));
		return of(later.value, sum);
	}

	@Override
	public String toString() {
		return "RedactionResult[counts=" + this.counts + ", length=" + this.value.length() + "]";
	}

}
