package dev.agenttracing.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.budget.Budget;
import dev.agenttracing.sampling.SamplingMetrics;
import dev.agenttracing.sampling.SamplingStats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard in {@code config/} queries series that exist: every metric name in
 * its PromQL is in a real Prometheus scrape of the meters agent-tracing records.
 */
class GrafanaDashboardTests {

	private static final Pattern SERIES = Pattern.compile("\\b(gen_ai_[a-z_]+|agent_[a-z_]+)(?=[{\\[])");

	@Test
	void everySeriesTheDashboardQueriesIsScraped() throws Exception {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		GenAiMeters meters = new GenAiMeters(registry);
		meters.modelCall("chat", "openai", "gpt-4o", "gpt-4o-2024", null, 0.3, 100L, 20L);
		meters.toolCall("lookupPricing", "function", "support-router", "java.lang.IllegalStateException", 0.01);
		meters.run("support-router", "success", null, 1.2, 2, 1);
		meters.exceeded("support-router", Budget.TOTAL_TOKENS);
		new SamplingMetrics(new SamplingStats()).bindTo(registry);
		String scrape = registry.scrape();

		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("..", "config", "grafana", "agent-tracing-dashboard.json")));
		Set<String> queried = new LinkedHashSet<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				Matcher matcher = SERIES.matcher(target.get("expr").asString());
				while (matcher.find()) {
					queried.add(matcher.group(1));
				}
			}
		}
		assertThat(queried).hasSizeGreaterThanOrEqualTo(8);
		assertThat(queried).allSatisfy((series) -> assertThat(scrape).as("series %s", series)
			.containsPattern("(?m)^" + series + "[{ ]"));
	}

}
