package dev.agenttracing.sampling;

import java.time.Duration;
import java.util.Objects;

/**
 * The memory bounds of {@link TraceSamplingProcessor}. An immutable value: each
 * {@code with...} method returns a changed copy. When a bound would be passed, the
 * oldest undecided traces are decided early, as described on
 * {@link TraceSamplingProcessor}.
 */
public final class SamplingLimits {

	private static final SamplingLimits DEFAULTS = new SamplingLimits(10_000, 1_000, Duration.ofMinutes(5), 10_000,
			Duration.ofMinutes(1));

	private final int maxHeldSpans;

	private final int maxHeldTraces;

	private final Duration maxTraceAge;

	private final int rememberedDecisions;

	private final Duration decisionMemory;

	private SamplingLimits(int maxHeldSpans, int maxHeldTraces, Duration maxTraceAge, int rememberedDecisions,
			Duration decisionMemory) {
		this.maxHeldSpans = positive(maxHeldSpans, "maxHeldSpans");
		this.maxHeldTraces = positive(maxHeldTraces, "maxHeldTraces");
		this.maxTraceAge = positive(maxTraceAge, "maxTraceAge");
		if (rememberedDecisions < 0) {
			throw new IllegalArgumentException("rememberedDecisions must not be negative, was " + rememberedDecisions);
		}
		this.rememberedDecisions = rememberedDecisions;
		this.decisionMemory = positive(decisionMemory, "decisionMemory");
	}

	/**
	 * The default limits: 10,000 spans in at most 1,000 traces, each held at most five
	 * minutes; the last 10,000 decisions remembered for one minute.
	 * @return the default limits
	 */
	public static SamplingLimits defaults() {
		return DEFAULTS;
	}

	/**
	 * Most ended spans held while their trace is undecided (a local root is never held).
	 * Default 10,000: about 7.5 MB for spans with a dozen attributes and no content, as a
	 * held span costs some 750 bytes on a 64-bit JVM with compressed references, plus
	 * what its captured content weighs.
	 * @return the bound
	 */
	public int maxHeldSpans() {
		return this.maxHeldSpans;
	}

	/**
	 * Most traces undecided at once. Default 1,000.
	 * @return the bound
	 */
	public int maxHeldTraces() {
		return this.maxHeldTraces;
	}

	/**
	 * Longest time a trace is held, counted from its first ended span: a run that never
	 * ends (or a local root lost to a bug) is decided early after this. Default five
	 * minutes.
	 * @return the bound
	 */
	public Duration maxTraceAge() {
		return this.maxTraceAge;
	}

	/**
	 * Most decisions remembered for spans that end after their trace was decided. Default
	 * 10,000. A span that ends after its trace's decision was forgotten starts a new held
	 * trace, decided early when a bound is reached.
	 * @return the bound
	 */
	public int rememberedDecisions() {
		return this.rememberedDecisions;
	}

	/**
	 * How long a decision is remembered. Default one minute.
	 * @return the duration
	 */
	public Duration decisionMemory() {
		return this.decisionMemory;
	}

	/**
	 * A copy with another span bound.
	 * @param maxHeldSpans at least 1
	 * @return the changed copy
	 */
	public SamplingLimits withMaxHeldSpans(int maxHeldSpans) {
		return new SamplingLimits(maxHeldSpans, this.maxHeldTraces, this.maxTraceAge, this.rememberedDecisions,
				this.decisionMemory);
	}

	/**
	 * A copy with another trace bound.
	 * @param maxHeldTraces at least 1
	 * @return the changed copy
	 */
	public SamplingLimits withMaxHeldTraces(int maxHeldTraces) {
		return new SamplingLimits(this.maxHeldSpans, maxHeldTraces, this.maxTraceAge, this.rememberedDecisions,
				this.decisionMemory);
	}

	/**
	 * A copy with another age bound.
	 * @param maxTraceAge a positive duration
	 * @return the changed copy
	 */
	public SamplingLimits withMaxTraceAge(Duration maxTraceAge) {
		return new SamplingLimits(this.maxHeldSpans, this.maxHeldTraces, maxTraceAge, this.rememberedDecisions,
				this.decisionMemory);
	}

	/**
	 * A copy that remembers another number of decisions.
	 * @param rememberedDecisions 0 or more
	 * @return the changed copy
	 */
	public SamplingLimits withRememberedDecisions(int rememberedDecisions) {
		return new SamplingLimits(this.maxHeldSpans, this.maxHeldTraces, this.maxTraceAge, rememberedDecisions,
				this.decisionMemory);
	}

	/**
	 * A copy that remembers decisions for another duration.
	 * @param decisionMemory a positive duration
	 * @return the changed copy
	 */
	public SamplingLimits withDecisionMemory(Duration decisionMemory) {
		return new SamplingLimits(this.maxHeldSpans, this.maxHeldTraces, this.maxTraceAge, this.rememberedDecisions,
				decisionMemory);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof SamplingLimits that && this.maxHeldSpans == that.maxHeldSpans
				&& this.maxHeldTraces == that.maxHeldTraces && this.maxTraceAge.equals(that.maxTraceAge)
				&& this.rememberedDecisions == that.rememberedDecisions
				&& this.decisionMemory.equals(that.decisionMemory);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.maxHeldSpans, this.maxHeldTraces, this.maxTraceAge, this.rememberedDecisions,
				this.decisionMemory);
	}

	@Override
	public String toString() {
		return "SamplingLimits[maxHeldSpans=" + this.maxHeldSpans + ", maxHeldTraces=" + this.maxHeldTraces
				+ ", maxTraceAge=" + this.maxTraceAge + ", rememberedDecisions=" + this.rememberedDecisions
				+ ", decisionMemory=" + this.decisionMemory + "]";
	}

	private static int positive(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, was " + value);
		}
		return value;
	}

	private static Duration positive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
		return value;
	}

}
