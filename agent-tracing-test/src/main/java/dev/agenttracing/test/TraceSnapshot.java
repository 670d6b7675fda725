package dev.agenttracing.test;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run as normalised, pretty-printed JSON: what {@link GoldenTraces} writes and compares.
 * <p>
 * Each span is an object with its {@code name}, {@code kind}, {@code status} (and status
 * message), typed {@code attributes} sorted by key, {@code events} (name and attributes)
 * and {@code children} in start order. A span's place in the tree stands for its id; ids,
 * timestamps and durations are not in the snapshot, and volatile values are replaced or
 * left out by the {@link SnapshotRules}. Whole numbers, decimals, booleans, strings and
 * arrays keep their JSON types, so a change of attribute type shows in the diff.
 */
public final class TraceSnapshot {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final String json;

	private TraceSnapshot(String json) {
		this.json = json;
	}

	/**
	 * The snapshot of a run with the default rules.
	 * @param run the run
	 * @return its snapshot
	 */
	public static TraceSnapshot of(AgentRunTrace run) {
		return of(run, SnapshotRules.defaults());
	}

	/**
	 * The snapshot of a run.
	 * @param run the run
	 * @param rules what to leave out or replace
	 * @return its snapshot
	 */
	public static TraceSnapshot of(AgentRunTrace run, SnapshotRules rules) {
		return new TraceSnapshot(pretty(new Writer(run, rules).span(run.span())));
	}

	/**
	 * A snapshot read back from its JSON, for instance a golden trace file; the JSON is
	 * reformatted the way snapshots are written.
	 * @param json the JSON
	 * @return the snapshot
	 */
	public static TraceSnapshot parse(String json) {
		return new TraceSnapshot(pretty(JSON.readTree(json)));
	}

	/**
	 * The snapshot as pretty-printed JSON, lines separated by {@code \n}, ending with a
	 * line break.
	 * @return the JSON
	 */
	public String json() {
		return this.json;
	}

	/**
	 * The lines of the JSON.
	 * @return the lines
	 */
	List<String> lines() {
		return this.json.lines().toList();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TraceSnapshot snapshot && snapshot.json.equals(this.json);
	}

	@Override
	public int hashCode() {
		return this.json.hashCode();
	}

	@Override
	public String toString() {
		return this.json;
	}

	private static String pretty(JsonNode node) {
		// Read back first, so that numbers written from longs and read from text compare alike.
		JsonNode reread = JSON.readTree(JSON.writeValueAsString(node));
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reread).replace("\r\n", "\n") + "\n";
	}

	/** Writes one run; numbers the replaced ids as they appear. */
	private static final class Writer {

		private final AgentRunTrace run;

		private final SnapshotRules rules;

		private final Map<String, Map<String, String>> placeholders = new HashMap<>();

		Writer(AgentRunTrace run, SnapshotRules rules) {
			this.run = run;
			this.rules = rules;
		}

		ObjectNode span(SpanData span) {
			ObjectNode node = JSON.createObjectNode();
			node.put("name", span.getName());
			node.put("kind", span.getKind().name());
			node.put("status", span.getStatus().getStatusCode().name());
			String description = span.getStatus().getDescription();
			if (span.getStatus().getStatusCode() == StatusCode.ERROR && description != null && !description.isEmpty()) {
				node.put("statusMessage", description);
			}
			ObjectNode attributes = attributes(span.getAttributes());
			if (!attributes.isEmpty()) {
				node.set("attributes", attributes);
			}
			if (!span.getEvents().isEmpty()) {
				ArrayNode events = node.putArray("events");
				for (EventData event : span.getEvents()) {
					ObjectNode eventNode = events.addObject();
					eventNode.put("name", event.getName());
					ObjectNode eventAttributes = attributes(event.getAttributes());
					if (!eventAttributes.isEmpty()) {
						eventNode.set("attributes", eventAttributes);
					}
				}
			}
			List<SpanData> children = this.run.childrenOf(span);
			if (!children.isEmpty()) {
				ArrayNode childNodes = node.putArray("children");
				for (SpanData child : children) {
					childNodes.add(span(child));
				}
			}
			return node;
		}

		private ObjectNode attributes(Attributes attributes) {
			ObjectNode node = JSON.createObjectNode();
			attributes.asMap()
				.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey(Comparator.comparing(AttributeKey::getKey)))
				.filter((entry) -> !this.rules.isIgnored(entry.getKey().getKey()))
				.forEach((entry) -> node.set(entry.getKey().getKey(), value(entry.getKey().getKey(), entry.getValue())));
			return node;
		}

		private JsonNode value(String key, Object value) {
			if (this.rules.isId(key)) {
				Map<String, String> seen = this.placeholders.computeIfAbsent(key, (k) -> new HashMap<>());
				String placeholder = seen.computeIfAbsent(String.valueOf(value),
						(v) -> "<" + key + " #" + (seen.size() + 1) + ">");
				return JSON.valueToTree(placeholder);
			}
			return JSON.valueToTree(value);
		}

	}

}
