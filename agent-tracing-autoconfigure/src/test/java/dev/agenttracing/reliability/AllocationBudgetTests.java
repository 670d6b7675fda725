package dev.agenttracing.reliability;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.Test;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.ConversationId;
import dev.agenttracing.run.SessionId;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.support.TracedAgentApplication;
import dev.agenttracing.support.TracedAgentApplication.Ticket;
import dev.agenttracing.tool.AgentTool;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.ScriptedChatModel.call;
import static dev.agenttracing.support.ScriptedChatModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the heap allocation the starter adds to one agent run, so that a regression fails the
 * build. Counted in bytes by the JVM ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes},
 * every live thread, so work moved off the calling thread is still counted), never timed.
 * <p>
 * The run is the one {@code AgentRunBenchmark} measures: the real {@code ChatClient} and tool
 * loop over the scripted model, three model calls and three tool executions
 * ({@code lookupCustomer} and {@code lookupPricing}, then {@code openTicket}), an
 * {@code @AgentRun} with a user id, a tag, a conversation and a session. Two applications
 * run one after the other in this JVM: the baseline with no tracing at all
 * ({@code agent-tracing.enabled=false}, {@code ObservationRegistry.NOOP}) and the starter with
 * its defaults (tail sampling, flight recorder, Boot's tracing; spans exported synchronously
 * to an in-memory exporter, reset between batches). Each makes {@value #WARM_UP_RUNS} runs
 * to warm up, then {@value #BATCHES} batches of {@value #BATCH_RUNS} runs; the figure is the
 * median batch's bytes per run, which the JIT's escape analysis and an odd collection do not
 * move much.
 * <p>
 * Measured on JDK 17 at {@code 75ead80} (all threads, spans exported synchronously), in two
 * runs: baseline 33.6 and 33.7 KB per run, starter 187.6 and 193.2 KB per run (batches 184.0
 * to 195.7 KB), so the starter adds 154.0 and 159.5 KB per run. The budget,
 * {@value #ADDED_BYTES_BUDGET} bytes, is the first figure plus 15% (11% above the second): a
 * regression of more than about 18 to 23 KB per run fails the build (on JDK 25 the starter
 * adds a little less: 147.8 KB). The test checks that it can fail: it measures the starter
 * again with a deliberate {@value #DELIBERATE_BYTES}-byte array per run (batches interleaved
 * with the plain ones), and asserts that the figure grows by that array and then exceeds the
 * budget. See docs/benchmarks.md, "Allocation budget".
 */
class AllocationBudgetTests {

	/** The starter's added allocation per run that fails the build: measured + 15% (see above). */
	static final long ADDED_BYTES_BUDGET = 177_000;

	private static final int WARM_UP_RUNS = 2_000;

	private static final int BATCHES = 7;

	private static final int BATCH_RUNS = 200;

	/** One run span, three chat spans and three execute_tool spans. */
	private static final int SPANS_PER_RUN = 7;

	private static final int DELIBERATE_BYTES = 40 * 1024;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	/** The benchmark's ticket. */
	private static final Ticket TICKET = new Ticket("cust-7", "high",
			"Hi, I'm on the pro plan (customer c-42) and I was charged twice this month, 49 EUR each time, "
					+ "on my card 4111 1111 1111 1111. Could you check what the pro plan costs in EUR and open a "
					+ "billing ticket for the refund? You can reach me at jane.doe@example.com or on "
					+ "+44 20 7946 0958 after 5pm. Thanks, Jane");

	/** Where the deliberate allocation goes, so that escape analysis cannot remove it. */
	static volatile byte[] sink;

	@Test
	void theStarterAddsNoMoreThanItsBudgetOfHeapAllocationPerAgentRun() {
		long baseline;
		List<Long> baselineBatches;
		try (ConfigurableApplicationContext context = start(true)) {
			List<List<Long>> measured = measure(context, 0, false);
			baselineBatches = measured.get(0);
			baseline = median(baselineBatches);
		}
		long starter;
		long inflated;
		List<Long> starterBatches;
		try (ConfigurableApplicationContext context = start(false)) {
			List<List<Long>> measured = measure(context, SPANS_PER_RUN, true);
			starterBatches = measured.get(0);
			starter = median(starterBatches);
			inflated = median(measured.get(1));
		}
		long added = starter - baseline;
		long addedWhenInflated = inflated - baseline;
		System.out.printf(
				"Allocation per agent run (median of %d batches of %d runs, all threads): baseline %,d B %s, "
						+ "starter %,d B %s: added %,d B (budget %,d B); with %,d B more per run: added %,d B%n",
				BATCHES, BATCH_RUNS, baseline, baselineBatches, starter, starterBatches, added, ADDED_BYTES_BUDGET,
				DELIBERATE_BYTES, addedWhenInflated);
		assertThat(added).as("bytes the starter adds to an agent run")
			.isPositive()
			.isLessThanOrEqualTo(ADDED_BYTES_BUDGET);
		assertThat(inflated - starter).as("a deliberate allocation per run is counted")
			.isBetween(DELIBERATE_BYTES * 8L / 10, DELIBERATE_BYTES * 12L / 10);
		assertThat(addedWhenInflated).as("the budget catches a 40 KB regression per run")
			.isGreaterThan(ADDED_BYTES_BUDGET);
	}

	private static ConfigurableApplicationContext start(boolean baseline) {
		List<String> properties = new ArrayList<>(Arrays.asList(TracedAgentApplication.PROPERTIES));
		properties.addAll(List.of("spring.main.banner-mode=off", "logging.level.root=WARN",
				"management.otlp.metrics.export.enabled=false"));
		List<Class<?>> sources = new ArrayList<>(List.of(TracedAgentApplication.class, BudgetAgentConfiguration.class));
		if (baseline) {
			properties.add("agent-tracing.enabled=false");
			sources.add(NoObservations.class);
		}
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.properties(properties.toArray(String[]::new))
			.run();
	}

	/**
	 * Warm up, then measure batches of runs: bytes per run of each batch, in every live thread.
	 * With {@code alsoInflated}, each batch is followed by one whose runs also allocate
	 * {@value #DELIBERATE_BYTES} bytes (second list).
	 */
	private static List<List<Long>> measure(ConfigurableApplicationContext context, int spansPerRun,
			boolean alsoInflated) {
		BudgetAgent agent = context.getBean(BudgetAgent.class);
		context.getBean(ScriptedChatModel.class).respondWith(AllocationBudgetTests::respond);
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		Runnable run = () -> check(agent.handle(TICKET, "conv-1", "sess-1"));
		Runnable inflatedRun = () -> {
			sink = new byte[DELIBERATE_BYTES];
			run.run();
		};
		for (int i = 0; i < WARM_UP_RUNS; i++) {
			((alsoInflated && i % 2 == 1) ? inflatedRun : run).run();
			if (i % BATCH_RUNS == 0) {
				exporter.reset();
			}
		}
		exporter.reset();
		List<Long> batches = new ArrayList<>();
		List<Long> inflated = new ArrayList<>();
		for (int batch = 0; batch < BATCHES; batch++) {
			batches.add(bytesPerRun(run, exporter, spansPerRun));
			if (alsoInflated) {
				inflated.add(bytesPerRun(inflatedRun, exporter, spansPerRun));
			}
		}
		return List.of(batches, inflated);
	}

	private static long bytesPerRun(Runnable run, InMemorySpanExporter exporter, int spansPerRun) {
		Map<Long, Long> before = allocatedByThread();
		for (int i = 0; i < BATCH_RUNS; i++) {
			run.run();
		}
		Map<Long, Long> after = allocatedByThread();
		long all = 0;
		for (Map.Entry<Long, Long> entry : after.entrySet()) {
			all += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
		}
		assertThat(exporter.getFinishedSpanItems()).as("spans exported by a batch").hasSize(spansPerRun * BATCH_RUNS);
		exporter.reset();
		return all / BATCH_RUNS;
	}

	private static void check(String answer) {
		if (!answer.startsWith("Refund opened")) {
			throw new IllegalStateException("unexpected answer: " + answer);
		}
	}

	private static Map<Long, Long> allocatedByThread() {
		long[] ids = THREADS.getAllThreadIds();
		long[] bytes = THREADS.getThreadAllocatedBytes(ids);
		Map<Long, Long> byThread = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (bytes[i] >= 0) {
				byThread.put(ids[i], bytes[i]);
			}
		}
		return byThread;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2);
	}

	/** Three model calls: two tools, then one, then the answer (the round is read from the prompt). */
	private static ChatResponse respond(Prompt prompt) {
		int rounds = 0;
		for (Message message : prompt.getInstructions()) {
			if (message instanceof ToolResponseMessage) {
				rounds++;
			}
		}
		return switch (rounds) {
			case 0 -> toolCalls("resp-1", 412, 38, call("call-1", "lookupCustomer", "{\"customerId\":\"c-42\"}"),
					call("call-2", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"EUR\"}"));
			case 1 -> toolCalls("resp-2", 540, 41, call("call-3", "openTicket",
					"{\"team\":\"billing\",\"summary\":\"Customer c-42 was charged twice for the pro plan\"}"));
			default -> answer("resp-3", "Refund opened: the pro plan costs 49 EUR and you were charged twice.", "STOP",
					655, 52);
		};
	}

	/** The agent as {@code AgentRunBenchmark} runs it: its tool callbacks are made once. */
	@Configuration(proxyBeanMethods = false)
	static class BudgetAgentConfiguration {

		@Bean
		BudgetTools budgetTools() {
			return new BudgetTools();
		}

		@Bean
		BudgetAgent budgetAgent(ChatClient.Builder chatClient, BudgetTools tools) {
			return new BudgetAgent(chatClient.build(), ToolCallbacks.from(tools));
		}

	}

	public static class BudgetAgent {

		private final ChatClient chatClient;

		private final ToolCallback[] tools;

		BudgetAgent(ChatClient chatClient, ToolCallback[] tools) {
			this.chatClient = chatClient;
			this.tools = tools;
		}

		@AgentRun(name = "support-router", description = "Routes support tickets", userId = "#ticket.customer",
				tags = "ticket.priority=#ticket.priority")
		public String handle(Ticket ticket, @ConversationId String conversationId, @SessionId String sessionId) {
			return this.chatClient.prompt().user(ticket.text()).toolCallbacks(this.tools).call().content();
		}

	}

	public static class BudgetTools {

		@Tool(description = "Look up a customer by id")
		@AgentTool
		public String lookupCustomer(String customerId) {
			return "{\"id\":\"" + customerId + "\",\"plan\":\"pro\",\"country\":\"DE\",\"since\":\"2023-04-01\"}";
		}

		@Tool(description = "Price of a plan in a currency")
		public String lookupPricing(String plan, String currency) {
			return "{\"plan\":\"" + plan + "\",\"price\":49,\"currency\":\"" + currency + "\",\"period\":\"month\"}";
		}

		@Tool(description = "Open a ticket for a team")
		public String openTicket(String team, String summary) {
			return "{\"ticket\":\"T-1001\",\"team\":\"" + team + "\",\"status\":\"open\"}";
		}

	}

	/** The baseline: Spring AI and the starter see a no-op registry. */
	@Configuration(proxyBeanMethods = false)
	static class NoObservations {

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.NOOP;
		}

	}

}
