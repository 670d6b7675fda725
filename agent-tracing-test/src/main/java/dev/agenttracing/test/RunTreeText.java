package dev.agenttracing.test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Renders a run as the tree failure messages print: one line per span with its kind,
 * status, attributes and events; long values are shortened, stack traces left out.
 */
final class RunTreeText {

	/** Longer attribute values are cut in the tree; the full value stays on the span. */
	private static final int MAX_VALUE_LENGTH = 120;

	private RunTreeText() {
	}

	static String render(SpanData root, Function<SpanData, List<SpanData>> children) {
		StringBuilder text = new StringBuilder();
		print(root, children, "", "", text);
		return text.toString();
	}

	private static void print(SpanData span, Function<SpanData, List<SpanData>> children, String lead,
			String childLead, StringBuilder text) {
		text.append(lead).append(span.getName()).append(" [").append(span.getKind());
		if (span.getStatus().getStatusCode() != StatusCode.UNSET) {
			text.append(", ").append(span.getStatus().getStatusCode());
		}
		text.append(']');
		String attributes = attributes(span.getAttributes());
		if (!attributes.isEmpty()) {
			text.append(' ').append(attributes);
		}
		for (EventData event : span.getEvents()) {
			text.append(" ◆").append(event.getName());
			String eventAttributes = attributes(event.getAttributes());
			if (!eventAttributes.isEmpty()) {
				text.append('{').append(eventAttributes).append('}');
			}
		}
		text.append('\n');
		List<SpanData> kids = children.apply(span);
		for (int i = 0; i < kids.size(); i++) {
			boolean last = i == kids.size() - 1;
			print(kids.get(i), children, childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "),
					text);
		}
	}

	private static String attributes(Attributes attributes) {
		return attributes.asMap()
			.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().getKey().equals("exception.stacktrace"))
			.sorted(Map.Entry.comparingByKey((a, b) -> a.getKey().compareTo(b.getKey())))
			.map((entry) -> entry.getKey().getKey() + "=" + value(entry.getKey(), entry.getValue()))
			.collect(Collectors.joining(", "));
	}

	private static String value(AttributeKey<?> key, Object value) {
		String text = switch (key.getType()) {
			case STRING -> "\"" + value + "\"";
			default -> String.valueOf(value);
		};
		text = text.replace("\n", "\\n");
		return (text.length() > MAX_VALUE_LENGTH) ? text.substring(0, MAX_VALUE_LENGTH - 3) + "..." : text;
	}

}
