package dev.agenttracing.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import dev.agenttracing.run.AgentRuns;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * An {@link AgentRuns} that does nothing, for applications where agent-tracing is
 * switched off ({@code agent-tracing.enabled=false}) or has no observation registry to
 * work with: code written like the Quick start still injects {@code AgentRuns}, and every
 * call is a no-op (reads are empty, writes return {@code false}).
 */
@AutoConfiguration(after = AgentTracingAutoConfiguration.class)
public final class AgentRunsFallbackAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AgentRuns agentRuns() {
		return new AgentRuns(ObservationRegistry.NOOP);
	}

}
