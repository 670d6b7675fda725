package dev.agenttracing.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the bytes of one agent run go, by owner: the JVM's count of the bytes the calling
 * thread allocated (exact) split by JFR's allocation events, attributed by their stack traces:
 * {@code jdk.ObjectAllocationInNewTLAB}, weighted by the new TLAB's size, and
 * {@code jdk.ObjectAllocationOutsideTLAB}, weighted by the object's size. Run it with small,
 * fixed TLABs ({@code -XX:TLABSize=2k -XX:-ResizeTLAB}) so that there are many events per run.
 * <p>
 * An allocation belongs to the innermost frame that is not a general-purpose utility (the
 * JDK, Micrometer's {@code KeyValue}s, Spring's {@code util}), so a {@code HashMap} a Spring AI
 * convention fills is Spring AI's, and a span's attributes map is the OpenTelemetry SDK's.
 * The second view ("on behalf of") charges what the tracing libraries (Micrometer, the
 * OpenTelemetry SDK) allocate to the application-level code that called them: agent-tracing,
 * Spring AI, Spring Boot, or the benchmark's own agent.
 * <p>
 * Run with
 * {@code java -XX:TLABSize=2k -XX:-ResizeTLAB -XX:FlightRecorderOptions:stackdepth=512 -cp agent-tracing-benchmarks.jar dev.agenttracing.benchmarks.AllocationProfile [runs] [scenario...]}.
 */
public final class AllocationProfile {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final List<String> UTILITY = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
			"io.micrometer.common.", "org.springframework.util.", "kotlin.");

	private static final List<String> TRACING_LIBRARIES = List.of("io.micrometer.", "io.opentelemetry.");

	private AllocationProfile() {
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 5_000;
		List<AgentRunScenario> scenarios = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			scenarios.add(AgentRunScenario.valueOf(args[i]));
		}
		if (scenarios.isEmpty()) {
			scenarios = List.of(AgentRunScenario.NO_TRACING, AgentRunScenario.HAND_WRITTEN,
					AgentRunScenario.SPRING_AI_OBSERVATIONS, AgentRunScenario.STARTER);
		}
		for (AgentRunScenario scenario : scenarios) {
			profile(scenario, runs);
		}
	}

	private static void profile(AgentRunScenario scenario, int runs) throws Exception {
		try (AgentRunner runner = AgentRunner.start(scenario, List.of(), null)) {
			for (int i = 0; i < 5_000; i++) {
				runner.run();
			}
			runner.flush();
			long thread = Thread.currentThread().getId();
			Path file = Files.createTempFile("allocation-" + scenario.name(), ".jfr");
			long before;
			long after;
			try (Recording recording = new Recording()) {
				recording.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace();
				recording.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
				recording.start();
				before = THREADS.getThreadAllocatedBytes(thread);
				for (int i = 0; i < runs; i++) {
					runner.run();
				}
				after = THREADS.getThreadAllocatedBytes(thread);
				recording.stop();
				recording.dump(file);
			}
			double bytesPerRun = (double) (after - before) / runs;
			Map<String, Double> owners = new HashMap<>();
			Map<String, Double> behalf = new HashMap<>();
			Map<String, Double> ownSites = new HashMap<>();
			Map<String, Double> otherThreads = new HashMap<>();
			double sampled = 0;
			long samples = 0;
			Map<String, Double> appSites = new HashMap<>();
			for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
				String type = event.getEventType().getName();
				double weight;
				if (type.equals("jdk.ObjectAllocationInNewTLAB")) {
					weight = event.getLong("tlabSize");
				}
				else if (type.equals("jdk.ObjectAllocationOutsideTLAB")) {
					weight = event.getLong("allocationSize");
				}
				else {
					continue;
				}
				samples++;
				if (event.getThread("eventThread") == null
						|| event.getThread("eventThread").getJavaThreadId() != thread) {
					String name = (event.getThread("eventThread") != null)
							? event.getThread("eventThread").getJavaName() : "?";
					otherThreads.merge(name, weight, Double::sum);
					continue;
				}
				sampled += weight;
				List<RecordedFrame> frames = frames(event.getStackTrace());
				String owner = owner(frames);
				owners.merge(owner, weight, Double::sum);
				behalf.merge(onBehalfOf(frames), weight, Double::sum);
				if (owner.equals("agent-tracing")) {
					ownSites.merge(site(frames, event.getClass("objectClass").getName(), "dev.agenttracing.", "dev.agenttracing.benchmarks."), weight, Double::sum);
				}
				else if (owner.startsWith("the benchmark")) {
					appSites.merge(site(frames, event.getClass("objectClass").getName(), "dev.agenttracing.benchmarks.", "-"), weight, Double::sum);
				}
			}
			Files.deleteIfExists(file);
			double scale = (sampled > 0) ? bytesPerRun / sampled : 0;
			System.out.printf("%n## %s: %,.0f B/run on the calling thread (ThreadMXBean, %,d runs after 5,000; %,d samples)%n",
					scenario.name(), bytesPerRun, runs, samples);
			print("owner (innermost non-utility frame)", owners, scale, 0);
			print("on behalf of (Micrometer and OpenTelemetry charged to their caller)", behalf, scale, 0);
			if (!ownSites.isEmpty()) {
				print("agent-tracing's own allocation sites (frame, allocated type)", ownSites, scale, 25);
			}
			print("the benchmark's own sites", appSites, scale, 8);
			print("other threads during the runs (not in B/run above)", otherThreads, 1.0 / runs, 0);
		}
	}

	private static void print(String title, Map<String, Double> weights, double scale, int limit) {
		double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
		System.out.printf("%n| %s | B/run | share |%n|---|---|---|%n", title);
		List<Map.Entry<String, Double>> sorted = new ArrayList<>(weights.entrySet());
		sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
		int shown = 0;
		for (Map.Entry<String, Double> entry : sorted) {
			if (limit > 0 && shown++ >= limit) {
				break;
			}
			System.out.printf("| %s | %,.0f | %.1f%% |%n", entry.getKey(), entry.getValue() * scale,
					100 * entry.getValue() / total);
		}
	}

	private static List<RecordedFrame> frames(RecordedStackTrace stack) {
		return (stack != null) ? stack.getFrames() : List.of();
	}

	private static String className(RecordedFrame frame) {
		return frame.getMethod().getType().getName();
	}

	private static boolean startsWithAny(String name, List<String> prefixes) {
		for (String prefix : prefixes) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** The innermost frame that is not a utility names the owner. */
	static String owner(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = className(frame);
			if (!frame.isJavaFrame() || startsWithAny(type, UTILITY)) {
				continue;
			}
			return category(type);
		}
		return "JDK only (no library frame in the stack)";
	}

	/** The innermost frame that is neither a utility nor a tracing library. */
	static String onBehalfOf(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = className(frame);
			if (!frame.isJavaFrame() || startsWithAny(type, UTILITY) || startsWithAny(type, TRACING_LIBRARIES)) {
				continue;
			}
			return category(type);
		}
		return "no caller outside Micrometer/OpenTelemetry in the stack";
	}

	static String category(String type) {
		if (type.startsWith("dev.agenttracing.benchmarks.")) {
			return "the benchmark's agent, tools, model and counting exporter";
		}
		if (type.startsWith("dev.agenttracing.")) {
			return "agent-tracing";
		}
		if (type.startsWith("org.springframework.ai.")) {
			return (type.contains(".observation.") || type.contains("Observation"))
					? "Spring AI observation contexts and conventions" : "Spring AI (ChatClient, tool loop, messages)";
		}
		if (type.startsWith("io.micrometer.observation.")) {
			return "Micrometer Observation";
		}
		if (type.startsWith("io.micrometer.tracing.otel.")) {
			return "Micrometer Tracing OpenTelemetry bridge";
		}
		if (type.startsWith("io.micrometer.tracing.")) {
			return "Micrometer Tracing (tracing observation handlers)";
		}
		if (type.startsWith("io.micrometer.")) {
			return "Micrometer (other)";
		}
		if (type.startsWith("io.opentelemetry.")) {
			return "OpenTelemetry API and SDK";
		}
		if (type.startsWith("org.springframework.boot.")) {
			return "Spring Boot";
		}
		if (type.startsWith("org.springframework.")) {
			return "Spring Framework (AOP, SpEL, core)";
		}
		if (type.startsWith("com.fasterxml.") || type.startsWith("tools.jackson.")) {
			return "Jackson";
		}
		if (type.startsWith("reactor.")) {
			return "Reactor";
		}
		String[] parts = type.split("\\.");
		return String.join(".", Arrays.copyOf(parts, Math.min(2, parts.length)));
	}

	/** The innermost agent-tracing frame and the allocated type. */
	private static String site(List<RecordedFrame> frames, String allocated, String prefix, String excluded) {
		for (RecordedFrame frame : frames) {
			String type = className(frame);
			if (type.startsWith(prefix) && !type.startsWith(excluded)) {
				return "`" + type.substring("dev.agenttracing.".length()) + "." + frame.getMethod().getName() + ":"
						+ frame.getLineNumber() + "` (" + allocated.substring(allocated.lastIndexOf('.') + 1) + ")";
			}
		}
		return "?";
	}

}
