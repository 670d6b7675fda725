package dev.agenttracing.diagnosis;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A suspicion about a step of an agent run or about the run: what a {@link FindingDetector}
 * reports. It becomes an {@code agent.finding} event with {@code agent.finding.kind},
 * {@code agent.finding.message} and one {@code agent.finding.<key>} attribute per
 * measurement.
 *
 * @param kind a short, fixed, low-cardinality name ({@code refund_above_limit}); it tags
 * the {@code agent.findings} metric
 * @param message one line for a human that names no value of the run (it is written
 * whether or not content is captured)
 * @param detail the values behind the message ({@code "4,900 JPY"}); added to the message,
 * through the redactor, only when content capture is on for the run's agent
 * @param measurements what the detector measured, by key without the
 * {@code agent.finding.} prefix: String, Long, Integer, Double or Boolean values
 */
public record Finding(String kind, String message, @Nullable String detail, Map<String, Object> measurements) {

	/**
	 * Create a finding.
	 * @param kind its kind
	 * @param message its message
	 * @param detail the values behind the message, if any
	 * @param measurements what was measured
	 */
	public Finding {
		measurements = Map.copyOf(measurements);
	}

	/**
	 * A finding with a message and nothing else.
	 * @param kind its kind
	 * @param message one line for a human, naming no value
	 * @return the finding
	 */
	public static Finding of(String kind, String message) {
		return new Finding(kind, message, null, Map.of());
	}

	/**
	 * This finding with the values behind its message.
	 * @param detail the values, shown only when content is captured
	 * @return a new finding
	 */
	public Finding withDetail(@Nullable String detail) {
		return new Finding(this.kind, this.message, detail, this.measurements);
	}

	/**
	 * This finding with one more measurement.
	 * @param key its key, without the {@code agent.finding.} prefix
	 * @param value its value
	 * @return a new finding
	 */
	public Finding with(String key, Object value) {
		Map<String, Object> more = new LinkedHashMap<>(this.measurements);
		more.put(key, value);
		return new Finding(this.kind, this.message, this.detail, more);
	}

}
