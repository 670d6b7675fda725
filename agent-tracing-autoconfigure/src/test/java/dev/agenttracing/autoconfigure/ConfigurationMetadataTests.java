package dev.agenttracing.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code agent-tracing.*} property has IDE metadata with a description, so that
 * users see what it does where they type it.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyHasADescription() throws Exception {
		Map<String, Object> metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readValue(in, Map.class);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("agent-tracing.enabled", "agent-tracing.run.refusal-exceptions", "agent-tracing.run.mdc-key",
					"agent-tracing.spans.framework-spans");
		assertThat(properties).allSatisfy((property) -> {
			// The processor also describes the 'agentruns' actuator endpoint's own settings.
			assertThat((String) property.get("name")).matches("(agent-tracing|management\\.endpoint\\.agentruns)\\..+");
			assertThat((String) property.get("description")).as("description of %s", property.get("name"))
				.isNotBlank();
		});
		assertThat(properties).filteredOn((property) -> "agent-tracing.enabled".equals(property.get("name")))
			.singleElement()
			.satisfies((property) -> assertThat(property.get("defaultValue")).isEqualTo(true));
	}

}
