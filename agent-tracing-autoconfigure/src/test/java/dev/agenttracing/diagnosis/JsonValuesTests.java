package dev.agenttracing.diagnosis;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Empty tool results, canonical arguments, cut JSON.
 */
class JsonValuesTests {

	@Test
	void emptyResultsInEveryShapeAreEmpty() {
		for (String empty : new String[] { null, "", "  ", "{}", "[]", "null", "\"\"", "{\"items\":[],\"next\":null}",
				"{\"a\":{\"b\":[{}]}}", "No results found.", "not found", "N/A", "[\"\", \" \"]" }) {
			assertThat(JsonValues.isEmptyText(empty)).as(String.valueOf(empty)).isTrue();
		}
	}

	@Test
	void nearMissesAreNotEmpty() {
		for (String value : new String[] { "0", "false", "{\"count\":0}", "{\"enabled\":false}",
				"{\"status\":\"none\",\"id\":\"c-1\"}", "none", "[\"a\"]", "Done", "{\"note\":\"no results\"}",
				"No results for JPY, but EUR is 45.00" }) {
			assertThat(JsonValues.isEmptyText(value)).as(value).isFalse();
		}
	}

	@Test
	void emptyReturnValuesOfToolMethodsAreEmptyAndNullIsNotJudged() {
		assertThat(JsonValues.isEmptyObject(List.of())).isTrue();
		assertThat(JsonValues.isEmptyObject(Map.of())).isTrue();
		assertThat(JsonValues.isEmptyObject(Optional.empty())).isTrue();
		assertThat(JsonValues.isEmptyObject(new int[0])).isTrue();
		assertThat(JsonValues.isEmptyObject("{}")).isTrue();
		assertThat(JsonValues.isEmptyObject(null)).isFalse();
		assertThat(JsonValues.isEmptyObject(0)).isFalse();
		assertThat(JsonValues.isEmptyObject(List.of("a"))).isFalse();
	}

	@Test
	void equalArgumentsHaveOneCanonicalForm() {
		assertThat(JsonValues.canonical("{\"plan\":\"pro\",\"n\":1.0}"))
			.isEqualTo(JsonValues.canonical(" { \"n\": 1, \"plan\": \"pro\" } "))
			.isEqualTo("{\"n\":1,\"plan\":\"pro\"}");
		assertThat(JsonValues.canonical("{\"plan\":\"pro\"}")).isNotEqualTo(JsonValues.canonical("{\"plan\":\"basic\"}"));
		assertThat(JsonValues.canonical(Map.of("b", 2, "a", 1))).isEqualTo(JsonValues.canonical(Map.of("a", 1, "b", 2)));
	}

	@Test
	void cutArgumentsAreNotValidJson() {
		assertThat(JsonValues.isValidJson("{\"plan\":\"pro\",\"curr")).isFalse();
		assertThat(JsonValues.isValidJson("{\"query\":\"how do exp")).isFalse();
		assertThat(JsonValues.isValidJson("{\"plan\":\"pro\"}")).isTrue();
		assertThat(JsonValues.isValidJson("")).isTrue();
	}

}
