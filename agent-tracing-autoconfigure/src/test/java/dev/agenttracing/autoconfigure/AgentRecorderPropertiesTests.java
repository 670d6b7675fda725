package dev.agenttracing.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.recorder.FlightRecorderLimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The recorder's properties: IDE metadata with their defaults, and defaults that are the
 * recorder's own.
 */
class AgentRecorderPropertiesTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyRecorderPropertyHasMetadataWithItsDefault() throws Exception {
		Map<String, Object> metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readValue(in, Map.class);
		}
		Map<String, Object> defaults = ((List<Map<String, Object>>) metadata.get("properties")).stream()
			.filter((property) -> ((String) property.get("name")).startsWith("agent-tracing.recorder."))
			.collect(Collectors.toMap((property) -> (String) property.get("name"),
					(property) -> property.get("defaultValue")));

		assertThat(defaults).containsOnly(entry("agent-tracing.recorder.enabled", true),
				entry("agent-tracing.recorder.max-successful-runs", 50),
				entry("agent-tracing.recorder.max-failed-runs", 200),
				entry("agent-tracing.recorder.max-pending-traces", 100),
				entry("agent-tracing.recorder.max-spans-per-run", 256),
				entry("agent-tracing.recorder.max-run-size", "256KB"),
				entry("agent-tracing.recorder.max-value-length", 16384),
				entry("agent-tracing.recorder.viewer.enabled", false));
	}

	@Test
	void theDefaultPropertiesAreTheRecordersDefaultLimits() {
		assertThat(new AgentRecorderProperties().toLimits()).isEqualTo(FlightRecorderLimits.defaults());
	}

}
