package dev.agenttracing.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.agenttracing.benchmarks.app.BenchmarkApplication;
import dev.agenttracing.benchmarks.app.ScenarioConfigurations;

/**
 * The ways an agent run is traced, compared in one JMH run. Every scenario but the SDK
 * floor runs the same agent in a Spring Boot application started with its own
 * properties; spans go to an exporter that counts and drops them.
 */
public enum AgentRunScenario {

	/** No tracing at all: Spring AI and the starter see {@code ObservationRegistry.NOOP}. */
	NO_TRACING("1", "no tracing (ObservationRegistry.NOOP)", true,
			List.of(ScenarioConfigurations.ObservedAgent.class, ScenarioConfigurations.NoObservations.class),
			"agent-tracing.enabled=false"),

	/** The same spans and attributes written by hand with the OpenTelemetry API. */
	HAND_WRITTEN("2", "hand-written OpenTelemetry spans", true,
			List.of(ScenarioConfigurations.HandTracedAgent.class, ScenarioConfigurations.NoObservations.class),
			"agent-tracing.enabled=false"),

	/** Spring AI's own observations with Boot's tracing, the starter switched off. */
	SPRING_AI_OBSERVATIONS("3", "Spring AI observations + Boot tracing, no starter", true,
			List.of(ScenarioConfigurations.ObservedAgent.class), "agent-tracing.enabled=false"),

	/** The starter with its defaults (tail sampling keeping every success at probability 1.0). */
	STARTER("4", "starter, defaults", true, List.of(ScenarioConfigurations.ObservedAgent.class)),

	/** The starter capturing content, every value through the default redactor. */
	STARTER_CONTENT("5", "starter, content capture + redaction", true,
			List.of(ScenarioConfigurations.ObservedAgent.class), "agent-tracing.capture.enabled=true"),

	/** The starter keeping 10% of successful runs. */
	STARTER_SAMPLED("6", "starter, tail sampling 10%", true, List.of(ScenarioConfigurations.ObservedAgent.class),
			"agent-tracing.sampling.success-ratio=0.1"),

	/** The floor: the same number of bare SDK spans with the same attributes, no agent. */
	SDK_FLOOR("7", "SDK floor: bare spans, no agent", false, List.of()),

	/**
	 * Not a target: the starter with its defaults but the diagnosis switched off, to weigh
	 * the detectors (4 over 4d, at most 1.10).
	 */
	STARTER_NO_DIAGNOSIS("4d", "starter, defaults, diagnosis off", true,
			List.of(ScenarioConfigurations.ObservedAgent.class), "agent-tracing.diagnosis.enabled=false"),

	/** Not a target: the starter as a user gets it, Boot's Micrometer metrics recorded too. */
	STARTER_WITH_METRICS("4m", "starter, defaults, with Micrometer metrics", false,
			List.of(ScenarioConfigurations.ObservedAgent.class), "management.otlp.metrics.export.enabled=false");

	/**
	 * Micrometer's metrics are left out of the compared scenarios: a hand-written team
	 * records none, and the question is what tracing costs. {@link #STARTER_WITH_METRICS}
	 * shows what they add.
	 */
	private static final String WITHOUT_METRICS = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration,"
			+ "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration,"
			+ "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration,"
			+ "org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration";

	private static final List<String> COMMON = List.of("spring.main.banner-mode=off",
			"spring.main.web-application-type=none", "logging.level.root=WARN",
			"management.tracing.sampling.probability=1.0");

	private final String label;

	private final String description;

	private final boolean withoutMetrics;

	private final List<Class<?>> configurations;

	private final List<String> properties;

	AgentRunScenario(String label, String description, boolean withoutMetrics, List<Class<?>> configurations,
			String... properties) {
		this.label = label;
		this.description = description;
		this.withoutMetrics = withoutMetrics;
		this.configurations = configurations;
		this.properties = List.of(properties);
	}

	/** The scenario's number in the issue and in the report. */
	public String label() {
		return this.label;
	}

	public String description() {
		return this.description;
	}

	/** Whether the scenario runs in a Spring Boot application. */
	public boolean isSpringBoot() {
		return this != SDK_FLOOR;
	}

	/** The configurations added to {@link BenchmarkApplication}. */
	public List<Class<?>> configurations() {
		return this.configurations;
	}

	/** The application's properties. */
	public List<String> properties() {
		List<String> all = new ArrayList<>(COMMON);
		if (this.withoutMetrics) {
			all.add(WITHOUT_METRICS);
		}
		all.addAll(this.properties);
		return all;
	}

}
