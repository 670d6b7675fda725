package dev.agenttracing.benchmarks.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.benchmarks.BenchmarkFacts;

/**
 * Start-up time of {@link StartupApplication} with and without the starter, measured in
 * fresh VMs, the variants interleaved so that a change in the machine's load falls on all
 * of them: Spring AI alone (the starter's jars off the class path), the starter on the
 * class path but switched off ({@code agent-tracing.enabled=false}: Boot's OpenTelemetry
 * tracing alone), and the starter with its defaults.
 * <p>
 * Run from the build directory:
 * {@code java -cp agent-tracing-benchmarks.jar dev.agenttracing.benchmarks.startup.StartupTime [repetitions]}.
 * It needs {@code classes/}, {@code lib/} and {@code lib-without-starter/} beside the jar.
 */
public final class StartupTime {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> COMMON = List.of("spring.main.banner-mode=off",
			"spring.main.web-application-type=none", "logging.level.root=WARN",
			"management.tracing.sampling.probability=1.0");

	/** The variants measured. */
	enum Variant {

		SPRING_AI_ONLY("lib-without-starter"),

		STARTER_DISABLED("lib", "agent-tracing.enabled=false"),

		STARTER("lib");

		private final String lib;

		private final List<String> properties;

		Variant(String lib, String... properties) {
			this.lib = lib;
			this.properties = List.of(properties);
		}

	}

	private StartupTime() {
	}

	public static void main(String[] args) throws Exception {
		int repetitions = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		Path target = buildDirectory();
		for (int i = 0; i < repetitions + 1; i++) {
			for (Variant variant : Variant.values()) {
				Map<String, Object> sample = start(target, variant);
				// The first round warms the file-system cache and is not kept.
				sample.put("kind", "startup");
				sample.put("variant", variant.name());
				sample.put("warmup", i == 0);
				BenchmarkFacts.record(sample);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> start(Path target, Variant variant) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(classPath(target, variant.lib));
		command.add(StartupApplication.class.getName());
		command.addAll(COMMON);
		command.addAll(variant.properties);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String result = null;
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith(StartupApplication.RESULT)) {
					result = line.substring(StartupApplication.RESULT.length());
				}
				else {
					output.add(line);
				}
			}
		}
		if (!process.waitFor(5, TimeUnit.MINUTES) || result == null) {
			process.destroyForcibly();
			throw new IllegalStateException(variant + " did not start:\n" + String.join("\n", output));
		}
		return new LinkedHashMap<>(JSON.readValue(result, Map.class));
	}

	private static String classPath(Path target, String lib) throws IOException {
		List<String> entries = new ArrayList<>();
		entries.add(target.resolve("classes").toString());
		try (Stream<Path> jars = Files.list(target.resolve(lib))) {
			jars.filter((jar) -> jar.toString().endsWith(".jar")).sorted().forEach((jar) -> entries.add(jar.toString()));
		}
		return String.join(File.pathSeparator, entries);
	}

	private static Path buildDirectory() throws Exception {
		Path location = Path.of(StartupTime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		// target/classes or target/agent-tracing-benchmarks.jar
		Path target = location.getParent();
		if (!Files.isDirectory(target.resolve("lib-without-starter"))) {
			throw new IllegalStateException("No lib-without-starter/ in " + target + ": build the module first");
		}
		return target;
	}

}
