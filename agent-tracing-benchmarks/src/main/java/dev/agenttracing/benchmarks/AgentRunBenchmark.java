package dev.agenttracing.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one agent run (three model calls, three tool executions, through the real
 * {@code ChatClient}) in each {@link AgentRunScenario}. One Spring Boot application per
 * trial, in its own forked VM. The report subtracts {@link AgentRunScenario#NO_TRACING}
 * to get what tracing adds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class AgentRunBenchmark {

	/** Runs made before measuring to count spans per run. */
	private static final int CALIBRATION_RUNS = 200;

	@Param
	public AgentRunScenario scenario;

	private AgentRunner runner;

	@Setup
	public void start() {
		this.runner = AgentRunner.start(this.scenario, List.of(), null);
		String answer = null;
		for (int i = 0; i < CALIBRATION_RUNS; i++) {
			answer = this.runner.run();
		}
		this.runner.flush();
		Map<String, Object> fact = new LinkedHashMap<>();
		fact.put("kind", "agent-run");
		fact.put("scenario", this.scenario.name());
		fact.put("spansStartedPerRun", (double) this.runner.counters().started() / CALIBRATION_RUNS);
		fact.put("spansExportedPerRun", (double) this.runner.counters().exported() / CALIBRATION_RUNS);
		fact.put("attributesExportedPerRun", (double) this.runner.counters().exportedAttributes() / CALIBRATION_RUNS);
		fact.put("answer", answer);
		BenchmarkFacts.record(fact);
	}

	@Benchmark
	public String agentRun(CpuTime cpu) {
		cpu.operations++;
		return this.runner.run();
	}

	@TearDown
	public void stop() {
		this.runner.close();
	}

}
