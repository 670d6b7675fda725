package dev.agenttracing.recorder;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One recorded run as a tree: every kept span of its trace, in tree order (depth first,
 * siblings by start time), each with its parent and depth, its typed attributes, its
 * events, its status and its place on the trace's timeline.
 *
 * @param run the run's summary
 * @param startTime when the first kept span of the trace started (the timeline's zero)
 * @param durationNanos from the first start to the last end among the kept spans
 * @param spans the spans in tree order; a span whose parent was not recorded here
 * (another service's, or dropped) is a root at depth 0
 */
public record RunTree(RunSummary run, Instant startTime, long durationNanos, List<Span> spans) {

	private static final Comparator<RecordedSpan> SIBLING_ORDER = Comparator
		.comparingLong(RecordedSpan::startEpochNanos)
		.thenComparing(RecordedSpan::name)
		.thenComparing(RecordedSpan::spanId);

	/**
	 * The tree of a run's spans.
	 * @param run the run
	 * @param spans its spans, in any order
	 * @return the tree
	 */
	static RunTree of(RunSummary run, List<RecordedSpan> spans) {
		long zero = spans.stream().mapToLong(RecordedSpan::startEpochNanos).min().orElse(0);
		long end = spans.stream().mapToLong(RecordedSpan::endEpochNanos).max().orElse(zero);
		Set<String> ids = new HashSet<>();
		spans.forEach((span) -> ids.add(span.spanId()));
		Map<String, List<RecordedSpan>> children = new HashMap<>();
		List<RecordedSpan> roots = new ArrayList<>();
		for (RecordedSpan span : spans) {
			if (span.parentSpanId() != null && ids.contains(span.parentSpanId())) {
				children.computeIfAbsent(span.parentSpanId(), (id) -> new ArrayList<>()).add(span);
			}
			else {
				roots.add(span);
			}
		}
		// Depth first without recursion: a run may be deep.
		List<Span> ordered = new ArrayList<>(spans.size());
		Deque<Map.Entry<RecordedSpan, Integer>> stack = new ArrayDeque<>();
		pushReversed(stack, roots, 0);
		Set<String> visited = new HashSet<>();
		while (!stack.isEmpty()) {
			Map.Entry<RecordedSpan, Integer> next = stack.pop();
			RecordedSpan span = next.getKey();
			if (visited.add(span.spanId())) {
				ordered.add(view(span, next.getValue(), zero));
				pushReversed(stack, children.getOrDefault(span.spanId(), List.of()), next.getValue() + 1);
			}
		}
		return new RunTree(run, RecordedTrace.instant(zero), Math.max(0, end - zero), List.copyOf(ordered));
	}

	private static void pushReversed(Deque<Map.Entry<RecordedSpan, Integer>> stack, List<RecordedSpan> siblings,
			int depth) {
		List<RecordedSpan> sorted = new ArrayList<>(siblings);
		sorted.sort(SIBLING_ORDER.reversed());
		sorted.forEach((span) -> stack.push(Map.entry(span, depth)));
	}

	private static Span view(RecordedSpan span, int depth, long zero) {
		List<Event> events = span.events()
			.stream()
			.sorted(Comparator.comparingLong(RecordedSpan.Event::epochNanos))
			.map((event) -> new Event(event.name(), RecordedTrace.instant(event.epochNanos()),
					event.epochNanos() - zero, event.attributes()))
			.toList();
		return new Span(span.spanId(), span.parentSpanId(), depth, span.name(), span.kind().name(),
				RecordedTrace.instant(span.startEpochNanos()), span.startEpochNanos() - zero, span.durationNanos(),
				span.status().name(), span.statusDescription(), span.attributes(), events, span.cutAttributes());
	}

	/**
	 * One span.
	 *
	 * @param spanId the span id
	 * @param parentSpanId the parent's span id, {@code null} when the span has no parent
	 * @param depth 0 for a root, its parent's depth plus one otherwise
	 * @param name the span name
	 * @param kind {@code INTERNAL}, {@code CLIENT}, {@code SERVER}, {@code PRODUCER} or
	 * {@code CONSUMER}
	 * @param startTime when it started
	 * @param offsetNanos its start, from the timeline's zero
	 * @param durationNanos how long it lasted
	 * @param status {@code UNSET}, {@code OK} or {@code ERROR}
	 * @param statusDescription the status description, when there is one
	 * @param attributes its attributes, by key
	 * @param events its events, in time order
	 * @param cutAttributes keys of the attributes whose value the recorder cut (as
	 * {@code event name/key} for an event's attribute)
	 */
	public record Span(String spanId, @Nullable String parentSpanId, int depth, String name, String kind,
			Instant startTime, long offsetNanos, long durationNanos, String status, @Nullable String statusDescription,
			List<Attribute> attributes, List<Event> events, List<String> cutAttributes) {
	}

	/**
	 * One attribute, with the type OpenTelemetry gave it.
	 *
	 * @param key the key
	 * @param type {@code string}, {@code long}, {@code double}, {@code boolean},
	 * {@code string_array}, {@code long_array}, {@code double_array} or
	 * {@code boolean_array}
	 * @param value the value, as a JSON string, number, boolean or array
	 */
	public record Attribute(String key, String type, Object value) {
	}

	/**
	 * One span event.
	 *
	 * @param name the event name
	 * @param time when it happened
	 * @param offsetNanos when it happened, from the timeline's zero
	 * @param attributes its attributes, by key
	 */
	public record Event(String name, Instant time, long offsetNanos, List<Attribute> attributes) {
	}

}
