package dev.agenttracing.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend configurations users copy from {@code config/}: they cannot be run here (no
 * Docker), so they are parsed and cross-checked: the Collector's pipeline only uses
 * components it defines and forwards to the Jaeger and Tempo services of the compose file,
 * every file the compose file mounts exists, Grafana's data source points at Tempo's port,
 * and every property of {@code application-backends.yml} is one Spring Boot (or
 * agent-tracing) knows.
 */
class BackendConfigFilesTests {

	private static final Path CONFIG = Path.of(System.getProperty("conformance.config-dir", "../config"));

	@Test
	void collectorPipelineSendsOtlpThroughABatchToJaegerAndTempo() throws IOException {
		Map<String, Object> collector = load("otel-collector.yaml");
		Map<String, Object> pipelines = map(map(collector, "service"), "pipelines");
		Map<String, Object> traces = map(pipelines, "traces");

		assertThat(pipelines).containsOnlyKeys("traces");
		for (String kind : List.of("receivers", "processors", "exporters")) {
			assertThat(map(collector, kind).keySet()).as("defined %s", kind).containsAll(strings(traces, kind));
		}
		assertThat(strings(traces, "receivers")).containsExactly("otlp");
		assertThat(map(map(map(collector, "receivers"), "otlp"), "protocols")).containsOnlyKeys("grpc", "http");
		assertThat(strings(traces, "processors")).last().isEqualTo("batch");
		Map<String, Object> exporters = map(collector, "exporters");
		assertThat(strings(traces, "exporters")).map((name) -> (String) map(exporters, name).get("endpoint"))
			.containsExactlyInAnyOrder("jaeger:4317", "tempo:4317");
		assertThat(map(collector, "extensions").keySet()).containsAll(strings(map(collector, "service"), "extensions"));
	}

	@Test
	void composeRunsTheCollectorJaegerTempoAndGrafanaFromFilesThatExist() throws IOException {
		Map<String, Object> services = map(load("compose.yaml"), "services");

		assertThat(services).containsKeys("otel-collector", "jaeger", "tempo", "grafana");
		for (Map.Entry<String, Object> service : services.entrySet()) {
			@SuppressWarnings("unchecked")
			Map<String, Object> definition = (Map<String, Object>) service.getValue();
			assertThat((String) definition.get("image")).as("image of %s", service.getKey()).matches(".+:\\d[\\w.]*");
			for (Object volume : (List<?>) definition.getOrDefault("volumes", List.of())) {
				String source = volume.toString().split(":")[0];
				if (source.startsWith("./")) {
					assertThat(CONFIG.resolve(source)).as("mounted by %s", service.getKey()).isRegularFile();
				}
			}
		}
		assertThat(strings(map(services, "otel-collector"), "volumes"))
			.anyMatch((volume) -> volume.startsWith("./otel-collector.yaml:"));
		assertThat(strings(map(services, "otel-collector"), "ports")).contains("4317:4317", "4318:4318");
		assertThat(strings(map(services, "jaeger"), "ports")).contains("16686:16686");
		assertThat(strings(map(services, "grafana"), "ports")).contains("3000:3000");
	}

	@Test
	void grafanaShowsTempoOnThePortTempoListensOn() throws IOException {
		Map<String, Object> tempo = load("tempo.yaml");
		int httpPort = (Integer) map(tempo, "server").get("http_listen_port");
		String otlpGrpc = (String) map(map(map(map(map(tempo, "distributor"), "receivers"), "otlp"), "protocols"), "grpc")
			.get("endpoint");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> datasources = (List<Map<String, Object>>) load("grafana/datasources.yaml")
			.get("datasources");

		assertThat(otlpGrpc).endsWith(":4317");
		assertThat(datasources).filteredOn((datasource) -> "tempo".equals(datasource.get("type")))
			.singleElement()
			.satisfies((datasource) -> {
				assertThat(datasource.get("url")).isEqualTo("http://tempo:" + httpPort);
				assertThat(datasource.get("isDefault")).isEqualTo(true);
			});
	}

	@Test
	void everyApplicationPropertyIsOneSpringBootKnows() throws IOException {
		Set<String> known = new TreeSet<>();
		Set<String> maps = new TreeSet<>();
		readMetadata(known, maps);
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(CONFIG.resolve("application-backends.yml"))) {
			for (Object document : yaml().loadAll(reader)) {
				@SuppressWarnings("unchecked")
				Map<String, Object> map = (Map<String, Object>) document;
				documents.add(map);
			}
		}

		assertThat(documents).hasSizeGreaterThanOrEqualTo(5);
		List<String> unknown = new ArrayList<>();
		Map<String, String> transports = new LinkedHashMap<>();
		for (Map<String, Object> document : documents) {
			Map<String, Object> flat = new LinkedHashMap<>();
			flatten("", document, flat);
			flat.forEach((key, value) -> {
				if (!known.contains(key) && maps.stream().noneMatch((map) -> key.startsWith(map + "."))) {
					unknown.add(key);
				}
				if (key.equals("management.opentelemetry.tracing.export.otlp.transport")) {
					transports.put(String.valueOf(flat.get("spring.config.activate.on-profile")), value.toString());
				}
			});
		}
		assertThat(unknown).as("properties no metadata describes").isEmpty();
		assertThat(transports).containsOnlyKeys("collector", "otlp-http", "honeycomb", "datadog")
			.allSatisfy((profile, transport) -> assertThat(transport).isIn("grpc", "http"));
	}

	private static void readMetadata(Set<String> known, Set<String> maps) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		Enumeration<URL> resources = BackendConfigFilesTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (resources.hasMoreElements()) {
			try (InputStream in = resources.nextElement().openStream()) {
				JsonNode properties = json.readTree(in).path("properties");
				for (JsonNode property : properties) {
					String name = property.path("name").asString();
					known.add(name);
					if (property.path("type").asString().startsWith("java.util.Map")) {
						maps.add(name);
					}
				}
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> flat) {
		map.forEach((key, value) -> {
			String path = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map<?, ?> nested) {
				flatten(path, (Map<String, Object>) nested, flat);
			}
			else {
				flat.put(path, value);
			}
		});
	}

	private static Map<String, Object> load(String file) throws IOException {
		try (Reader reader = Files.newBufferedReader(CONFIG.resolve(file), StandardCharsets.UTF_8)) {
			return yaml().load(reader);
		}
	}

	private static Yaml yaml() {
		return new Yaml(new SafeConstructor(new LoaderOptions()));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> map, String key) {
		Object value = map.get(key);
		assertThat(value).as("'%s' in %s", key, map.keySet()).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static List<String> strings(Map<String, Object> map, String key) {
		Object value = map.get(key);
		assertThat(value).as("'%s' in %s", key, map.keySet()).isInstanceOf(List.class);
		return ((List<?>) value).stream().map(Object::toString).toList();
	}

}
