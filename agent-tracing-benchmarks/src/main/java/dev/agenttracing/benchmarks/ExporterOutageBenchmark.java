package dev.agenttracing.benchmarks;

import java.io.IOException;
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

import dev.agenttracing.benchmarks.app.ScenarioConfigurations;

/**
 * Agent runs per second with the starter's defaults exporting over Boot's OTLP/HTTP
 * exporter, to an endpoint that is up, that answers each export after 2 s, that accepts and
 * never answers, or that refuses connections. The report divides the others by "up".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class ExporterOutageBenchmark {

	@Param
	public OtlpEndpoint.State endpoint;

	private OtlpEndpoint sink;

	private AgentRunner runner;

	private long runs;

	@Setup
	public void start() throws IOException {
		this.sink = OtlpEndpoint.start(this.endpoint);
		this.runner = AgentRunner.start(AgentRunScenario.STARTER,
				List.of("management.opentelemetry.tracing.export.otlp.endpoint=" + this.sink.tracesUrl()),
				ScenarioConfigurations.OtlpExport.class);
	}

	@Benchmark
	public String agentRun(CpuTime cpu) {
		cpu.operations++;
		this.runs++;
		return this.runner.run();
	}

	@TearDown
	public void stop() {
		Map<String, Object> fact = new LinkedHashMap<>();
		fact.put("kind", "exporter");
		fact.put("endpoint", this.endpoint.name());
		fact.put("runs", this.runs);
		fact.put("spansStarted", this.runner.counters().started());
		fact.put("exportsAnswered", this.sink.exportsAnswered());
		BenchmarkFacts.record(fact);
		this.runner.close();
		this.sink.close();
	}

}
