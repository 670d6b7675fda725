package dev.agenttracing.redaction;

/**
 * Finds one kind of sensitive value in text.
 */
interface Detector {

	/**
	 * The name shown in replacements and counts.
	 */
	String name();

	/**
	 * Report every value found.
	 * @param text the text, well-formed
	 * @param scan where the text has what built-in detectors look for, computed on first
	 * use and shared by the detectors
	 * @param sink where to report the range {@code [start, end)} of each value
	 */
	void detect(String text, TextScan scan, Sink sink);

	/**
	 * Receives the values a detector finds.
	 */
	@FunctionalInterface
	interface Sink {

		void found(int start, int end);

	}

}
