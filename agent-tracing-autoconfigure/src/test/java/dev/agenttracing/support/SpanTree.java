package dev.agenttracing.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The finished spans of one trace as a tree, for assertions that print the whole tree
 * when they fail.
 */
public final class SpanTree {

	private final List<SpanData> spans;

	private SpanTree(List<SpanData> spans) {
		this.spans = spans.stream().sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
	}

	public static SpanTree of(List<SpanData> spans) {
		return new SpanTree(spans);
	}

	/** The tree of the trace the named root span belongs to. */
	public static SpanTree ofTraceOf(List<SpanData> spans, String rootName) {
		SpanData root = spans.stream()
			.filter((span) -> span.getName().equals(rootName))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("No span named '" + rootName + "' in " + names(spans)));
		return new SpanTree(
				spans.stream().filter((span) -> span.getTraceId().equals(root.getTraceId())).toList());
	}

	public List<SpanData> spans() {
		return this.spans;
	}

	public SpanData root() {
		List<SpanData> roots = this.spans.stream()
			.filter((span) -> this.spans.stream().noneMatch((other) -> other.getSpanId().equals(span.getParentSpanId())))
			.toList();
		assertThat(roots).as("roots of%n%s", this).hasSize(1);
		return roots.get(0);
	}

	public SpanData one(String name) {
		List<SpanData> named = named(name);
		assertThat(named).as("spans named '%s' in%n%s", name, this).hasSize(1);
		return named.get(0);
	}

	public List<SpanData> named(String name) {
		return this.spans.stream().filter((span) -> span.getName().equals(name)).toList();
	}

	public List<SpanData> childrenOf(SpanData parent) {
		return this.spans.stream().filter((span) -> span.getParentSpanId().equals(parent.getSpanId())).toList();
	}

	public List<String> childNames(SpanData parent) {
		return childrenOf(parent).stream().map(SpanData::getName).toList();
	}

	public SpanData parentOf(SpanData child) {
		return this.spans.stream()
			.filter((span) -> span.getSpanId().equals(child.getParentSpanId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No parent of " + child.getName() + " in\n" + this));
	}

	public static <T> T attr(SpanData span, AttributeKey<T> key) {
		return span.getAttributes().get(key);
	}

	/** The raw attribute value, whatever its type, to check types. */
	public static Object raw(SpanData span, String key) {
		Map<AttributeKey<?>, Object> all = span.getAttributes().asMap();
		return all.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().getKey().equals(key))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	@Override
	public String toString() {
		StringBuilder out = new StringBuilder();
		List<SpanData> roots = new ArrayList<>(this.spans.stream()
			.filter((span) -> this.spans.stream().noneMatch((other) -> other.getSpanId().equals(span.getParentSpanId())))
			.toList());
		for (SpanData root : roots) {
			print(root, 0, out);
		}
		return out.toString();
	}

	private void print(SpanData span, int depth, StringBuilder out) {
		out.append("  ".repeat(depth))
			.append(span.getName())
			.append(" [")
			.append(span.getKind())
			.append(", ")
			.append(span.getStatus().getStatusCode())
			.append("] ")
			.append(span.getAttributes().asMap()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey().getKey() + "=" + entry.getValue())
				.sorted()
				.collect(Collectors.joining(", ")))
			.append('\n');
		for (SpanData child : childrenOf(span)) {
			print(child, depth + 1, out);
		}
	}

	private static List<String> names(List<SpanData> spans) {
		return spans.stream().map(SpanData::getName).toList();
	}

}
