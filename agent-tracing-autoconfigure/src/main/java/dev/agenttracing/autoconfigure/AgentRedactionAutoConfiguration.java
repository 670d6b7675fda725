package dev.agenttracing.autoconfigure;

import dev.agenttracing.capture.ContentCapture;
import dev.agenttracing.redaction.DefaultRedactor;
import dev.agenttracing.redaction.RedactionConfig;
import dev.agenttracing.redaction.Redactor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link Redactor} that every captured value and the export
 * safety net go through. Declare your own {@code Redactor} bean to replace it; to extend
 * it, build on the default:
 * {@code DefaultRedactor.create(config).andThen(myRedactor)}.
 */
@AutoConfiguration
@ConditionalOnClass({ ContentCapture.class, com.google.re2j.Pattern.class })
@ConditionalOnBooleanProperty(name = "agent-tracing.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AgentTracingProperties.class)
public final class AgentRedactionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedactionConfig agentRedactionConfig(AgentTracingProperties properties) {
		return properties.getRedaction().toConfig();
	}

	@Bean
	@ConditionalOnMissingBean
	Redactor agentRedactor(RedactionConfig config) {
		return DefaultRedactor.create(config);
	}

}
