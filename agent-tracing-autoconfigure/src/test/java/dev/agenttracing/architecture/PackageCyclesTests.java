package dev.agenttracing.architecture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the main code depend on each other without cycles, but for the one
 * cycle still to be broken: {@code trace}, {@code run} and {@code budget} (an operation
 * knows its run; a run is traced and holds budgets). The test reads every reference
 * to another package of agent-tracing in the sources (imports and qualified names) and
 * fails on any other cycle, and once that one is broken, so that the known list shrinks.
 */
class PackageCyclesTests {

	private static final Path SOURCES = Path.of("src", "main", "java", "dev", "agenttracing");

	private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.agenttracing\\.([a-z]+)\\.[A-Z]");

	private static final Set<Set<String>> KNOWN_CYCLES = Set.of(Set.of("budget", "run", "trace"));

	@Test
	void packagesHaveNoCycleButTheKnownOne() throws IOException {
		Map<String, Set<String>> graph = dependencies();
		assertThat(graph).as("packages read").containsKeys("trace", "run", "capture", "redaction", "diagnosis");
		assertThat(graph.get("capture")).as("capture's dependencies").contains("redaction", "text");
		assertThat(cycles(graph)).as("package cycles (each a strongly connected set of packages)")
			.containsExactlyInAnyOrderElementsOf(KNOWN_CYCLES);
	}

	private static Map<String, Set<String>> dependencies() throws IOException {
		Map<String, Set<String>> graph = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String from = SOURCES.relativize(file).getName(0).toString();
				Set<String> to = graph.computeIfAbsent(from, (name) -> new TreeSet<>());
				Matcher matcher = REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
				while (matcher.find()) {
					if (!matcher.group(1).equals(from)) {
						to.add(matcher.group(1));
					}
				}
			}
		}
		return graph;
	}

	/** Tarjan's strongly connected components of more than one package. */
	private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
		Map<String, Integer> index = new HashMap<>();
		Map<String, Integer> low = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		List<Set<String>> cycles = new ArrayList<>();
		for (String node : graph.keySet()) {
			if (!index.containsKey(node)) {
				connect(node, graph, index, low, stack, cycles);
			}
		}
		return cycles;
	}

	private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
			Map<String, Integer> low, Deque<String> stack, List<Set<String>> cycles) {
		index.put(node, index.size());
		low.put(node, index.get(node));
		stack.push(node);
		for (String next : graph.getOrDefault(node, Set.of())) {
			if (!index.containsKey(next)) {
				connect(next, graph, index, low, stack, cycles);
				low.put(node, Math.min(low.get(node), low.get(next)));
			}
			else if (stack.contains(next)) {
				low.put(node, Math.min(low.get(node), index.get(next)));
			}
		}
		if (low.get(node).equals(index.get(node))) {
			Set<String> component = new TreeSet<>();
			String member;
			do {
				member = stack.pop();
				component.add(member);
			}
			while (!member.equals(node));
			if (component.size() > 1) {
				cycles.add(component);
			}
		}
	}

}
