package dev.agenttracing.conformance;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Spans received over OTLP, with the look-ups that tree assertions need. A failed
 * look-up reports the spans it searched.
 *
 * @param all the spans, in arrival order
 */
record WireSpans(List<WireSpan> all) {

	WireSpans {
		all = List.copyOf(all);
	}

	List<WireSpan> named(String name) {
		return filter((span) -> span.name().equals(name)).byStart();
	}

	WireSpans filter(Predicate<WireSpan> predicate) {
		return new WireSpans(this.all.stream().filter(predicate).toList());
	}

	/**
	 * The spans of one trace.
	 * @param traceId the trace id, hex
	 * @return its spans
	 */
	WireSpans trace(String traceId) {
		return filter((span) -> span.traceId().equals(traceId));
	}

	/**
	 * The spans by trace id, traces in the order their first span arrived.
	 * @return the traces
	 */
	Map<String, WireSpans> byTrace() {
		Map<String, List<WireSpan>> traces = this.all.stream()
			.collect(Collectors.groupingBy(WireSpan::traceId, LinkedHashMap::new, Collectors.toList()));
		Map<String, WireSpans> result = new LinkedHashMap<>();
		traces.forEach((id, spans) -> result.put(id, new WireSpans(spans)));
		return result;
	}

	WireSpan one(String name) {
		List<WireSpan> named = named(name);
		if (named.size() != 1) {
			throw new AssertionError("Expected one span named '" + name + "', found " + named.size() + " in:\n" + this);
		}
		return named.get(0);
	}

	WireSpan parentOf(WireSpan child) {
		return this.all.stream()
			.filter((span) -> span.spanId().equals(child.parentSpanId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No parent of " + child + " in:\n" + this));
	}

	List<WireSpan> childrenOf(WireSpan parent) {
		return filter((span) -> span.parentSpanId().equals(parent.spanId())).byStart();
	}

	List<String> childNames(WireSpan parent) {
		return childrenOf(parent).stream().map(WireSpan::name).toList();
	}

	/**
	 * Spans whose parent is not among these spans.
	 * @return the roots, by start time
	 */
	List<WireSpan> roots() {
		return filter((span) -> this.all.stream().noneMatch((other) -> other.spanId().equals(span.parentSpanId())))
			.byStart();
	}

	List<WireSpan> byStart() {
		return this.all.stream().sorted(Comparator.comparingLong((WireSpan span) -> span.span().getStartTimeUnixNano()))
			.toList();
	}

	int size() {
		return this.all.size();
	}

	@Override
	public String toString() {
		StringBuilder tree = new StringBuilder();
		for (WireSpan root : roots()) {
			render(root, "", tree);
		}
		return tree.toString();
	}

	private void render(WireSpan span, String indent, StringBuilder tree) {
		tree.append(indent).append(span).append(" status=").append(span.statusCode()).append('\n');
		for (WireSpan child : childrenOf(span)) {
			render(child, indent + "  ", tree);
		}
	}

}
