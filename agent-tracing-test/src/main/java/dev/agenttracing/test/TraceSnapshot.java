package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
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
 * left out by the {@link SnapshotRules}; a replaced id quoted inside captured JSON
 * content (a tool call id in {@code gen_ai.input.messages}) is replaced there too. Whole
 * numbers, decimals, booleans, strings and arrays keep their JSON types, so a change of
 * attribute type shows in the diff.
 * <p>
 * Two snapshots are equal when they are the same JSON: the keys of an object may come in
 * any order, and so may those of JSON held in a string value (a tool's result, captured
 * messages, a result quoted again in the next model call's messages), at any depth; the
 * elements of arrays keep their order. A tool that returns a {@code Map.of(...)}, whose
 * keys a JVM serialises in an order of its own, gives equal snapshots in every JVM.
 */
public final class TraceSnapshot {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final String json;

	private @Nullable JsonNode canonical;

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

	/** The snapshot as a JSON tree. */
	JsonNode tree() {
		return JSON.readTree(this.json);
	}

	/** A snapshot of a JSON tree, written the way snapshots are. */
	static TraceSnapshot ofTree(JsonNode tree) {
		return new TraceSnapshot(pretty(tree));
	}

	private JsonNode canonical() {
		JsonNode canonical = this.canonical;
		if (canonical == null) {
			canonical = JsonComparison.canonical(tree());
			this.canonical = canonical;
		}
		return canonical;
	}

	/**
	 * Whether the other object is a snapshot of the same JSON, whatever the order of the
	 * keys of its objects and of the JSON its strings hold.
	 */
	@Override
	public boolean equals(Object other) {
		return other instanceof TraceSnapshot snapshot
				&& (snapshot.json.equals(this.json) || snapshot.canonical().equals(canonical()));
	}

	@Override
	public int hashCode() {
		return canonical().hashCode();
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

	/**
	 * Writes one run. The replaced ids are numbered in tree order first, so that an id
	 * quoted inside captured content (a tool call id in {@code gen_ai.output.messages})
	 * gets the placeholder of the attribute it comes from, even when it appears earlier.
	 */
	private static final class Writer {

		private final AgentRunTrace run;

		private final SnapshotRules rules;

		private final Map<String, Map<String, String>> placeholders = new HashMap<>();

		private final Map<String, String> quotedIds = new LinkedHashMap<>();

		Writer(AgentRunTrace run, SnapshotRules rules) {
			this.run = run;
			this.rules = rules;
			number(run.span());
		}

		private void number(SpanData span) {
			numberIds(span.getAttributes());
			span.getEvents().forEach((event) -> numberIds(event.getAttributes()));
			this.run.childrenOf(span).forEach(this::number);
		}

		private void numberIds(Attributes attributes) {
			attributes.forEach((key, value) -> {
				if (this.rules.isId(key.getKey())) {
					Map<String, String> seen = this.placeholders.computeIfAbsent(key.getKey(), (k) -> new HashMap<>());
					String id = String.valueOf(value);
					if (!seen.containsKey(id)) {
						String placeholder = "<" + key.getKey() + " #" + (seen.size() + 1) + ">";
						seen.put(id, placeholder);
						this.quotedIds.putIfAbsent("\"" + id + "\"", "\"" + placeholder + "\"");
					}
				}
			});
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

		/** A JSON array of objects sorted by a field; anything else as it is. */
		private static String sortedArray(String json, String field) {
			JsonNode array;
			try {
				array = JSON.readTree(json);
			}
			catch (JacksonException ex) {
				return json;
			}
			if (!array.isArray()) {
				return json;
			}
			List<JsonNode> elements = new ArrayList<>(array.values());
			elements.sort(Comparator.comparing((element) -> element.path(field).asString("")));
			ArrayNode sorted = JSON.createArrayNode();
			elements.forEach(sorted::add);
			return JSON.writeValueAsString(sorted);
		}

		private JsonNode value(String key, Object value) {
			if (this.rules.isId(key)) {
				return JSON.valueToTree(this.placeholders.get(key).get(String.valueOf(value)));
			}
			String sortField = this.rules.sortField(key);
			if (sortField != null && value instanceof String text) {
				value = sortedArray(text, sortField);
			}
			if (value instanceof String text && text.indexOf('"') >= 0) {
				// Content is JSON text: ids quoted in it are replaced like the ids themselves.
				for (Map.Entry<String, String> id : this.quotedIds.entrySet()) {
					text = text.replace(id.getKey(), id.getValue());
				}
				return JSON.valueToTree(text);
			}
			return JSON.valueToTree(value);
		}

	}

}
