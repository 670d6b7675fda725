package dev.agenttracing.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Facts a benchmark learns about what it measures (spans per run, bytes per input), for
 * the report: printed, and appended as a JSON line to {@code facts.jsonl} in the
 * directory named by the {@value #OUT} environment variable, which JMH's forked VMs
 * inherit.
 */
public final class BenchmarkFacts {

	/** The environment variable naming the results directory. */
	public static final String OUT = "AGENT_TRACING_BENCH_OUT";

	/** The file the facts are appended to. */
	public static final String FILE = "facts.jsonl";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BenchmarkFacts() {
	}

	/**
	 * Record one fact.
	 * @param fact the fact's fields; {@code kind} says what it is about
	 */
	public static synchronized void record(Map<String, Object> fact) {
		String line = JSON.writeValueAsString(fact);
		System.out.println("# fact " + line);
		String out = System.getenv(OUT);
		if (out == null || out.isBlank()) {
			return;
		}
		try {
			Path directory = Path.of(out);
			Files.createDirectories(directory);
			Files.writeString(directory.resolve(FILE), line + System.lineSeparator(), StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the benchmark facts to " + out, ex);
		}
	}

}
