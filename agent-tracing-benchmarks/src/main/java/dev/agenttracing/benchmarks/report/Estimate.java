package dev.agenttracing.benchmarks.report;

import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A measured value and the half-width of its 99.9% confidence interval, as JMH reports
 * scores; differences and ratios carry the error along (first-order propagation, the
 * inputs taken as independent).
 *
 * @param value the value
 * @param error the half-width of the interval, {@code NaN} when unknown
 */
record Estimate(double value, double error) {

	/** JMH's confidence level. */
	private static final double CONFIDENCE = 0.999;

	static final Estimate ZERO = new Estimate(0, 0);

	/** The mean of samples and its interval, as JMH computes it. */
	static Estimate ofSamples(List<Double> samples) {
		int n = samples.size();
		double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
		if (n < 2) {
			return new Estimate(mean, Double.NaN);
		}
		double squares = 0;
		for (double sample : samples) {
			squares += (sample - mean) * (sample - mean);
		}
		double deviation = Math.sqrt(squares / (n - 1));
		double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
		return new Estimate(mean, t * deviation / Math.sqrt(n));
	}

	Estimate minus(Estimate other) {
		return new Estimate(this.value - other.value, Math.hypot(this.error, other.error));
	}

	Estimate dividedBy(Estimate other) {
		double ratio = this.value / other.value;
		double relative = Math.hypot(this.error / this.value, other.error / other.value);
		return new Estimate(ratio, Math.abs(ratio) * relative);
	}

	Estimate times(double factor) {
		return new Estimate(this.value * factor, Math.abs(this.error * factor));
	}

	/** The value with its error, in a fixed number of decimals. */
	String format(int decimals) {
		String value = String.format(Locale.ROOT, "%,." + decimals + "f", this.value);
		if (Double.isNaN(this.error)) {
			return value;
		}
		return value + " ± " + String.format(Locale.ROOT, "%,." + decimals + "f", this.error);
	}

}
