package dev.agenttracing.recorder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;

/**
 * The spans the recorder holds for one trace, and, once one of them is an
 * {@code invoke_agent} span, the summary of its run. Not thread-safe: the
 * {@link FlightRecorder} guards it.
 */
final class RecordedTrace {

	private static final Comparator<RecordedSpan> BY_START = Comparator.comparingLong(RecordedSpan::startEpochNanos);

	private final String traceId;

	private final List<RecordedSpan> spans = new ArrayList<>();

	private long bytes;

	private int droppedSpans;

	private boolean genAi;

	private @Nullable RunSummary summary;

	RecordedTrace(String traceId) {
		this.traceId = traceId;
	}

	String traceId() {
		return this.traceId;
	}

	/**
	 * Add a span, then keep the earliest started spans within the bounds: a trace's spans
	 * end bottom-up, so the run and the top of its tree come last, and a bound must not
	 * drop them for the leaves that came first.
	 * @param span the span
	 * @param limits the bounds
	 * @return how many spans the bounds dropped (the new one, or held ones)
	 */
	int add(RecordedSpan span, FlightRecorderLimits limits) {
		if (this.spans.stream().anyMatch((held) -> held.spanId().equals(span.spanId()))) {
			return 0;
		}
		this.spans.add(span);
		this.bytes += span.bytes();
		this.genAi |= span.isGenAi();
		int dropped = 0;
		while (this.spans.size() > 1
				&& (this.spans.size() > limits.maxSpansPerRun() || this.bytes > limits.maxRunBytes())) {
			RecordedSpan latest = this.spans.stream().max(BY_START).orElseThrow();
			this.spans.remove(latest);
			this.bytes -= latest.bytes();
			dropped++;
		}
		this.droppedSpans += dropped;
		return dropped;
	}

	/**
	 * The run of this trace, as of the last {@link #summarize()}.
	 * @return its summary, or {@code null} while no span is an {@code invoke_agent} span
	 */
	@Nullable RunSummary summary() {
		return this.summary;
	}

	/**
	 * Whether a GenAI span was held: a trace that is likely to become a run.
	 * @return whether one was
	 */
	boolean hasGenAiSpan() {
		return this.genAi;
	}

	List<RecordedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * Summarize the run after spans were added. The run is the top-level
	 * {@code invoke_agent} span: a nested run, in this process or reached over HTTP or a
	 * queue, starts inside its parent run, so the top-level one is the first to start.
	 * @return the summary, or {@code null} while no span is an {@code invoke_agent} span
	 */
	@Nullable RunSummary summarize() {
		this.summary = summaryOfHeldSpans();
		return this.summary;
	}

	private @Nullable RunSummary summaryOfHeldSpans() {
		List<RecordedSpan> runs = this.spans.stream().filter(RecordedSpan::isRun).sorted(BY_START).toList();
		if (runs.isEmpty()) {
			return null;
		}
		RecordedSpan run = runs.get(0);
		List<String> agents = runs.stream().map(RecordedTrace::agentName).distinct().toList();
		String outcome = run.attribute(AgentAttributes.OUTCOME);
		if (outcome == null) {
			outcome = run.failed() ? "error" : RunSummary.SUCCESS;
		}
		List<RecordedSpan> failed = this.spans.stream().filter(RecordedSpan::failed).toList();
		RecordedSpan firstError = failed.stream()
			.min(Comparator.comparingLong(RecordedSpan::endEpochNanos))
			.orElse(null);
		List<String> findings = runs.stream().flatMap((each) -> findings(each).stream()).distinct().toList();
		RecordedSpan firstFinding = firstFinding();
		return new RunSummary(this.traceId, agentName(run), agents, outcome,
				run.attribute(AgentAttributes.REFUSAL_REASON), run.attribute(AgentAttributes.USER_ID),
				run.attribute(GenAiAttributes.CONVERSATION_ID), run.attribute(AgentAttributes.WORKFLOW_RUN_ID),
				instant(run.startEpochNanos()), run.durationNanos(), this.spans.size(), failed.size(),
				this.droppedSpans, (firstError != null) ? firstError.spanId() : null,
				(firstError != null) ? firstError.name() : null, findings,
				runs.stream().mapToInt(RecordedTrace::findingCount).sum(),
				(firstFinding != null) ? firstFinding.spanId() : null,
				(firstFinding != null) ? firstFinding.name() : null);
	}

	private static List<String> findings(RecordedSpan run) {
		if (run.value(AgentAttributes.FINDINGS.getKey()) instanceof List<?> kinds) {
			return kinds.stream().map(String::valueOf).distinct().toList();
		}
		return List.of();
	}

	private static int findingCount(RecordedSpan run) {
		if (run.value(AgentAttributes.FINDING_COUNT.getKey()) instanceof Number count) {
			return (int) Math.min(count.longValue(), Integer.MAX_VALUE);
		}
		return findings(run).size();
	}

	/** The held span with the earliest finding event: the step to look at first. */
	private @Nullable RecordedSpan firstFinding() {
		RecordedSpan first = null;
		long firstAt = Long.MAX_VALUE;
		for (RecordedSpan span : this.spans) {
			for (RecordedSpan.Event event : span.events()) {
				if (AgentAttributes.FINDING_EVENT.equals(event.name()) && event.epochNanos() < firstAt) {
					first = span;
					firstAt = event.epochNanos();
				}
			}
		}
		return first;
	}

	private static String agentName(RecordedSpan run) {
		String name = run.attribute(GenAiAttributes.AGENT_NAME);
		return (name != null) ? name : run.name();
	}

	static Instant instant(long epochNanos) {
		return Instant.ofEpochSecond(0, epochNanos);
	}

}
