package dev.agenttracing.sampling;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.sampling.TraceDecision.Fate;

/**
 * The ended spans of one undecided trace and what they say so far; once decided, the
 * decision, remembered for spans that end later. Callers synchronise on the buffer to
 * change it; {@link #decision()} can be read without the lock.
 */
final class TraceBuffer {

	final String traceId;

	/** {@code Clock.nanoTime()} when the trace's first span was held. */
	final long openedAt;

	/**
	 * {@code Clock.nanoTime()} when decided. Written before the buffer is queued among
	 * the remembered decisions, and read only by whoever takes it from that queue.
	 */
	long decidedAt;

	private volatile @Nullable TraceDecision decision;

	private @Nullable List<ReadableSpan> spans = new ArrayList<>(4);

	private @Nullable SamplingReason reason;

	private boolean genAi;

	private boolean run;

	// The most generous of the rules of the trace's runs.

	private long keepThreshold = TraceIdRandomness.BOUND;

	private ContentRetention contentRetention = ContentRetention.NONE;

	private long contentThreshold = TraceIdRandomness.BOUND;

	TraceBuffer(String traceId, long openedAt) {
		this.traceId = traceId;
		this.openedAt = openedAt;
	}

	@Nullable TraceDecision decision() {
		return this.decision;
	}

	void note(SpanFacts facts) {
		this.reason = SpanFacts.stronger(this.reason, facts.reason());
		this.genAi |= facts.genAi();
		SamplingRule rule = facts.runRule();
		if (rule != null) {
			this.run = true;
			this.keepThreshold = Math.min(this.keepThreshold, rule.keepThreshold());
			if (rule.contentRetention().compareTo(this.contentRetention) > 0) {
				this.contentRetention = rule.contentRetention();
			}
			this.contentThreshold = Math.min(this.contentThreshold, rule.contentThreshold());
		}
	}

	/** Whether no span was held or noted yet: the trace was opened, its first span is on its way. */
	boolean isEmpty() {
		return this.spans != null && this.spans.isEmpty() && !this.genAi && this.reason == null;
	}

	void hold(ReadableSpan span) {
		this.spans.add(span);
	}

	/**
	 * Decide what happens to the trace from what its spans said.
	 * @param defaultRule the rule when no run span has ended (early decisions only)
	 * @param otherTracesThreshold keep threshold of traces without any agent run
	 * @param early what forces the decision, {@code null} when the local root ended
	 * @return the decision
	 */
	TraceDecision decide(SamplingRule defaultRule, long otherTracesThreshold, @Nullable EarlyDecisionCause early) {
		if (!this.run && (early == null || !this.genAi)) {
			// Not an agent trace: the application's own head-sampling ratio decides.
			return (TraceIdRandomness.keepValue(this.traceId) >= otherTracesThreshold)
					? new TraceDecision(Fate.PASS, null, true, early) : new TraceDecision(Fate.DROP, null, false, early);
		}
		long keepThreshold = this.run ? this.keepThreshold : defaultRule.keepThreshold();
		ContentRetention retention = this.run ? this.contentRetention : defaultRule.contentRetention();
		long contentThreshold = this.run ? this.contentThreshold : defaultRule.contentThreshold();
		if (this.reason != null) {
			return new TraceDecision(Fate.KEEP, this.reason, retention != ContentRetention.NONE, early);
		}
		if (TraceIdRandomness.keepValue(this.traceId) >= keepThreshold) {
			boolean content = retention == ContentRetention.ALL || (retention == ContentRetention.EARNED
					&& TraceIdRandomness.contentValue(this.traceId) >= contentThreshold);
			return new TraceDecision(Fate.KEEP, SamplingReason.RATIO, content, early);
		}
		return new TraceDecision(Fate.DROP, null, false, early);
	}

	/**
	 * Record the decision and give up the held spans.
	 * @param decision the decision
	 * @return the spans held until now
	 */
	List<ReadableSpan> close(TraceDecision decision) {
		List<ReadableSpan> held = this.spans;
		this.spans = null;
		this.decision = decision;
		return held;
	}

}
