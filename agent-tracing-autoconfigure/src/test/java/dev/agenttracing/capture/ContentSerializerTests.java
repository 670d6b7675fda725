package dev.agenttracing.capture;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serializing tool arguments and results never fails the tool and never consumes them.
 */
class ContentSerializerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ContentSerializer serializer = ContentSerializer.create(10_000);

	@Test
	void recordsMapsCollectionsAndDatesBecomeJson() {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("city", "Paris");
		arguments.put("days", List.of(1, 2));
		arguments.put("when", LocalDate.of(2026, 3, 1));
		arguments.put("unit", Optional.of("celsius"));

		assertThat(parse(this.serializer.toJson(new Forecast("Paris", 21.5, arguments))))
			.isEqualTo(parse("{\"city\":\"Paris\",\"temperature\":21.5,\"arguments\":{\"city\":\"Paris\","
					+ "\"days\":[1,2],\"when\":\"2026-03-01\",\"unit\":\"celsius\"}}"));
		assertThat(this.serializer.toJson(null)).isEqualTo("null");
		assertThat(this.serializer.toJson("plain \"text\"")).isEqualTo("\"plain \\\"text\\\"\"");
		assertThat(this.serializer.toJson(new Object())).isEqualTo("{}");
	}

	@Test
	void streamsIteratorsFuturesAndPublishersAreNotConsumed() {
		AtomicInteger pulled = new AtomicInteger();
		Stream<Integer> stream = Stream.of(1, 2, 3).peek((i) -> pulled.incrementAndGet());
		Iterator<String> iterator = List.of("a").iterator();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("stream", stream);
		result.put("iterator", iterator);
		result.put("input", new ByteArrayInputStream(new byte[] { 1 }));
		result.put("future", new CompletableFuture<String>());
		result.put("flux", Flux.just(1).doOnNext((i) -> pulled.incrementAndGet()));

		JsonNode json = parse(this.serializer.toJson(result));

		assertThat(json.get("stream").asString()).startsWith("[not captured: java.util.stream.");
		assertThat(json.get("iterator").asString()).startsWith("[not captured: ");
		assertThat(json.get("input").asString()).isEqualTo("[not captured: java.io.ByteArrayInputStream]");
		assertThat(json.get("future").asString()).isEqualTo("[not captured: java.util.concurrent.CompletableFuture]");
		assertThat(json.get("flux").asString()).startsWith("[not captured: reactor.core.publisher.");
		assertThat(pulled).hasValue(0);
		assertThat(iterator.hasNext()).isTrue();
		assertThat(stream.count()).isEqualTo(3);
	}

	@Test
	void cyclicGraphsGiveTheirDescriptionInsteadOfFailing() {
		Node first = new Node("first");
		Node second = new Node("second");
		first.next = second;
		second.next = first;
		List<Object> selfContaining = new ArrayList<>();
		selfContaining.add(selfContaining);

		assertThat(parse(this.serializer.toJson(first)).asString()).isEqualTo("Node first");
		parse(this.serializer.toJson(selfContaining));
	}

	@Test
	void failingGettersFallBackToToStringAndFailingToStringToAPlaceholder() {
		assertThat(parse(this.serializer.toJson(new FailingGetter())).asString()).isEqualTo("failing getter");
		assertThat(parse(this.serializer.toJson(new FailingEverything())).asString())
			.isEqualTo("[not captured: " + FailingEverything.class.getName() + "]");
	}

	@Test
	void largeValuesAreStoppedAtTheLimitAndClosedIntoValidJson() {
		ContentSerializer serializer = ContentSerializer.create(1_000);
		List<Map<String, String>> rows = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			rows.add(Map.of("name", "row " + i));
		}

		String json = serializer.toJson(Map.of("rows", rows));

		assertThat(json.length()).isLessThanOrEqualTo(1_000);
		JsonNode tree = parse(json);
		assertThat(tree.get("rows").get(0).get("name").asString()).isEqualTo("row 0");
		assertThat(tree.get("rows").get(tree.get("rows").size() - 1).asString()).isEqualTo("[truncated]");
	}

	private static JsonNode parse(String json) {
		return JSON.readTree(json);
	}

	record Forecast(String city, double temperature, Map<String, Object> arguments) {
	}

	static final class Node {

		private final String name;

		Node next;

		Node(String name) {
			this.name = name;
		}

		public String getName() {
			return this.name;
		}

		public Node getNext() {
			return this.next;
		}

		@Override
		public String toString() {
			return "Node " + this.name;
		}

	}

	static final class FailingGetter {

		public String getValue() {
			throw new IllegalStateException("not loaded");
		}

		@Override
		public String toString() {
			return "failing getter";
		}

	}

	static final class FailingEverything {

		public String getValue() {
			throw new IllegalStateException("not loaded");
		}

		@Override
		public String toString() {
			throw new IllegalStateException("no description either");
		}

	}

}
