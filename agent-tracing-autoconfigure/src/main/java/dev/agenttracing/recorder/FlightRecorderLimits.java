package dev.agenttracing.recorder;

/**
 * The memory bounds of a {@link FlightRecorder}. Whatever the load, the recorder holds at
 * most {@code maxSuccessfulRuns + maxFailedRuns + maxPendingTraces} traces, each of at
 * most {@code maxSpansPerRun} spans and (about) {@code maxRunBytes} bytes, a lone span
 * over that size aside, whose string values are at most {@code maxValueLength}
 * characters long.
 *
 * @param maxSuccessfulRuns most successful runs kept (outcome {@code success}, no span
 * with status ERROR); the oldest goes first
 * @param maxFailedRuns most failed runs kept (outcome {@code error} or {@code refused},
 * or a span with status ERROR); kept apart from the successful ones, so that a burst of
 * successes does not push a failure out
 * @param maxPendingTraces most traces held while none of their spans is an
 * {@code invoke_agent} span (a run's model and tool calls end before the run does)
 * @param maxSpansPerRun most spans kept for one run: the earliest started, so that the
 * top of the tree stays
 * @param maxRunBytes estimated size past which a run keeps its earliest started spans
 * only
 * @param maxValueLength longest string value kept whole; longer ones are cut, and the span
 * names the attributes that were cut
 */
public record FlightRecorderLimits(int maxSuccessfulRuns, int maxFailedRuns, int maxPendingTraces,
		int maxSpansPerRun, long maxRunBytes, int maxValueLength) {

	/** The shortest {@code maxValueLength} accepted. */
	static final int MIN_VALUE_LENGTH = 64;

	public FlightRecorderLimits {
		notNegative(maxSuccessfulRuns, "maxSuccessfulRuns");
		notNegative(maxFailedRuns, "maxFailedRuns");
		positive(maxPendingTraces, "maxPendingTraces");
		positive(maxSpansPerRun, "maxSpansPerRun");
		positive(maxRunBytes, "maxRunBytes");
		if (maxValueLength < MIN_VALUE_LENGTH) {
			throw new IllegalArgumentException(
					"maxValueLength must be at least " + MIN_VALUE_LENGTH + ", was " + maxValueLength);
		}
	}

	/**
	 * The default bounds: 50 successful and 200 failed runs, 100 pending traces, 256 spans
	 * and 256 KB per run, string values of 16,384 characters.
	 * @return the defaults
	 */
	public static FlightRecorderLimits defaults() {
		return new FlightRecorderLimits(50, 200, 100, 256, 256 * 1024, 16_384);
	}

	private static void notNegative(long value, String name) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
	}

	private static void positive(long value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
