package dev.agenttracing.redaction;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rough single-thread throughput measurement of the default redactor on support chat, to
 * catch gross regressions; the benchmark module measures it properly. Throughput is
 * reported per second of the measuring thread's CPU time (what one core does, whatever
 * else the machine runs) and per second of wall-clock time. Writes
 * {@code target/redaction-throughput.md}. The only assertion is a very loose floor.
 */
class RedactionThroughputTests {

	private static final int CHARS = 1_000_000;

	private static final double FLOOR_MB_PER_SECOND = 5;

	private static final Path REPORT = Path.of("target", "redaction-throughput.md");

	private final Redactor redactor = DefaultRedactor.create(RedactionConfig.defaults());

	@Test
	void defaultRedactorKeepsUpWithChatTraffic() throws IOException {
		long warmupMillis = Long.getLong("redaction.throughput.warmupMillis", 2_000);
		long measureMillis = Long.getLong("redaction.throughput.measureMillis", 2_000);
		StringBuilder report = new StringBuilder(
				"| Input (1 MB) | MB/s (CPU time) | MB/s (wall clock) | Redactions per MB |\n|---|---:|---:|---:|\n");
		List<Case> inputs = List.of(
				new Case("chat text, no PII", ChatCorpus.messages(1, CHARS, 0), this.redactor::redactText),
				new Case("chat text, ~1% PII", ChatCorpus.messages(2, CHARS, 0.01), this.redactor::redactText),
				new Case("JSON message arrays, no PII", ChatCorpus.jsonConversations(3, CHARS, 0),
						this.redactor::redactJson),
				new Case("JSON message arrays, ~1% PII", ChatCorpus.jsonConversations(4, CHARS, 0.01),
						this.redactor::redactJson));
		// All the code paths warm before any is measured.
		inputs.forEach((input) -> input.run(warmupMillis));
		double slowest = Double.MAX_VALUE;
		for (Case input : inputs) {
			double[] mbPerSecond = input.measure(warmupMillis / 4, measureMillis);
			slowest = Math.min(slowest, mbPerSecond[0]);
			report.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %d |%n", input.name, mbPerSecond[0],
					mbPerSecond[1], input.redactions()));
		}
		System.out.print(report);
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, report.toString(), StandardCharsets.UTF_8);
		assertThat(slowest).isGreaterThan(FLOOR_MB_PER_SECOND);
	}

	private record Case(String name, List<String> items, Function<String, RedactionResult> redact) {

		long chars() {
			return this.items.stream().mapToLong(String::length).sum();
		}

		int redactions() {
			return this.items.stream().mapToInt((item) -> this.redact.apply(item).total()).sum();
		}

		/** MB per second of CPU time and of wall-clock time. */
		double[] measure(long warmupMillis, long measureMillis) {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			run(warmupMillis);
			long cpuStart = threads.getCurrentThreadCpuTime();
			long start = System.nanoTime();
			int rounds = run(measureMillis);
			double megabytes = rounds * (chars() / 1e6);
			double wallSeconds = (System.nanoTime() - start) / 1e9;
			double cpuSeconds = threads.isCurrentThreadCpuTimeSupported()
					? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 : wallSeconds;
			return new double[] { megabytes / cpuSeconds, megabytes / wallSeconds };
		}

		int run(long millis) {
			long deadline = System.nanoTime() + millis * 1_000_000;
			int rounds = 0;
			long sink = 0;
			do {
				for (String item : this.items) {
					sink += this.redact.apply(item).value().length();
				}
				rounds++;
			}
			while (System.nanoTime() < deadline);
			if (sink == 42) {
				System.out.println();
			}
			return rounds;
		}

	}

}
