package dev.agenttracing.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.benchmarks.app.ObservedSupportAgent;
import dev.agenttracing.benchmarks.app.ScriptedAgentModel;
import dev.agenttracing.benchmarks.app.SupportAgent;
import dev.agenttracing.benchmarks.app.SupportAgent.Ticket;
import dev.agenttracing.benchmarks.app.SupportTools;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A minimal Spring Boot application with Spring AI: a {@code ChatClient} agent with three
 * tools on the scripted model. Started once per VM by {@link StartupTime}, with or
 * without the starter on its class path; it prints how long it took and exits. It names
 * no class of the starter or of OpenTelemetry, so that it runs without them.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StartupApplication {

	/** The line prefix {@link StartupTime} reads. */
	static final String RESULT = "startup-result ";

	@Bean
	ScriptedAgentModel scriptedAgentModel(ObjectProvider<ObservationRegistry> registry) {
		return new ScriptedAgentModel(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	SupportTools supportTools() {
		return new SupportTools();
	}

	@Bean
	ObservedSupportAgent supportAgent(ChatClient.Builder chatClient, SupportTools tools) {
		return new ObservedSupportAgent(chatClient.build(), tools);
	}

	/**
	 * Start, make one run, print the timings as JSON, stop.
	 * @param args properties, {@code key=value}
	 */
	public static void main(String[] args) {
		long start = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StartupApplication.class)
			.properties(args)
			.run();
		long started = System.nanoTime();
		long uptimeAtReady = ManagementFactory.getRuntimeMXBean().getUptime();
		long cpuAtReady = processCpuNanos();
		context.getBean(SupportAgent.class).handle(new Ticket("cust-7", "high", "Was I charged twice?"), "conv-1",
				"sess-1");
		long firstRun = System.nanoTime() - started;
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("readyMillis", uptimeAtReady);
		result.put("runMillis", (started - start) / 1_000_000);
		result.put("cpuMillisAtReady", cpuAtReady / 1_000_000);
		result.put("firstAgentRunMillis", firstRun / 1_000_000);
		result.put("beans", context.getBeanDefinitionCount());
		System.out.println(RESULT + JsonMapper.builder().build().writeValueAsString(result));
		context.close();
		System.exit(0);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
