package dev.agenttracing.propagation;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Spring Kafka and Spring AMQP are on the class path, their observations are on by
 * default, so that their spans join the agent's trace; and Boot's executors and Reactor
 * carry the context. No broker is needed: the templates only connect when they send.
 */
class PropagationDefaultsTests {

	@Test
	void kafkaAndRabbitObservationsAreSwitchedOn() {
		try (ConfigurableApplicationContext context = run()) {
			KafkaProperties kafka = context.getBean(KafkaProperties.class);
			assertThat(kafka.getTemplate().isObservationEnabled()).isTrue();
			assertThat(kafka.getListener().isObservationEnabled()).isTrue();
			RabbitProperties rabbit = context.getBean(RabbitProperties.class);
			assertThat(rabbit.getTemplate().isObservationEnabled()).isTrue();
			assertThat(rabbit.getListener().getSimple().isObservationEnabled()).isTrue();
			assertThat(rabbit.getListener().getDirect().isObservationEnabled()).isTrue();
			assertThat(context.getBean(org.springframework.kafka.core.KafkaTemplate.class)).extracting("observationEnabled")
				.isEqualTo(true);
		}
	}

	@Test
	void executorsAndReactorCarryTheContext() {
		try (ConfigurableApplicationContext context = run()) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("spring.task.execution.propagate-context")).isEqualTo("true");
			assertThat(environment.getProperty("spring.reactor.context-propagation")).isEqualTo("auto");
			assertThat(context.getBeansOfType(org.springframework.core.task.support.ContextPropagatingTaskDecorator.class))
				.hasSize(1);
		}
	}

	@Test
	void anExplicitSettingOfTheApplicationWins() {
		try (ConfigurableApplicationContext context = run("spring.kafka.template.observation-enabled=false",
				"spring.reactor.context-propagation=limited")) {
			assertThat(context.getBean(KafkaProperties.class).getTemplate().isObservationEnabled()).isFalse();
			assertThat(context.getBean(KafkaProperties.class).getListener().isObservationEnabled()).isTrue();
			assertThat(context.getEnvironment().getProperty("spring.reactor.context-propagation")).isEqualTo("limited");
		}
	}

	@Test
	void theSwitchesTurnTheDefaultsOff() {
		try (ConfigurableApplicationContext context = run("agent-tracing.propagation.messaging-observations=false",
				"agent-tracing.propagation.task-executors=false")) {
			assertThat(context.getBean(KafkaProperties.class).getTemplate().isObservationEnabled()).isFalse();
			assertThat(context.getBean(RabbitProperties.class).getTemplate().isObservationEnabled()).isFalse();
			assertThat(context.getEnvironment().getProperty("spring.task.execution.propagate-context")).isNull();
			assertThat(context.getEnvironment().getProperty("spring.reactor.context-propagation")).isEqualTo("auto");
		}
		try (ConfigurableApplicationContext context = run("agent-tracing.propagation.enabled=false")) {
			assertThat(context.getBean(KafkaProperties.class).getTemplate().isObservationEnabled()).isFalse();
			assertThat(context.getEnvironment().getProperty("spring.reactor.context-propagation")).isNull();
		}
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
			.properties(HttpPropagationTests.PROPERTIES)
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Empty {

	}

}
