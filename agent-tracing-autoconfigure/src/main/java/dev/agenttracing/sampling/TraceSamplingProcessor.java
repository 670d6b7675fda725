package dev.agenttracing.sampling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;
import dev.agenttracing.trace.RewrittenSpan;
import dev.agenttracing.trace.TracingFailures;

/**
 * Tail sampling of agent traces, in front of the processor that exports (in production a
 * {@code BatchSpanProcessor}).
 *
 * <h2>When a trace is decided</h2> Ended spans are held, by trace id, until the trace's
 * <em>local root</em> ends: a span whose parent is invalid or remote, that is the first
 * span this service opened for the trace. The whole local trace is then decided at once,
 * and its spans are handed on or dropped. A span that ends after its trace was decided
 * (asynchronous work) follows that decision, for as long as the decision is remembered
 * ({@link SamplingLimits#rememberedDecisions()}, {@link SamplingLimits#decisionMemory()}).
 *
 * <h2>What is kept</h2>
 * <ul>
 * <li>A trace with no {@code invoke_agent} span (plain HTTP traffic) is handed on
 * untouched when its local root ends if its trace id falls within
 * {@link SamplingPolicy#otherTracesRatio()} (by default every such trace: head sampling
 * already decided it), and dropped otherwise.</li>
 * <li>A trace is kept, with its content, when one of its runs ended with outcome
 * {@code error} or {@code refused}, went over a budget, or lasted longer than its rule's
 * slow-run threshold, or when any of its spans has status ERROR ({@link SamplingReason}).
 * </li>
 * <li>Otherwise it is kept when its trace id falls within the success ratio of one of its
 * runs' rules ({@link SamplingRule#successRatio()}; see {@link SamplingPolicy} for runs of
 * different agents). The decision depends only on the trace id, so services that apply
 * the same ratio keep the same traces, and a trace kept by all of them is whole.</li>
 * <li>A kept trace exports content as its rules' {@link ContentRetention} says; without it,
 * the {@link SamplingPolicy#contentAttributes() content attributes} are removed from its
 * spans and their events.</li>
 * </ul>
 *
 * <h2>Early decisions</h2> Memory is bounded by {@link SamplingLimits}. When holding a
 * span would pass {@link SamplingLimits#maxHeldSpans()} or opening a trace would pass
 * {@link SamplingLimits#maxHeldTraces()}, the oldest undecided traces (by their first held
 * span; a trace whose first span is still on its way is passed over) are decided until
 * there is room; a trace held for
 * {@link SamplingLimits#maxTraceAge()} is decided too, and so is every held trace on
 * {@link #forceFlush()} and {@link #shutdown()}. An early decision applies the same rules
 * to the spans held so far:
 * <ol>
 * <li>if they already show a reason to keep (a failed or refused run, a failed span, a
 * budget, a slow run), the trace is kept for it, content included;</li>
 * <li>else, if they hold a GenAI span (a run, or model or tool calls of a run not ended
 * yet), the success ratio and content rule decide, those of the held runs or the default
 * rule when no run has ended;</li>
 * <li>else (no GenAI span: most likely plain traffic) the trace is handed on untouched
 * or dropped, as {@link SamplingPolicy#otherTracesRatio()} says.</li>
 * </ol>
 * This rule was chosen because it never drops a failure that is already visible, and it
 * takes, for the rest, the decision that the trace id would most likely have got anyway:
 * other services sampling at the same ratio keep the same traces, so a bound reached
 * under load does not tear traces apart across services. Forwarding everything instead
 * would defeat sampling exactly when the system is overloaded; dropping everything would
 * lose traces that other services keep. What an early decision costs is a failure that
 * shows only after it (typically on the run span itself): such a trace is kept only if
 * the ratio kept it. Spans dropped by early decisions are counted by cause
 * ({@link SamplingStats#spansDroppedEarly(EarlyDecisionCause)}), and the spans of a trace
 * decided early follow that decision when they end, like any late span.
 *
 * <h2>Threads</h2> {@link #onEnd} never waits for I/O. Spans of one trace synchronise on
 * that trace only; the shared state is a concurrent map, concurrent queues and atomic
 * counters. One lock serialises early decisions (so that the oldest trace is the one
 * decided): a span end waits for it only when a bound is reached, and otherwise only
 * tries it, to age traces. Decided spans are handed on outside every lock. Held traces
 * are aged by a single scheduled sweeper thread (see
 * {@link Builder#sweepInterval(Duration)}) and by the span ends themselves. However
 * the threads interleave, every trace is decided once while its decision is remembered,
 * and every span received is counted once ({@link SamplingStats}). A trace that cannot
 * even be opened for want of room (every reservation is taken by a trace on its way in or
 * out) is decided early on its one span, and that decision is remembered like any other.
 *
 * <h2>What it cannot see</h2>
 * <ul>
 * <li>Spans that head sampling did not sample are handed on untouched and not counted:
 * tail sampling chooses among what head sampling recorded, so the sampler in front of it
 * should sample everything (parent-based, always on).</li>
 * <li>A run that outlives its local root (the HTTP request returns before the run it
 * started ends) is not part of the decision, which was taken without it, and follows
 * it: for a trace without any other run, that is "handed on untouched".</li>
 * </ul>
 *
 * @see SamplingStats
 * @see SamplingMetrics
 */
public final class TraceSamplingProcessor implements SpanProcessor {

	/** Failure places reported to {@link TracingFailures}. */
	private static final String FAILURE = "trace sampling";

	private static final String DOWNSTREAM_FAILURE = "trace sampling downstream";

	/** How long {@link #shutdown()} waits for a sweep in progress. */
	private static final long SWEEPER_STOP_TIMEOUT_SECONDS = 10;

	private final SpanProcessor downstream;

	private final SamplingPolicy policy;

	private final SamplingLimits limits;

	private final Clock clock;

	private final TracingFailures failures;

	private final SamplingStats stats;

	private final long maxTraceAgeNanos;

	private final long decisionMemoryNanos;

	/** Undecided traces, and decided ones while their decision is remembered. */
	private final ConcurrentHashMap<String, TraceBuffer> traces = new ConcurrentHashMap<>();

	/**
	 * Traces in the order they were opened. Decided ones stay until they reach the head or
	 * the queue is compacted; only a holder of {@link #evictionLock} takes from it.
	 */
	private final ConcurrentLinkedQueue<TraceBuffer> arrivals = new ConcurrentLinkedQueue<>();

	private final AtomicInteger arrivalsQueued = new AtomicInteger();

	/** Queue length past which decided traces are removed from {@link #arrivals}. */
	private final int compactionThreshold;

	private final ReentrantLock evictionLock = new ReentrantLock();

	/** Remembered decisions, oldest first; only a holder of {@link #forgetLock} takes. */
	private final ConcurrentLinkedQueue<TraceBuffer> decisions = new ConcurrentLinkedQueue<>();

	private final AtomicInteger decisionsRemembered = new AtomicInteger();

	private final ReentrantLock forgetLock = new ReentrantLock();

	private final @Nullable ScheduledExecutorService sweeper;

	private final AtomicBoolean shutdown = new AtomicBoolean();

	private TraceSamplingProcessor(Builder builder) {
		this.downstream = builder.downstream;
		this.policy = builder.policy;
		this.limits = builder.limits;
		this.clock = builder.clock;
		this.failures = builder.failures;
		this.stats = builder.stats;
		this.maxTraceAgeNanos = saturatedNanos(this.limits.maxTraceAge());
		this.decisionMemoryNanos = saturatedNanos(this.limits.decisionMemory());
		this.compactionThreshold = Math.max(1024, 2 * this.limits.maxHeldTraces());
		this.sweeper = startSweeper(builder.sweepInterval);
	}

	/**
	 * A builder for a processor that hands what it keeps to a downstream processor.
	 * @param downstream the processor that exports
	 * @return a new builder
	 */
	public static Builder builder(SpanProcessor downstream) {
		return new Builder(downstream);
	}

	/**
	 * The live counters of this processor.
	 * @return the statistics
	 */
	public SamplingStats stats() {
		return this.stats;
	}

	/**
	 * The policy this processor applies.
	 * @return the policy
	 */
	public SamplingPolicy policy() {
		return this.policy;
	}

	/**
	 * The bounds this processor keeps to.
	 * @return the limits
	 */
	public SamplingLimits limits() {
		return this.limits;
	}

	@Override
	public boolean isStartRequired() {
		return this.downstream.isStartRequired();
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		this.downstream.onStart(parentContext, span);
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (this.shutdown.get() || !span.getSpanContext().isSampled()) {
			handOn(span);
			return;
		}
		try {
			hold(span);
			sweepIfDue();
		}
		catch (Throwable ex) {
			this.failures.record(FAILURE, ex);
		}
	}

	/**
	 * Decide every held trace by the early-decision rule, hand on what is kept, and flush
	 * the downstream processor.
	 */
	@Override
	public CompletableResultCode forceFlush() {
		decideAllHeld();
		return this.downstream.forceFlush();
	}

	/**
	 * Stop the sweeper (waiting for a sweep in progress to hand its spans on), decide every
	 * held trace by the early-decision rule, hand on what is kept, and shut the downstream
	 * processor down. Spans that end afterwards go straight to the downstream processor.
	 */
	@Override
	public CompletableResultCode shutdown() {
		if (!this.shutdown.compareAndSet(false, true)) {
			return CompletableResultCode.ofSuccess();
		}
		stopSweeper();
		decideAllHeld();
		return this.downstream.shutdown();
	}

	@Override
	public String toString() {
		return "TraceSamplingProcessor[policy=" + this.policy + ", limits=" + this.limits + ", downstream="
				+ this.downstream + "]";
	}

	private void hold(ReadableSpan span) {
		this.stats.received();
		SpanFacts facts = SpanFacts.of(span, this.policy);
		String traceId = span.getSpanContext().getTraceId();
		TraceBuffer buffer = this.traces.get(traceId);
		if (buffer == null && facts.localRoot()) {
			// Most plain traffic: the local root ends before any other span of its trace.
			buffer = decideUnheld(span, facts, traceId, null);
			if (buffer == null) {
				return;
			}
		}
		if (buffer == null) {
			buffer = open(traceId);
			if (buffer == null) {
				buffer = decideUnheld(span, facts, traceId, EarlyDecisionCause.TRACES_LIMIT);
				if (buffer == null) {
					return;
				}
			}
		}
		// A local root is never held: it is decided on at once, with what its trace holds.
		boolean reserved = !facts.localRoot() && buffer.decision() == null
				&& reserve(this.stats.heldSpans, this.limits.maxHeldSpans(), EarlyDecisionCause.SPANS_LIMIT);
		TraceDecision decision;
		List<ReadableSpan> released = null;
		synchronized (buffer) {
			decision = buffer.decision();
			if (decision == null) {
				buffer.note(facts);
				if (reserved) {
					buffer.hold(span);
				}
				else {
					// The local root, or no room even after deciding every older trace.
					decision = buffer.decide(this.policy.defaultRule(), this.policy.otherTracesThreshold(),
							facts.localRoot() ? null : EarlyDecisionCause.SPANS_LIMIT);
					released = buffer.close(decision);
				}
			}
		}
		if (released != null) {
			settle(buffer, decision, released);
			if (!reserved) {
				dispatch(span, decision);
			}
		}
		else if (decision != null) {
			if (reserved) {
				this.stats.heldSpans.decrementAndGet();
			}
			this.stats.late();
			dispatch(span, decision);
		}
	}

	/**
	 * Decide a trace on one span without holding it: a local root that ends before any
	 * other span of its trace ({@code early} is {@code null}), or a span whose trace could
	 * not be opened for want of room. Nothing is held, so no bound is touched, and the
	 * decision is remembered like any other, so that the trace's other spans follow it
	 * instead of deciding the trace again.
	 * @return {@code null} when done, or the buffer another thread opened for the trace
	 * meanwhile, to go on with
	 */
	private @Nullable TraceBuffer decideUnheld(ReadableSpan span, SpanFacts facts, String traceId,
			@Nullable EarlyDecisionCause early) {
		TraceBuffer decided = new TraceBuffer(traceId, this.clock.nanoTime());
		decided.note(facts);
		TraceDecision decision = decided.decide(this.policy.defaultRule(), this.policy.otherTracesThreshold(), early);
		decided.close(decision);
		TraceBuffer existing = this.traces.putIfAbsent(traceId, decided);
		if (existing != null) {
			return existing;
		}
		this.stats.trace(decision);
		remember(decided);
		dispatch(span, decision);
		return null;
	}

	/**
	 * Open a buffer for a trace, making room under the trace bound first.
	 * @return the trace's buffer (possibly opened concurrently by another thread), or
	 * {@code null} when there is no room
	 */
	private @Nullable TraceBuffer open(String traceId) {
		if (!reserve(this.stats.heldTraces, this.limits.maxHeldTraces(), EarlyDecisionCause.TRACES_LIMIT)) {
			return null;
		}
		TraceBuffer opened = new TraceBuffer(traceId, this.clock.nanoTime());
		TraceBuffer existing = this.traces.putIfAbsent(traceId, opened);
		if (existing != null) {
			this.stats.heldTraces.decrementAndGet();
			return existing;
		}
		this.arrivals.offer(opened);
		this.arrivalsQueued.incrementAndGet();
		return opened;
	}

	/**
	 * Take one unit under a bound, deciding the oldest undecided traces early until there
	 * is room. Counting reservations, not holdings, keeps the bound strict under
	 * concurrency.
	 * @return {@code false} when no undecided trace is left to decide and there is still
	 * no room
	 */
	private boolean reserve(AtomicInteger held, int bound, EarlyDecisionCause cause) {
		while (true) {
			int current = held.get();
			if (current < bound) {
				if (held.compareAndSet(current, current + 1)) {
					return true;
				}
			}
			// Other threads settle their traces meanwhile: nothing left to decide is no proof
			// that there is no room.
			else if (!decideOldest(held, bound, cause) && held.get() >= bound) {
				return false;
			}
		}
	}

	/**
	 * Decide the oldest undecided trace that holds something, unless room was made under
	 * the bound while waiting for the lock.
	 * @return whether there may be room now
	 */
	private boolean decideOldest(AtomicInteger held, int bound, EarlyDecisionCause cause) {
		Released released = null;
		List<TraceBuffer> notYetHolding = null;
		this.evictionLock.lock();
		try {
			if (held.get() < bound) {
				return true;
			}
			int candidates = this.arrivalsQueued.get();
			TraceBuffer oldest;
			while (released == null && candidates-- > 0 && (oldest = takeArrival()) != null) {
				synchronized (oldest) {
					if (oldest.decision() == null && oldest.isEmpty()) {
						// Opened an instant ago by a thread about to hold its first span: deciding
						// it now would decide on nothing. It is the youngest anyway.
						notYetHolding = (notYetHolding != null) ? notYetHolding : new ArrayList<>(2);
						notYetHolding.add(oldest);
						continue;
					}
				}
				released = decideEarly(oldest, cause);
			}
			if (notYetHolding != null) {
				for (TraceBuffer buffer : notYetHolding) {
					this.arrivals.offer(buffer);
					this.arrivalsQueued.incrementAndGet();
				}
			}
		}
		finally {
			this.evictionLock.unlock();
		}
		if (released == null) {
			return false;
		}
		settle(released.buffer(), released.decision(), released.spans());
		return true;
	}

	private @Nullable Released decideEarly(TraceBuffer buffer, EarlyDecisionCause cause) {
		return decideEarly(buffer, cause, true);
	}

	/**
	 * Decide a trace early, unless it is decided already, or, when {@code evenIfEmpty} is
	 * false, its first span has not landed yet.
	 */
	private @Nullable Released decideEarly(TraceBuffer buffer, EarlyDecisionCause cause, boolean evenIfEmpty) {
		synchronized (buffer) {
			if (buffer.decision() != null || (!evenIfEmpty && buffer.isEmpty())) {
				return null;
			}
			TraceDecision decision = buffer.decide(this.policy.defaultRule(), this.policy.otherTracesThreshold(), cause);
			return new Released(buffer, decision, buffer.close(decision));
		}
	}

	/** Account for a decided trace, remember its decision, and hand its spans on. */
	private void settle(TraceBuffer buffer, TraceDecision decision, List<ReadableSpan> spans) {
		this.stats.heldSpans.addAndGet(-spans.size());
		this.stats.heldTraces.decrementAndGet();
		this.stats.trace(decision);
		remember(buffer);
		for (ReadableSpan span : spans) {
			dispatch(span, decision);
		}
	}

	private void dispatch(ReadableSpan span, TraceDecision decision) {
		this.stats.span(decision);
		switch (decision.fate()) {
			case PASS -> handOn(span);
			case KEEP -> handOn(exported(span, decision));
			case DROP -> {
			}
		}
	}

	private ReadableSpan exported(ReadableSpan span, TraceDecision decision) {
		Set<String> stripped = decision.keepContent() ? Set.of() : this.policy.contentAttributes();
		String reason = (this.policy.reasonAttribute() && decision.reason() != null
				&& GenAiOperations.INVOKE_AGENT.equals(span.getAttribute(GenAiAttributes.OPERATION_NAME)))
						? decision.reason().value() : null;
		if (stripped.isEmpty() && reason == null) {
			return span;
		}
		SampledSpanData data = SampledSpanData.rewrite(span.toSpanData(), stripped, reason);
		if (data == null) {
			return span;
		}
		if (data.contentStripped()) {
			this.stats.contentStripped();
		}
		return new RewrittenSpan(span, data);
	}

	private void handOn(ReadableSpan span) {
		try {
			this.downstream.onEnd(span);
		}
		catch (Throwable ex) {
			this.failures.record(DOWNSTREAM_FAILURE, ex);
		}
	}

	private void remember(TraceBuffer buffer) {
		if (this.limits.rememberedDecisions() == 0) {
			this.traces.remove(buffer.traceId, buffer);
			return;
		}
		long now = this.clock.nanoTime();
		buffer.decidedAt = now;
		this.decisions.offer(buffer);
		this.decisionsRemembered.incrementAndGet();
		forget(now);
	}

	private void forget(long now) {
		if (!this.forgetLock.tryLock()) {
			return;
		}
		try {
			TraceBuffer oldest;
			while ((oldest = this.decisions.peek()) != null
					&& (this.decisionsRemembered.get() > this.limits.rememberedDecisions()
							|| now - oldest.decidedAt >= this.decisionMemoryNanos)) {
				this.decisions.poll();
				this.decisionsRemembered.decrementAndGet();
				this.traces.remove(oldest.traceId, oldest);
			}
		}
		finally {
			this.forgetLock.unlock();
		}
	}

	/** The cheap check made on every span end; the sweep itself only when it has work. */
	private void sweepIfDue() {
		long now = this.clock.nanoTime();
		TraceBuffer oldest = this.arrivals.peek();
		if ((oldest != null && (oldest.decision() != null || now - oldest.openedAt >= this.maxTraceAgeNanos))
				|| this.arrivalsQueued.get() > this.compactionThreshold) {
			sweep(now);
		}
		TraceBuffer remembered = this.decisions.peek();
		if (remembered != null && now - remembered.decidedAt >= this.decisionMemoryNanos) {
			forget(now);
		}
	}

	/**
	 * Decide the traces held for the maximum age, and drop decided traces from the arrival
	 * queue. Skipped when another thread is already at it.
	 */
	void sweep(long now) {
		if (!this.evictionLock.tryLock()) {
			return;
		}
		List<Released> expired = new ArrayList<>();
		try {
			TraceBuffer oldest;
			while ((oldest = this.arrivals.peek()) != null) {
				if (oldest.decision() == null && now - oldest.openedAt < this.maxTraceAgeNanos) {
					break;
				}
				takeArrival();
				Released released = decideEarly(oldest, EarlyDecisionCause.AGE_LIMIT);
				if (released != null) {
					expired.add(released);
				}
			}
			if (this.arrivalsQueued.get() > this.compactionThreshold) {
				int removed = 0;
				for (Iterator<TraceBuffer> queued = this.arrivals.iterator(); queued.hasNext();) {
					if (queued.next().decision() != null) {
						queued.remove();
						removed++;
					}
				}
				this.arrivalsQueued.addAndGet(-removed);
			}
		}
		finally {
			this.evictionLock.unlock();
		}
		for (Released released : expired) {
			settle(released.buffer(), released.decision(), released.spans());
		}
	}

	private @Nullable TraceBuffer takeArrival() {
		TraceBuffer taken = this.arrivals.poll();
		if (taken != null) {
			this.arrivalsQueued.decrementAndGet();
		}
		return taken;
	}

	private void decideAllHeld() {
		List<Released> held = new ArrayList<>();
		for (TraceBuffer buffer : this.traces.values()) {
			Released released = decideEarly(buffer, EarlyDecisionCause.FLUSH, false);
			if (released != null) {
				held.add(released);
			}
		}
		for (Released released : held) {
			settle(released.buffer(), released.decision(), released.spans());
		}
	}

	private @Nullable ScheduledExecutorService startSweeper(Duration interval) {
		if (interval.isZero()) {
			return null;
		}
		ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "agent-tracing-sampling-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		long nanos = saturatedNanos(interval);
		sweeper.scheduleWithFixedDelay(this::sweepSafely, nanos, nanos, TimeUnit.NANOSECONDS);
		return sweeper;
	}

	private void sweepSafely() {
		try {
			sweepDue();
		}
		catch (Throwable ex) {
			this.failures.record(FAILURE, ex);
		}
	}

	/**
	 * What the sweeper thread does at each interval: decide the traces held for the
	 * maximum age and forget the decisions remembered for their time, as of the clock's
	 * present.
	 */
	void sweepDue() {
		long now = this.clock.nanoTime();
		sweep(now);
		forget(now);
	}

	private void stopSweeper() {
		if (this.sweeper == null) {
			return;
		}
		this.sweeper.shutdownNow();
		try {
			if (!this.sweeper.awaitTermination(SWEEPER_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				this.failures.record(FAILURE, new IllegalStateException(
						"Sweeper thread still running " + SWEEPER_STOP_TIMEOUT_SECONDS + " s after shutdown"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	private record Released(TraceBuffer buffer, TraceDecision decision, List<ReadableSpan> spans) {
	}

	/**
	 * Builds a {@link TraceSamplingProcessor}.
	 */
	public static final class Builder {

		private final SpanProcessor downstream;

		private SamplingPolicy policy = SamplingPolicy.defaults();

		private SamplingLimits limits = SamplingLimits.defaults();

		private Clock clock = Clock.getDefault();

		private Duration sweepInterval = Duration.ofSeconds(1);

		private TracingFailures failures = new TracingFailures();

		private SamplingStats stats = new SamplingStats();

		private Builder(SpanProcessor downstream) {
			this.downstream = Objects.requireNonNull(downstream, "downstream");
		}

		/**
		 * The counters the processor keeps (so that metrics can be bound to them before the
		 * processor exists). Default: new counters.
		 * @param stats the counters, for this processor only
		 * @return this builder
		 */
		public Builder stats(SamplingStats stats) {
			this.stats = Objects.requireNonNull(stats, "stats");
			return this;
		}

		/**
		 * What to keep. Default {@link SamplingPolicy#defaults()}.
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder policy(SamplingPolicy policy) {
			this.policy = Objects.requireNonNull(policy, "policy");
			return this;
		}

		/**
		 * The memory bounds. Default {@link SamplingLimits#defaults()}.
		 * @param limits the limits
		 * @return this builder
		 */
		public Builder limits(SamplingLimits limits) {
			this.limits = Objects.requireNonNull(limits, "limits");
			return this;
		}

		/**
		 * The clock that ages held traces and remembered decisions (its
		 * {@link Clock#nanoTime()}). Default {@link Clock#getDefault()}.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * How often a single daemon thread decides the traces held for the maximum age when
		 * no span ends to do it. Default one second. {@link Duration#ZERO} starts no thread:
		 * traces are then aged only when spans end.
		 * @param sweepInterval the interval, zero for none
		 * @return this builder
		 */
		public Builder sweepInterval(Duration sweepInterval) {
			Objects.requireNonNull(sweepInterval, "sweepInterval");
			if (sweepInterval.isNegative()) {
				throw new IllegalArgumentException("sweepInterval must not be negative, was " + sweepInterval);
			}
			this.sweepInterval = sweepInterval;
			return this;
		}

		/**
		 * Where failures of the processor are reported. Default a new
		 * {@link TracingFailures}.
		 * @param failures the failure recorder
		 * @return this builder
		 */
		public Builder failures(TracingFailures failures) {
			this.failures = Objects.requireNonNull(failures, "failures");
			return this;
		}

		/**
		 * Build the processor, starting its sweeper thread if it has one.
		 * @return the processor
		 */
		public TraceSamplingProcessor build() {
			return new TraceSamplingProcessor(this);
		}

	}

}
