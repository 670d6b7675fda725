package dev.agenttracing.sampling;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link TraceSamplingProcessor} decided and holds, as live counters. Every span
 * the processor receives is counted exactly once, when its fate is settled:
 * <pre>
 * spansReceived = spansKept + spansDropped + spansDroppedEarly + spansPassedThrough + heldSpans
 * </pre>
 * Spans that were not sampled at their head are handed on untouched and not counted.
 *
 * @see SamplingMetrics
 */
public final class SamplingStats {

	private final LongAdder spansReceived = new LongAdder();

	private final LongAdder spansKept = new LongAdder();

	private final LongAdder spansDropped = new LongAdder();

	private final Map<EarlyDecisionCause, LongAdder> spansDroppedEarly = adders(EarlyDecisionCause.class);

	private final LongAdder spansPassedThrough = new LongAdder();

	private final LongAdder spansContentStripped = new LongAdder();

	private final LongAdder lateSpans = new LongAdder();

	private final Map<SamplingReason, LongAdder> tracesKept = adders(SamplingReason.class);

	private final LongAdder tracesDropped = new LongAdder();

	private final LongAdder tracesPassedThrough = new LongAdder();

	private final Map<EarlyDecisionCause, LongAdder> earlyDecisions = adders(EarlyDecisionCause.class);

	final AtomicInteger heldSpans = new AtomicInteger();

	final AtomicInteger heldTraces = new AtomicInteger();

	/**
	 * Create empty counters, for one processor (see
	 * {@link TraceSamplingProcessor.Builder#stats(SamplingStats)}); they are not meant to
	 * be shared by several processors.
	 */
	public SamplingStats() {
	}

	/**
	 * Spans received (ended and sampled).
	 * @return the count
	 */
	public long spansReceived() {
		return this.spansReceived.sum();
	}

	/**
	 * Spans handed on to the downstream processor because their trace was kept.
	 * @return the count
	 */
	public long spansKept() {
		return this.spansKept.sum();
	}

	/**
	 * Spans dropped by the ratio when their trace's local root ended (or later, following
	 * that decision).
	 * @return the count
	 */
	public long spansDropped() {
		return this.spansDropped.sum();
	}

	/**
	 * Spans dropped by the ratio in a decision taken early, because a bound was reached or
	 * the processor was flushed.
	 * @param cause what forced the decision
	 * @return the count
	 */
	public long spansDroppedEarly(EarlyDecisionCause cause) {
		return this.spansDroppedEarly.get(cause).sum();
	}

	/**
	 * Spans dropped by early decisions, all causes together.
	 * @return the count
	 */
	public long spansDroppedEarly() {
		return sum(this.spansDroppedEarly);
	}

	/**
	 * Spans handed on untouched because their trace holds no agent run.
	 * @return the count
	 */
	public long spansPassedThrough() {
		return this.spansPassedThrough.sum();
	}

	/**
	 * Kept spans from which content attributes were removed.
	 * @return the count
	 */
	public long spansContentStripped() {
		return this.spansContentStripped.sum();
	}

	/**
	 * Spans that ended after their trace was decided and followed that decision.
	 * @return the count
	 */
	public long lateSpans() {
		return this.lateSpans.sum();
	}

	/**
	 * Traces kept for one reason.
	 * @param reason the reason
	 * @return the count
	 */
	public long tracesKept(SamplingReason reason) {
		return this.tracesKept.get(reason).sum();
	}

	/**
	 * Traces kept, all reasons together.
	 * @return the count
	 */
	public long tracesKept() {
		return sum(this.tracesKept);
	}

	/**
	 * Traces dropped by the ratio (early or not).
	 * @return the count
	 */
	public long tracesDropped() {
		return this.tracesDropped.sum();
	}

	/**
	 * Traces handed on untouched because they hold no agent run.
	 * @return the count
	 */
	public long tracesPassedThrough() {
		return this.tracesPassedThrough.sum();
	}

	/**
	 * Traces decided before their local root ended, for one cause. Each is also counted as
	 * kept, dropped or passed through.
	 * @param cause the cause
	 * @return the count
	 */
	public long earlyDecisions(EarlyDecisionCause cause) {
		return this.earlyDecisions.get(cause).sum();
	}

	/**
	 * Spans held now, waiting for their trace's decision.
	 * @return the count, never more than {@link SamplingLimits#maxHeldSpans()}
	 */
	public int heldSpans() {
		return this.heldSpans.get();
	}

	/**
	 * Traces undecided now.
	 * @return the count, never more than {@link SamplingLimits#maxHeldTraces()}
	 */
	public int heldTraces() {
		return this.heldTraces.get();
	}

	@Override
	public String toString() {
		return "SamplingStats[received=" + spansReceived() + ", kept=" + spansKept() + ", dropped=" + spansDropped()
				+ ", droppedEarly=" + spansDroppedEarly() + ", passedThrough=" + spansPassedThrough() + ", held="
				+ heldSpans() + " spans in " + heldTraces() + " traces]";
	}

	void received() {
		this.spansReceived.increment();
	}

	void late() {
		this.lateSpans.increment();
	}

	void contentStripped() {
		this.spansContentStripped.increment();
	}

	void span(TraceDecision decision) {
		switch (decision.fate()) {
			case KEEP -> this.spansKept.increment();
			case PASS -> this.spansPassedThrough.increment();
			case DROP -> {
				if (decision.early() != null) {
					this.spansDroppedEarly.get(decision.early()).increment();
				}
				else {
					this.spansDropped.increment();
				}
			}
		}
	}

	void trace(TraceDecision decision) {
		switch (decision.fate()) {
			case KEEP -> this.tracesKept.get(decision.reason()).increment();
			case PASS -> this.tracesPassedThrough.increment();
			case DROP -> this.tracesDropped.increment();
		}
		if (decision.early() != null) {
			this.earlyDecisions.get(decision.early()).increment();
		}
	}

	private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
		Map<E, LongAdder> adders = new EnumMap<>(type);
		for (E constant : type.getEnumConstants()) {
			adders.put(constant, new LongAdder());
		}
		return adders;
	}

	private static long sum(Map<?, LongAdder> adders) {
		return adders.values().stream().mapToLong(LongAdder::sum).sum();
	}

}
