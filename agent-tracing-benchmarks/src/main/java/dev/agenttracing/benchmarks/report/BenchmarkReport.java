package dev.agenttracing.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.benchmarks.AgentRunScenario;
import dev.agenttracing.benchmarks.BenchmarkFacts;

/**
 * Turns a results directory written by {@code run.sh} (JMH's JSON results and the facts
 * the benchmarks recorded) into the Markdown tables of the README: the cost tracing adds
 * to a run over no tracing at all, the ratios the issue sets targets for, the redactor's
 * throughput, the sampling buffer's footprint, throughput while the exporter is down, and
 * start-up time.
 * <p>
 * Usage: {@code java -cp agent-tracing-benchmarks.jar dev.agenttracing.benchmarks.report.BenchmarkReport <results-dir>};
 * the Markdown goes to standard output.
 */
public final class BenchmarkReport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path directory;

	private final List<JsonNode> facts;

	private final StringBuilder out = new StringBuilder();

	private BenchmarkReport(Path directory) throws IOException {
		this.directory = directory;
		this.facts = new ArrayList<>();
		Path file = directory.resolve(BenchmarkFacts.FILE);
		if (Files.exists(file)) {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (!line.isBlank()) {
					this.facts.add(JSON.readTree(line));
				}
			}
		}
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("usage: BenchmarkReport <results-dir>");
			System.exit(2);
		}
		BenchmarkReport report = new BenchmarkReport(Path.of(args[0]));
		report.agentRuns();
		report.redactor();
		report.samplingBuffer();
		report.exporter();
		report.startup();
		System.out.print(report.out);
	}

	// ---------------------------------------------------------------- agent runs

	private void agentRuns() throws IOException {
		List<JsonNode> results = results("agent-run.json");
		if (results.isEmpty()) {
			return;
		}
		Map<AgentRunScenario, Run> runs = new LinkedHashMap<>();
		for (JsonNode result : results) {
			AgentRunScenario scenario = AgentRunScenario.valueOf(result.get("params").get("scenario").asString());
			runs.put(scenario, new Run(scenario, result, fact("agent-run", "scenario", scenario.name())));
		}
		describeRun(results.get(0));
		Run baseline = runs.get(AgentRunScenario.NO_TRACING);
		line("### Cost per agent run (3 model calls, 3 tool executions)");
		line("");
		line("Added = scenario − scenario 1 (no tracing); for the SDK floor (7), which runs no agent, its whole cost. "
				+ "CPU = CPU time of the whole VM (benchmark thread, span export thread, GC, JIT) per run; "
				+ "wall = JMH's average time per run. Errors are 99.9% confidence half-widths.");
		line("");
		line("| # | scenario | spans started / exported per run | attributes exported per run | CPU µs/run | added CPU µs/run | added CPU µs/span | wall µs/run | added wall µs/run | alloc B/run | added alloc B/run |");
		line("|---|---|---|---|---|---|---|---|---|---|---|");
		for (Run run : runs.values()) {
			Estimate addedCpu = run.added(baseline, Run::cpu);
			Estimate addedWall = run.added(baseline, Run::wall);
			Estimate addedAlloc = run.added(baseline, Run::alloc);
			String perSpan = (run.spansStarted > 0) ? addedCpu.times(1 / run.spansStarted).format(1) : "–";
			line("| %s | %s | %s / %s | %s | %s | %s | %s | %s | %s | %s | %s |", run.scenario.label(),
					run.scenario.description(), number(run.spansStarted), number(run.spansExported),
					number(run.attributesExported), run.cpu.format(0), addedCpu.format(0), perSpan,
					run.wall.format(0), addedWall.format(0), run.alloc.format(0), addedAlloc.format(0));
		}
		line("");
		line("### Ratios of added cost (targets: 4/2 ≤ 1.25, 4/7 ≤ 2, 5/4 ≤ 3)");
		line("");
		line("| ratio | meaning | target | CPU | wall | allocation | met (CPU) |");
		line("|---|---|---|---|---|---|---|");
		ratio(runs, baseline, "4/2", "starter vs hand-written spans", AgentRunScenario.STARTER,
				AgentRunScenario.HAND_WRITTEN, 1.25);
		ratio(runs, baseline, "4/7", "starter vs SDK floor", AgentRunScenario.STARTER, AgentRunScenario.SDK_FLOOR, 2);
		ratio(runs, baseline, "5/4", "content + redaction vs defaults", AgentRunScenario.STARTER_CONTENT,
				AgentRunScenario.STARTER, 3);
		ratio(runs, baseline, "6/4", "tail sampling 10% vs defaults", AgentRunScenario.STARTER_SAMPLED,
				AgentRunScenario.STARTER, Double.NaN);
		ratio(runs, baseline, "3/2", "Spring AI observations vs hand-written", AgentRunScenario.SPRING_AI_OBSERVATIONS,
				AgentRunScenario.HAND_WRITTEN, Double.NaN);
		ratio(runs, baseline, "4/4d", "diagnosis on vs off", AgentRunScenario.STARTER,
				AgentRunScenario.STARTER_NO_DIAGNOSIS, 1.10);
		ratio(runs, baseline, "4m/4", "with Micrometer metrics vs without", AgentRunScenario.STARTER_WITH_METRICS,
				AgentRunScenario.STARTER, Double.NaN);
		line("");
	}

	private void ratio(Map<AgentRunScenario, Run> runs, Run baseline, String name, String meaning,
			AgentRunScenario over, AgentRunScenario under, double target) {
		Run a = runs.get(over);
		Run b = runs.get(under);
		if (a == null || b == null || baseline == null) {
			return;
		}
		Estimate cpu = a.added(baseline, Run::cpu).dividedBy(b.added(baseline, Run::cpu));
		Estimate wall = a.added(baseline, Run::wall).dividedBy(b.added(baseline, Run::wall));
		Estimate alloc = a.added(baseline, Run::alloc).dividedBy(b.added(baseline, Run::alloc));
		String met = Double.isNaN(target) ? "–" : atMost(cpu, target);
		line("| %s | %s | %s | %s | %s | %s | %s |", name, meaning,
				Double.isNaN(target) ? "–" : "≤ " + trim(target), cpu.format(2), wall.format(2), alloc.format(2), met);
	}

	/** Whether a value is at most a target, taking its error into account. */
	private static String atMost(Estimate value, double target) {
		if (value.value() + value.error() <= target) {
			return "yes";
		}
		if (value.value() - value.error() > target) {
			return String.format(Locale.ROOT, "no (%+.0f%%)", 100 * (value.value() / target - 1));
		}
		return (value.value() <= target) ? "yes, within error" : "no, within error";
	}

	/** Whether a value is at least a target, taking its error into account. */
	private static String atLeast(Estimate value, double target) {
		if (value.value() - value.error() >= target) {
			return "yes";
		}
		if (value.value() + value.error() < target) {
			return String.format(Locale.ROOT, "no (%.1f%% of target)", 100 * value.value() / target);
		}
		return (value.value() >= target) ? "yes, within error" : "no, within error";
	}

	/** One scenario's measurements. */
	private static final class Run {

		final AgentRunScenario scenario;

		final Estimate wall;

		final Estimate cpu;

		final Estimate alloc;

		final double spansStarted;

		final double spansExported;

		final double attributesExported;

		Run(AgentRunScenario scenario, JsonNode result, JsonNode fact) {
			this.scenario = scenario;
			this.wall = score(result.get("primaryMetric"));
			this.cpu = perOperation(result, "processCpuNanos").times(1e-3);
			JsonNode alloc = result.get("secondaryMetrics").get("gc.alloc.rate.norm");
			this.alloc = (alloc != null) ? score(alloc) : new Estimate(Double.NaN, Double.NaN);
			this.spansStarted = (fact != null) ? fact.get("spansStartedPerRun").asDouble() : Double.NaN;
			this.spansExported = (fact != null) ? fact.get("spansExportedPerRun").asDouble() : Double.NaN;
			this.attributesExported = (fact != null && fact.has("attributesExportedPerRun"))
					? fact.get("attributesExportedPerRun").asDouble() : Double.NaN;
		}

		Estimate cpu() {
			return this.cpu;
		}

		Estimate wall() {
			return this.wall;
		}

		Estimate alloc() {
			return this.alloc;
		}

		/** Over no tracing; the SDK floor runs no agent, so all of it is added. */
		Estimate added(Run baseline, java.util.function.Function<Run, Estimate> measure) {
			if (this.scenario == AgentRunScenario.SDK_FLOOR) {
				return measure.apply(this);
			}
			return measure.apply(this).minus(measure.apply(baseline));
		}

	}

	// ---------------------------------------------------------------- redactor

	private void redactor() throws IOException {
		List<JsonNode> results = results("redactor.json");
		if (results.isEmpty()) {
			return;
		}
		line("### Default redactor throughput (target ≥ 100 MB/s on one core)");
		line("");
		line("About 7–11 KB of support conversation per operation, redacted by `DefaultRedactor` configured as the "
				+ "starter's defaults configure it. MB/s = operations/s × input UTF-8 bytes; \"per CPU-second\" "
				+ "divides by the benchmark thread's CPU time instead of wall time (one core, fully used).");
		line("");
		line("| input | personal data | bytes | redactions | ops/s (wall) | MB/s (wall) | MB per CPU-second | met |");
		line("|---|---|---|---|---|---|---|---|");
		for (JsonNode result : results) {
			String format = result.get("params").get("format").asString();
			boolean personal = Boolean.parseBoolean(result.get("params").get("personalData").asString());
			JsonNode fact = fact("redactor", "format", format, "personalData", personal);
			double bytes = fact.get("inputBytes").asDouble();
			Estimate ops = score(result.get("primaryMetric"));
			Estimate cpuPerOp = perOperation(result, "threadCpuNanos");
			Estimate mbPerCpuSecond = new Estimate(bytes / 1e6, 0).dividedBy(cpuPerOp.times(1e-9));
			line("| %s | %s | %s | %d | %s | %s | %s | %s |", format.equals("TEXT") ? "plain text" : "messages JSON",
					personal ? "yes" : "no", number(bytes), fact.get("redactions").asInt(), ops.format(0),
					ops.times(bytes / 1e6).format(2), mbPerCpuSecond.format(2), atLeast(mbPerCpuSecond, 100));
		}
		line("");
	}

	// ---------------------------------------------------------------- sampling buffer

	private void samplingBuffer() {
		List<JsonNode> buffers = facts("sampling-buffer");
		if (buffers.isEmpty()) {
			return;
		}
		line("### Tail-sampling buffer: bytes held per buffered span");
		line("");
		line("Traces shaped like the benchmark's run (local root open, 3 `chat` + 3 `execute_tool` children held); "
				+ "JOL walks the sampling processor's object graph, the heap delta cross-checks it.");
		line("");
		line("| content per chat span | spans held | bytes/span (JOL) | bytes/span (heap delta) | VM |");
		line("|---|---|---|---|---|");
		for (JsonNode buffer : buffers) {
			int chars = buffer.get("contentCharsPerMessage").asInt();
			line("| %s | %s | %s | %s | %s |", (chars == 0) ? "none (defaults)" : "2 × " + number(chars) + " chars",
					number(buffer.get("heldSpans").asDouble()), number(buffer.get("bytesPerSpanJol").asDouble()),
					number(buffer.get("bytesPerSpanHeapDelta").asDouble()), buffer.get("jvm").asString());
		}
		line("");
	}

	// ---------------------------------------------------------------- exporter

	private void exporter() throws IOException {
		List<JsonNode> results = results("exporter.json");
		if (results.isEmpty()) {
			return;
		}
		Map<String, JsonNode> byEndpoint = new LinkedHashMap<>();
		for (JsonNode result : results) {
			byEndpoint.put(result.get("params").get("endpoint").asString(), result);
		}
		JsonNode up = byEndpoint.get("UP");
		line("### Exporter down (target: an unreachable exporter costs < 2% of throughput)");
		line("");
		line("Starter defaults, Boot's OTLP/HTTP exporter and batch span processor. UP = a JDK HTTP server on "
				+ "127.0.0.1 answering 200 to `/v1/traces`; SLOW = the same answering each export after 2 s; "
				+ "BLACK_HOLE = a socket that accepts and never answers; REFUSED = a port nothing listens on.");
		line("");
		line("| endpoint | runs/s (wall) | vs UP (wall, target ≥ 0.98) | CPU µs/run | vs UP (CPU per run, target ≤ 1.02) |");
		line("|---|---|---|---|---|");
		Estimate upWall = score(up.get("primaryMetric"));
		Estimate upCpu = perOperation(up, "processCpuNanos").times(1e-3);
		for (Map.Entry<String, JsonNode> entry : byEndpoint.entrySet()) {
			Estimate wall = score(entry.getValue().get("primaryMetric"));
			Estimate cpu = perOperation(entry.getValue(), "processCpuNanos").times(1e-3);
			boolean isUp = entry.getKey().equals("UP");
			Estimate wallRatio = wall.dividedBy(upWall);
			Estimate cpuRatio = cpu.dividedBy(upCpu);
			line("| %s | %s | %s | %s | %s |", entry.getKey(), wall.format(1),
					isUp ? "1" : wallRatio.format(3) + " (met: " + atLeast(wallRatio, 0.98) + ")", cpu.format(0),
					isUp ? "1" : cpuRatio.format(3) + " (met: " + atMost(cpuRatio, 1.02) + ")");
		}
		line("");
	}

	// ---------------------------------------------------------------- start-up

	private void startup() {
		List<JsonNode> samples = facts("startup");
		if (samples.isEmpty()) {
			return;
		}
		Map<String, List<JsonNode>> byVariant = new LinkedHashMap<>();
		for (JsonNode sample : samples) {
			if (!sample.get("warmup").asBoolean()) {
				byVariant.computeIfAbsent(sample.get("variant").asString(), (key) -> new ArrayList<>()).add(sample);
			}
		}
		line("### Application start-up (fresh VM per start, variants interleaved)");
		line("");
		line("A minimal Boot application with Spring AI (ChatClient, tool calling, the scripted model, one agent "
				+ "with three tools). Ready = VM uptime when `SpringApplication.run` returned; CPU = the VM's CPU "
				+ "time by then (steadier than wall time on a loaded machine). Medians, with min–max.");
		line("");
		line("| variant | starts | ready ms (median, min–max) | CPU ms to ready (median, min–max) | beans | first agent run ms (median) |");
		line("|---|---|---|---|---|---|");
		Map<String, Double> cpuMedians = new LinkedHashMap<>();
		Map<String, Double> readyMedians = new LinkedHashMap<>();
		for (Map.Entry<String, List<JsonNode>> entry : byVariant.entrySet()) {
			List<JsonNode> list = entry.getValue();
			double ready = median(list, (s) -> s.get("readyMillis").asDouble());
			double cpu = median(list, (s) -> s.get("cpuMillisAtReady").asDouble());
			readyMedians.put(entry.getKey(), ready);
			cpuMedians.put(entry.getKey(), cpu);
			line("| %s | %d | %s (%s–%s) | %s (%s–%s) | %s | %s |", entry.getKey(), list.size(), number(ready),
					number(min(list, (s) -> s.get("readyMillis").asDouble())),
					number(max(list, (s) -> s.get("readyMillis").asDouble())), number(cpu),
					number(min(list, (s) -> s.get("cpuMillisAtReady").asDouble())),
					number(max(list, (s) -> s.get("cpuMillisAtReady").asDouble())),
					number(list.get(0).get("beans").asDouble()),
					number(median(list, (s) -> s.get("firstAgentRunMillis").asDouble())));
		}
		Double springAi = cpuMedians.get("SPRING_AI_ONLY");
		if (springAi != null) {
			line("");
			line("Over Spring AI alone (medians): "
					+ String.join("; ", cpuMedians.entrySet()
						.stream()
						.filter((e) -> !e.getKey().equals("SPRING_AI_ONLY"))
						.map((e) -> String.format(Locale.ROOT, "%s +%,.0f ms CPU (×%.2f), +%,.0f ms wall", e.getKey(),
								e.getValue() - springAi, e.getValue() / springAi,
								readyMedians.get(e.getKey()) - readyMedians.get("SPRING_AI_ONLY")))
						.toList())
					+ ".");
		}
		line("");
	}

	// ---------------------------------------------------------------- helpers

	private void describeRun(JsonNode result) {
		line("JMH %s, %s %s, %d fork(s), %d×%s warm-up, %d×%s measurement, JVM args %s.",
				result.get("jmhVersion").asString(), result.get("vmName").asString(),
				result.get("jdkVersion").asString(), result.get("forks").asInt(),
				result.get("warmupIterations").asInt(), result.get("warmupTime").asString(),
				result.get("measurementIterations").asInt(), result.get("measurementTime").asString(),
				result.get("jvmArgs").toString());
		line("");
	}

	private List<JsonNode> results(String file) throws IOException {
		Path path = this.directory.resolve(file);
		List<JsonNode> results = new ArrayList<>();
		if (Files.exists(path)) {
			JSON.readTree(path.toFile()).forEach(results::add);
		}
		return results;
	}

	private List<JsonNode> facts(String kind) {
		return this.facts.stream().filter((fact) -> kind.equals(fact.get("kind").asString())).toList();
	}

	/** The last fact of a kind whose fields have the given values. */
	private JsonNode fact(String kind, Object... fieldsAndValues) {
		JsonNode found = null;
		for (JsonNode fact : facts(kind)) {
			boolean matches = true;
			for (int i = 0; i < fieldsAndValues.length; i += 2) {
				JsonNode value = fact.get((String) fieldsAndValues[i]);
				matches &= value != null && value.asString().equals(String.valueOf(fieldsAndValues[i + 1]));
			}
			if (matches) {
				found = fact;
			}
		}
		return found;
	}

	private static Estimate score(JsonNode metric) {
		double error = metric.get("scoreError").asDouble(Double.NaN);
		return new Estimate(metric.get("score").asDouble(), error);
	}

	/** A CPU counter per operation, per measured iteration, then averaged with its interval. */
	private static Estimate perOperation(JsonNode result, String counter) {
		JsonNode metrics = result.get("secondaryMetrics");
		JsonNode cpu = metrics.get(counter).get("rawData");
		JsonNode operations = metrics.get("operations").get("rawData");
		List<Double> samples = new ArrayList<>();
		for (int fork = 0; fork < cpu.size(); fork++) {
			for (int i = 0; i < cpu.get(fork).size(); i++) {
				double ops = operations.get(fork).get(i).asDouble();
				if (ops > 0) {
					samples.add(cpu.get(fork).get(i).asDouble() / ops);
				}
			}
		}
		return Estimate.ofSamples(samples);
	}

	private static double median(List<JsonNode> samples, ToDoubleFunction<JsonNode> value) {
		double[] sorted = samples.stream().mapToDouble(value).sorted().toArray();
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	private static double min(List<JsonNode> samples, ToDoubleFunction<JsonNode> value) {
		return samples.stream().mapToDouble(value).min().orElse(Double.NaN);
	}

	private static double max(List<JsonNode> samples, ToDoubleFunction<JsonNode> value) {
		return samples.stream().mapToDouble(value).max().orElse(Double.NaN);
	}

	private static String number(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		return (value == Math.rint(value) || Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%,.2f", value);
	}

	private static String trim(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
	}

	private void line(String format, Object... args) {
		this.out.append((args.length == 0) ? format : String.format(Locale.ROOT, format, args)).append('\n');
	}


}
