package dev.agenttracing.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.agenttracing.redaction.DefaultRedactor;
import dev.agenttracing.redaction.RedactionConfig;
import dev.agenttracing.redaction.RedactionResult;
import dev.agenttracing.redaction.Redactor;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redactor: the default from properties, replaced or extended by the user's own.
 */
class AgentRedactionAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AgentRedactionAutoConfiguration.class));

	@Test
	void defaultRedactorFollowsTheProperties() {
		this.runner
			.withPropertyValues("agent-tracing.redaction.detectors.email=false",
					"agent-tracing.redaction.custom-patterns.order_id=ORD-\\d{4}")
			.run((context) -> {
				Redactor redactor = context.getBean(Redactor.class);
				RedactionResult result = redactor.redactText("jane@example.com asked about ORD-5512");
				assertThat(result.value()).isEqualTo("jane@example.com asked about [REDACTED:order_id]");
				assertThat(result.total()).isEqualTo(1);
			});
	}

	@Test
	void usersRedactorReplacesTheDefaultAndCanExtendIt() {
		this.runner.withUserConfiguration(ExtendingRedactor.class).run((context) -> {
			assertThat(context).hasSingleBean(Redactor.class);
			RedactionResult result = context.getBean(Redactor.class)
				.redactText("jane@example.com, account ACME-778899");
			assertThat(result.value()).isEqualTo("[REDACTED:email], account [REDACTED:account]");
			assertThat(result.total()).isEqualTo(2);
		});
	}

	@Test
	void switchedOffWithEverythingElse() {
		this.runner.withPropertyValues("agent-tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Redactor.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ExtendingRedactor {

		@Bean
		Redactor myRedactor(RedactionConfig config) {
			Redactor accounts = DefaultRedactor
				.create(RedactionConfig.builder().customPattern("account", "ACME-\\d{6}").build());
			return DefaultRedactor.create(config).andThen(accounts);
		}

	}

}
