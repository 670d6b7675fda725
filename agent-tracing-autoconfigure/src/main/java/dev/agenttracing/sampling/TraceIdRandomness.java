package dev.agenttracing.sampling;

/**
 * Turns a trace id into the two independent random numbers the sampling rules compare
 * with their ratios. Both are 56-bit values, and a ratio {@code p} keeps a trace when
 * its value is at least the threshold {@code round((1 - p) * 2^56)}.
 *
 * <p>
 * The keep value is the rightmost 56 bits of the trace id, the part that W3C Trace
 * Context level 2 declares random and that OpenTelemetry's consistent probability
 * sampling compares with the same threshold. Every service that applies the same ratio
 * to the same trace id therefore takes the same decision, and a lower ratio keeps a
 * subset of what a higher one keeps.
 *
 * <p>
 * The content value must not be correlated with the keep value, or "keep the content of
 * a quarter of the kept successes" would select a slice of the keep range instead of a
 * random quarter of it. It is taken from the leftmost 64 bits through a bijective mixer,
 * so it stays uniform when those bits are random, spreads the random part when only some
 * of them are (X-Ray style ids start with a timestamp), and falls back to mixing the
 * rightmost 64 bits when the leftmost are zero (64-bit ids widened to 128).
 */
final class TraceIdRandomness {

	/** 2^56: one past the largest value. */
	static final long BOUND = 1L << 56;

	private static final long MASK = BOUND - 1;

	private TraceIdRandomness() {
	}

	/**
	 * The threshold a ratio is compared with.
	 * @param ratio the share to keep, in [0, 1]
	 * @return 0 for 1 (every value is at least 0), {@link #BOUND} for 0 (no value is)
	 */
	static long threshold(double ratio) {
		return Math.round((1.0 - ratio) * 0x1p56);
	}

	static long keepValue(String traceId) {
		return hex(traceId, 18, 32);
	}

	static long contentValue(String traceId) {
		long high = hex(traceId, 0, 16);
		return mix((high != 0) ? high : hex(traceId, 16, 32)) & MASK;
	}

	private static long hex(String traceId, int from, int to) {
		long value = 0;
		for (int i = from; i < to; i++) {
			value = (value << 4) | Character.digit(traceId.charAt(i), 16);
		}
		return value;
	}

	/** MurmurHash3's 64-bit finaliser: a bijection with good avalanche. */
	private static long mix(long value) {
		long z = value;
		z ^= z >>> 33;
		z *= 0xff51afd7ed558ccdL;
		z ^= z >>> 33;
		z *= 0xc4ceb9fe1a85ec53L;
		z ^= z >>> 33;
		return z;
	}

}
