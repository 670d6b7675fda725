package dev.agenttracing.test;

import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class AgentTracingTestAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AgentTracingTestAutoConfiguration.class));

	@Test
	void tracesAndTheirSpanProcessorAreBeans() {
		this.runner.run((context) -> assertThat(context.getBean("agentTracesSpanProcessor", SpanProcessor.class))
			.isSameAs(context.getBean(AgentTraces.class).spanProcessor()));
	}

	@Test
	void tracesBackOffForTheUsersOwn() {
		AgentTraces own = new AgentTraces();
		this.runner.withBean(AgentTraces.class, () -> own)
			.run((context) -> assertThat(context.getBean("agentTracesSpanProcessor", SpanProcessor.class))
				.isSameAs(own.spanProcessor()));
	}

}
