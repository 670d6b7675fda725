package dev.agenttracing.sampling;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What to keep of the runs of one agent (or of every agent, for the default rule). An
 * immutable value: each {@code with...} method returns a changed copy.
 *
 * <p>
 * Runs that fail, are refused, go over a budget or are slow are always kept; this rule
 * says what "slow" is, what share of the other runs is kept, and which kept runs export
 * their content.
 *
 * @see SamplingPolicy
 */
public final class SamplingRule {

	private static final SamplingRule DEFAULTS = new SamplingRule(0.1, Duration.ofMinutes(1), ContentRetention.ALL,
			0.0);

	private final double successRatio;

	private final @Nullable Duration slowRunThreshold;

	private final ContentRetention contentRetention;

	private final double contentRatio;

	private final long keepThreshold;

	private final long contentThreshold;

	private final long slowRunNanos;

	private SamplingRule(double successRatio, @Nullable Duration slowRunThreshold, ContentRetention contentRetention,
			double contentRatio) {
		this.successRatio = ratio(successRatio, "successRatio");
		if (slowRunThreshold != null && slowRunThreshold.isNegative()) {
			throw new IllegalArgumentException("slowRunThreshold must not be negative, was " + slowRunThreshold);
		}
		this.slowRunThreshold = slowRunThreshold;
		this.contentRetention = Objects.requireNonNull(contentRetention, "contentRetention");
		this.contentRatio = ratio(contentRatio, "contentRatio");
		this.keepThreshold = TraceIdRandomness.threshold(successRatio);
		this.contentThreshold = TraceIdRandomness.threshold(contentRatio);
		this.slowRunNanos = (slowRunThreshold != null) ? saturatedNanos(slowRunThreshold) : Long.MAX_VALUE;
	}

	/**
	 * The default rule: keep 10% of successful runs (the same share as Spring Boot's
	 * default head sampling probability), call a run slow after one minute, export content
	 * with every kept trace.
	 * @return the default rule
	 */
	public static SamplingRule defaults() {
		return DEFAULTS;
	}

	/**
	 * Share of the runs that nothing marked as worth keeping which are kept anyway,
	 * decided from the trace id. Default {@code 0.1}.
	 * @return a ratio in [0, 1]
	 */
	public double successRatio() {
		return this.successRatio;
	}

	/**
	 * A run that lasts longer than this is kept as {@link SamplingReason#SLOW}. Default one
	 * minute; {@code null} when runs are never kept for their duration.
	 * @return the threshold, or {@code null}
	 */
	public @Nullable Duration slowRunThreshold() {
		return this.slowRunThreshold;
	}

	/**
	 * Which kept traces export their captured content. Default {@link ContentRetention#ALL}:
	 * capturing content is already an explicit choice.
	 * @return the retention
	 */
	public ContentRetention contentRetention() {
		return this.contentRetention;
	}

	/**
	 * With {@link ContentRetention#EARNED}: the share of the successes kept by the ratio
	 * that export their content, decided from trace id bits independent of those that
	 * decide keeping. Default {@code 0}.
	 * @return a ratio in [0, 1]
	 */
	public double contentRatio() {
		return this.contentRatio;
	}

	/**
	 * A copy with another success ratio.
	 * @param successRatio a ratio in [0, 1]
	 * @return the changed copy
	 */
	public SamplingRule withSuccessRatio(double successRatio) {
		return new SamplingRule(successRatio, this.slowRunThreshold, this.contentRetention, this.contentRatio);
	}

	/**
	 * A copy with another slow-run threshold.
	 * @param slowRunThreshold the threshold, or {@code null} to never keep a run for its
	 * duration
	 * @return the changed copy
	 */
	public SamplingRule withSlowRunThreshold(@Nullable Duration slowRunThreshold) {
		return new SamplingRule(this.successRatio, slowRunThreshold, this.contentRetention, this.contentRatio);
	}

	/**
	 * A copy with another content retention.
	 * @param contentRetention the retention
	 * @return the changed copy
	 */
	public SamplingRule withContentRetention(ContentRetention contentRetention) {
		return new SamplingRule(this.successRatio, this.slowRunThreshold, contentRetention, this.contentRatio);
	}

	/**
	 * A copy with another content ratio.
	 * @param contentRatio a ratio in [0, 1]
	 * @return the changed copy
	 */
	public SamplingRule withContentRatio(double contentRatio) {
		return new SamplingRule(this.successRatio, this.slowRunThreshold, this.contentRetention, contentRatio);
	}

	long keepThreshold() {
		return this.keepThreshold;
	}

	long contentThreshold() {
		return this.contentThreshold;
	}

	boolean isSlow(long latencyNanos) {
		return latencyNanos > this.slowRunNanos;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof SamplingRule that && this.successRatio == that.successRatio
				&& Objects.equals(this.slowRunThreshold, that.slowRunThreshold)
				&& this.contentRetention == that.contentRetention && this.contentRatio == that.contentRatio;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.successRatio, this.slowRunThreshold, this.contentRetention, this.contentRatio);
	}

	@Override
	public String toString() {
		return "SamplingRule[successRatio=" + this.successRatio + ", slowRunThreshold=" + this.slowRunThreshold
				+ ", contentRetention=" + this.contentRetention + ", contentRatio=" + this.contentRatio + "]";
	}

	private static double ratio(double value, String name) {
		if (!(value >= 0.0 && value <= 1.0)) {
			throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
		}
		return value;
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

}
