package dev.agenttracing.propagation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.util.ClassUtils;

/**
 * Switches on, by default, what a Boot application needs for one trace across threads,
 * streams and brokers: context propagation on Boot's task executors and in Reactor
 * pipelines, and the observation support of Spring Kafka and Spring AMQP where they are
 * present. The defaults are added last, so any setting of the application wins; each
 * group has its own {@code agent-tracing.propagation.*} switch.
 */
public final class PropagationDefaults implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source that holds the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "agentTracingPropagationDefaults";

	/** Run after the application's configuration files are loaded, to read its settings. */
	private static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private static final String KAFKA_TEMPLATE = "org.springframework.kafka.core.KafkaTemplate";

	private static final String RABBIT_TEMPLATE = "org.springframework.amqp.rabbit.core.RabbitTemplate";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!enabled(environment, "agent-tracing.enabled") || !enabled(environment, "agent-tracing.propagation.enabled")) {
			return;
		}
		ClassLoader classLoader = (application.getClassLoader() != null) ? application.getClassLoader()
				: getClass().getClassLoader();
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (enabled(environment, "agent-tracing.propagation.task-executors")) {
			defaults.put("spring.task.execution.propagate-context", "true");
		}
		if (enabled(environment, "agent-tracing.propagation.reactor-auto-context")) {
			defaults.put("spring.reactor.context-propagation", "auto");
		}
		if (enabled(environment, "agent-tracing.propagation.messaging-observations")) {
			if (ClassUtils.isPresent(KAFKA_TEMPLATE, classLoader)) {
				defaults.put("spring.kafka.template.observation-enabled", "true");
				defaults.put("spring.kafka.listener.observation-enabled", "true");
			}
			if (ClassUtils.isPresent(RABBIT_TEMPLATE, classLoader)) {
				defaults.put("spring.rabbitmq.template.observation-enabled", "true");
				defaults.put("spring.rabbitmq.listener.simple.observation-enabled", "true");
				defaults.put("spring.rabbitmq.listener.direct.observation-enabled", "true");
				defaults.put("spring.rabbitmq.listener.stream.observation-enabled", "true");
			}
		}
		// Anything the application says wins, its own default properties included (Boot
		// keeps those last, so a lower property source cannot be had: leave such keys out).
		defaults.keySet().removeIf(environment::containsProperty);
		MutablePropertySources sources = environment.getPropertySources();
		if (!defaults.isEmpty() && !sources.contains(PROPERTY_SOURCE_NAME)) {
			sources.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private static boolean enabled(ConfigurableEnvironment environment, String property) {
		return environment.getProperty(property, Boolean.class, true);
	}

}
