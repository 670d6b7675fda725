package dev.agenttracing.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes allocated per agent run in each scenario, counted by the JVM
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) over a fixed number of
 * runs, not over a fixed time: unlike JMH's {@code gc.alloc.rate.norm}, the figure does not
 * depend on how many runs a loaded machine manages per iteration, and it counts the span
 * export thread too. Medians of batches, after a warm-up, all scenarios in one VM one after
 * the other.
 * <p>
 * Run with
 * {@code java -Xms1g -Xmx1g -cp agent-tracing-benchmarks.jar dev.agenttracing.benchmarks.AllocationPerRun [scenario...]}.
 */
public final class AllocationPerRun {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final int WARM_UP_RUNS = 3_000;

	private static final int BATCHES = 9;

	private static final int BATCH_RUNS = 300;

	private AllocationPerRun() {
	}

	public static void main(String[] args) {
		List<AgentRunScenario> scenarios = new ArrayList<>();
		for (String arg : args) {
			scenarios.add(AgentRunScenario.valueOf(arg));
		}
		if (scenarios.isEmpty()) {
			scenarios = List.of(AgentRunScenario.NO_TRACING, AgentRunScenario.HAND_WRITTEN,
					AgentRunScenario.SPRING_AI_OBSERVATIONS, AgentRunScenario.STARTER);
		}
		System.out.printf("| scenario | calling thread B/run (median, min-max of %d x %d runs) | all threads B/run (median) |%n",
				BATCHES, BATCH_RUNS);
		System.out.println("|---|---|---|");
		for (AgentRunScenario scenario : scenarios) {
			try (AgentRunner runner = AgentRunner.start(scenario, List.of(), null)) {
				for (int i = 0; i < WARM_UP_RUNS; i++) {
					runner.run();
				}
				long thread = Thread.currentThread().getId();
				List<Long> calling = new ArrayList<>();
				List<Long> all = new ArrayList<>();
				for (int batch = 0; batch < BATCHES; batch++) {
					runner.flush();
					Map<Long, Long> before = allocatedByThread();
					for (int i = 0; i < BATCH_RUNS; i++) {
						runner.run();
					}
					runner.flush();
					Map<Long, Long> after = allocatedByThread();
					long sum = 0;
					for (Map.Entry<Long, Long> entry : after.entrySet()) {
						sum += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
					}
					calling.add((after.get(thread) - before.get(thread)) / BATCH_RUNS);
					all.add(sum / BATCH_RUNS);
				}
				calling.sort(null);
				all.sort(null);
				System.out.printf("| %s | %,d (%,d-%,d) | %,d |%n", scenario.name(), calling.get(BATCHES / 2),
						calling.get(0), calling.get(BATCHES - 1), all.get(BATCHES / 2));
			}
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

}
