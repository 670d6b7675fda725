package dev.agenttracing.recorder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The recent agent runs of this application, in memory: a bounded store of the spans
 * that were exported, grouped by trace into runs.
 *
 * <h2>What a run is</h2> A trace becomes a run when one of its spans is an
 * {@code invoke_agent} span; the run is the trace's top-level one, and the runs nested in
 * it are part of its tree. Until then a trace's spans are held as pending (a run's model
 * and tool calls end before the run does). A trace that will never hold a run (plain HTTP
 * traffic: page loads, health checks) is never listed and not kept: once its local root
 * span (the first span of the trace in this process, which ends after the spans under it)
 * has ended with no run and no GenAI span in the trace, the trace is let go at once; until
 * then it is pending and bounded like the others. Spans that end after their run (the HTTP
 * request that carried it) join its tree.
 *
 * <h2>What it sees</h2> Only what it is given: fed by {@link FlightRecorderSpanExporter}
 * behind the export pipeline, it holds what was exported, after sampling and after the
 * content was redacted or removed, and never more.
 *
 * <h2>Bounds</h2> Failed runs (outcome {@code error} or {@code refused}, or a span with
 * status ERROR) and successful ones are kept apart, each up to its own bound, oldest out
 * first, so that failures are kept longer. Pending traces are bounded too (those without
 * any GenAI span go first), and so are the spans and the size of one run and the length
 * of a string value; see {@link FlightRecorderLimits}. What the bounds drop is counted
 * ({@link #stats()}).
 *
 * <p>
 * Thread-safe. Recording takes one lock for as long as it takes to file a batch;
 * queries copy what they need under it.
 */
public final class FlightRecorder {

	private final FlightRecorderLimits limits;

	private final Object lock = new Object();

	/** Traces without a run yet, in the order they arrived. */
	private final LinkedHashMap<String, RecordedTrace> pending = new LinkedHashMap<>();

	/** Successful runs, in the order they were first listed. */
	private final LinkedHashMap<String, RecordedTrace> successful = new LinkedHashMap<>();

	/** Failed runs, in the order they were first listed as failed. */
	private final LinkedHashMap<String, RecordedTrace> failed = new LinkedHashMap<>();

	private long evictedRuns;

	private long discardedTraces;

	private long droppedSpans;

	/**
	 * A recorder with these bounds.
	 * @param limits the bounds
	 */
	public FlightRecorder(FlightRecorderLimits limits) {
		this.limits = limits;
	}

	/**
	 * The bounds of this recorder.
	 * @return the bounds
	 */
	public FlightRecorderLimits limits() {
		return this.limits;
	}

	/**
	 * Record exported spans, of any traces, in any order.
	 * @param spans the spans
	 */
	public void record(Collection<SpanData> spans) {
		Map<String, List<RecordedSpan>> byTrace = new LinkedHashMap<>();
		Set<String> localRootEnded = new HashSet<>();
		for (SpanData span : spans) {
			byTrace.computeIfAbsent(span.getTraceId(), (traceId) -> new ArrayList<>())
				.add(RecordedSpan.of(span, this.limits.maxValueLength()));
			if (!span.getParentSpanContext().isValid() || span.getParentSpanContext().isRemote()) {
				localRootEnded.add(span.getTraceId());
			}
		}
		synchronized (this.lock) {
			byTrace.forEach((traceId, traceSpans) -> file(traceId, traceSpans, localRootEnded.contains(traceId)));
			evictBeyondBounds();
		}
	}

	/**
	 * The runs that match a query, newest first.
	 * @param query the query
	 * @return the runs, and the recorder's state
	 */
	public RunList runs(RunQuery query) {
		List<RunSummary> runs = new ArrayList<>();
		RecorderStats stats;
		synchronized (this.lock) {
			this.successful.values().forEach((trace) -> runs.add(trace.summary()));
			this.failed.values().forEach((trace) -> runs.add(trace.summary()));
			stats = statsLocked();
		}
		List<RunSummary> matching = runs.stream()
			.filter(query::matches)
			.sorted(Comparator.comparing(RunSummary::startTime).reversed())
			.limit(query.limit())
			.toList();
		return new RunList(matching, stats);
	}

	/**
	 * One run as a tree.
	 * @param traceId the run's trace id
	 * @return the run, or empty when no run of that trace is held
	 */
	public Optional<RunTree> run(String traceId) {
		RunSummary summary;
		List<RecordedSpan> spans;
		synchronized (this.lock) {
			RecordedTrace trace = this.failed.get(traceId);
			if (trace == null) {
				trace = this.successful.get(traceId);
			}
			if (trace == null) {
				return Optional.empty();
			}
			summary = trace.summary();
			spans = trace.spans();
		}
		return Optional.of(RunTree.of(summary, spans));
	}

	/**
	 * What the recorder holds and what its bounds dropped.
	 * @return the statistics
	 */
	public RecorderStats stats() {
		synchronized (this.lock) {
			return statsLocked();
		}
	}

	private RecorderStats statsLocked() {
		return new RecorderStats(this.successful.size(), this.failed.size(), this.pending.size(), this.evictedRuns,
				this.discardedTraces, this.droppedSpans);
	}

	private void file(String traceId, List<RecordedSpan> spans, boolean localRootEnded) {
		RecordedTrace trace = this.failed.get(traceId);
		if (trace == null) {
			trace = this.successful.get(traceId);
		}
		if (trace == null) {
			trace = this.pending.computeIfAbsent(traceId, RecordedTrace::new);
		}
		for (RecordedSpan span : spans) {
			this.droppedSpans += trace.add(span, this.limits);
		}
		RunSummary summary = trace.summarize();
		if (summary == null) {
			if (localRootEnded && !trace.hasGenAiSpan()) {
				// Everything under the local root has ended with it: no run is coming.
				this.pending.remove(traceId);
			}
			return;
		}
		this.pending.remove(traceId);
		// A run keeps its place among its kind; a run that changes kind goes last in the other.
		LinkedHashMap<String, RecordedTrace> kind = summary.failed() ? this.failed : this.successful;
		LinkedHashMap<String, RecordedTrace> otherKind = summary.failed() ? this.successful : this.failed;
		otherKind.remove(traceId);
		kind.putIfAbsent(traceId, trace);
	}

	private void evictBeyondBounds() {
		while (this.pending.size() > this.limits.maxPendingTraces()) {
			this.pending.remove(oldestPendingToDiscard());
			this.discardedTraces++;
		}
		this.evictedRuns += evictOldest(this.successful, this.limits.maxSuccessfulRuns());
		this.evictedRuns += evictOldest(this.failed, this.limits.maxFailedRuns());
	}

	/**
	 * The pending trace to discard: the oldest without any GenAI span (most likely plain
	 * traffic), else the oldest.
	 */
	private String oldestPendingToDiscard() {
		for (RecordedTrace trace : this.pending.values()) {
			if (!trace.hasGenAiSpan()) {
				return trace.traceId();
			}
		}
		return this.pending.keySet().iterator().next();
	}

	private static int evictOldest(LinkedHashMap<String, RecordedTrace> runs, int bound) {
		int evicted = 0;
		Iterator<RecordedTrace> oldestFirst = runs.values().iterator();
		while (runs.size() > bound && oldestFirst.hasNext()) {
			oldestFirst.next();
			oldestFirst.remove();
			evicted++;
		}
		return evicted;
	}

}
