package dev.agenttracing.metrics;

import io.micrometer.observation.Observation;

/**
 * When an observed operation started, kept on its context for its duration metric.
 */
final class OperationClock {

	private final long startNanos = System.nanoTime();

	private OperationClock() {
	}

	static void start(Observation.Context context) {
		context.put(OperationClock.class, new OperationClock());
	}

	static double seconds(Observation.Context context) {
		OperationClock clock = context.get(OperationClock.class);
		return (clock != null) ? (System.nanoTime() - clock.startNanos) / 1e9 : 0.0;
	}

}
