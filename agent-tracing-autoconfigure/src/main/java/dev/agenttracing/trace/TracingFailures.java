package dev.agenttracing.trace;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where agent-tracing reports its own failures. Tracing must never change the agent: an
 * exception inside tracing code is caught by the caller, handed here, counted and logged
 * once per place, and the agent goes on as if tracing were not there.
 */
public class TracingFailures {

	private static final Logger logger = LoggerFactory.getLogger(TracingFailures.class);

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	/**
	 * Record a failure of tracing code.
	 * @param where a short, fixed name of the place that failed (low cardinality)
	 * @param failure what was thrown
	 */
	public void record(String where, Throwable failure) {
		try {
			AtomicLong count = this.counts.computeIfAbsent(where, (key) -> new AtomicLong());
			if (count.getAndIncrement() == 0) {
				logger.warn("agent-tracing failed in {}; the agent is not affected, this place will not be logged again",
						where, failure);
			}
		}
		catch (Throwable ignored) {
			// Nothing may escape from here.
		}
	}

	/**
	 * Number of failures recorded at one place.
	 * @param where the place
	 * @return the count
	 */
	public long count(String where) {
		AtomicLong count = this.counts.get(where);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Number of failures recorded, all places together.
	 * @return the count
	 */
	public long total() {
		return this.counts.values().stream().mapToLong(AtomicLong::get).sum();
	}

	/**
	 * The counts by place, for metrics.
	 * @return a snapshot of the counts
	 */
	public Map<String, Long> snapshot() {
		Map<String, Long> copy = new java.util.TreeMap<>();
		this.counts.forEach((key, value) -> copy.put(key, value.get()));
		return copy;
	}

}
