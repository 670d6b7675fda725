package dev.agenttracing.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.trace.SdkTracerProvider;

import dev.agenttracing.benchmarks.app.BenchmarkApplication;
import dev.agenttracing.benchmarks.app.ScenarioConfigurations;
import dev.agenttracing.benchmarks.app.SpanCounters;
import dev.agenttracing.benchmarks.app.SupportAgent;
import dev.agenttracing.benchmarks.app.SupportAgent.Ticket;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One scenario's way of running an agent: a Spring Boot application with the scenario's
 * configuration and properties, or the bare SDK floor.
 */
public interface AgentRunner extends AutoCloseable {

	/** The ticket every run handles: realistic length, with an e-mail, a phone and a card. */
	Ticket TICKET = new Ticket("cust-7", "high",
			"Hi, I'm on the pro plan (customer c-42) and I was charged twice this month, 49 EUR each time, "
					+ "on my card 4111 1111 1111 1111. Could you check what the pro plan costs in EUR and open a "
					+ "billing ticket for the refund? You can reach me at jane.doe@example.com or on "
					+ "+44 20 7946 0958 after 5pm. Thanks, Jane");

	/**
	 * Run the agent once.
	 * @return its answer
	 */
	String run();

	/** Counts of started and exported spans. */
	SpanCounters counters();

	/** Export every span ended so far. */
	void flush();

	@Override
	void close();

	/**
	 * Start the runner of a scenario.
	 * @param scenario the scenario
	 * @param extraProperties properties added to the scenario's
	 * @param exportConfiguration how spans leave, {@code null} for the counting exporter
	 * @return the runner
	 */
	static AgentRunner start(AgentRunScenario scenario, List<String> extraProperties, Class<?> exportConfiguration) {
		if (!scenario.isSpringBoot()) {
			return new SdkFloor();
		}
		List<Class<?>> sources = new ArrayList<>();
		sources.add(BenchmarkApplication.class);
		sources.addAll(scenario.configurations());
		sources.add((exportConfiguration != null) ? exportConfiguration : ScenarioConfigurations.NoOpExport.class);
		List<String> properties = new ArrayList<>(scenario.properties());
		properties.addAll(extraProperties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.properties(properties.toArray(String[]::new))
			.run();
		return new BootRunner(context);
	}

	/** The agent of a Spring Boot application. */
	final class BootRunner implements AgentRunner {

		private final ConfigurableApplicationContext context;

		private final SupportAgent agent;

		private final SpanCounters counters;

		BootRunner(ConfigurableApplicationContext context) {
			this.context = context;
			this.agent = context.getBean(SupportAgent.class);
			this.counters = context.getBean(SpanCounters.class);
		}

		@Override
		public String run() {
			return this.agent.handle(TICKET, "conv-1", "sess-1");
		}

		@Override
		public SpanCounters counters() {
			return this.counters;
		}

		@Override
		public void flush() {
			this.context.getBeanProvider(SdkTracerProvider.class)
				.ifAvailable((provider) -> provider.forceFlush().join(30, TimeUnit.SECONDS));
		}

		@Override
		public void close() {
			this.context.close();
		}

		public ConfigurableApplicationContext context() {
			return this.context;
		}

	}

}
