package dev.agenttracing.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.agenttracing.autoconfigure.AgentTracingProperties;
import dev.agenttracing.redaction.DefaultRedactor;
import dev.agenttracing.redaction.Redactor;

/**
 * Throughput of the default redactor on what agents send: many short values (100 to 300
 * bytes), one call per value, a mix of chat message parts (plain text), JSON tool
 * arguments and JSON tool results, one in five holding a value a detector must find. An
 * operation is one value; multiply by the mean size (recorded as the fact
 * {@code meanBytes}) for MB/s on one core. {@link CpuTime} gives the CPU time per value,
 * steadier than wall-clock time on a shared machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class RedactorShortValuesBenchmark {

	private static final int VALUES = 1_024;

	private static final String[] CHAT = { "Hi, I was charged twice for the pro plan this month, order 2024-118-7731.",
			"Could you check why the invoice shows 49 EUR twice? I only upgraded once, on the 3rd.",
			"We call the API from our build server with client 2.14.3, nightly at 02:00 UTC.",
			"The refund goes back to the original payment method within three to five business days.",
			"I have opened ticket T-1001 with billing; you will get an e-mail when it is processed.",
			"Sure, the annual plan is 490 EUR per seat and year, two months free compared to monthly." };

	private static final String[] SENSITIVE = { "jane.doe@example.com", "+44 20 7946 0958", "4111 1111 1111 1111",
			"DE89 3704 0044 0532 0130 00", "sk-proj-4f9KqLmZ2xT8vB1nR7cW3yH6dJ0pA5sE", "203.0.113.42",
			"06 12 34 56 78", "password=Tr0ub4dor&3" };

	private Redactor redactor;

	private String[] values;

	private boolean[] json;

	@Setup
	public void prepare() {
		this.redactor = DefaultRedactor.create(new AgentTracingProperties().getRedaction().toConfig());
		Random random = new Random(42);
		List<String> values = new ArrayList<>();
		List<Boolean> json = new ArrayList<>();
		long bytes = 0;
		while (values.size() < VALUES) {
			String sensitive = (random.nextInt(5) == 0) ? SENSITIVE[random.nextInt(SENSITIVE.length)] : null;
			String chat = CHAT[random.nextInt(CHAT.length)];
			String value = switch (random.nextInt(3)) {
				case 0 -> (sensitive != null) ? chat + " You can reach me at " + sensitive + "." : chat + " Thanks!";
				case 1 -> "{\"customer_id\":\"C-" + (10000 + random.nextInt(90000)) + "\",\"query\":\""
						+ ((sensitive != null) ? sensitive : "refund status") + "\",\"limit\":" + (1 + random.nextInt(20))
						+ ",\"include_closed\":false,\"fields\":[\"status\",\"amount\",\"created_at\"]}";
				default -> "{\"results\":[{\"id\":" + random.nextInt(100000) + ",\"status\":\"open\",\"amount\":49.0,"
						+ "\"note\":\"" + chat + ((sensitive != null) ? " " + sensitive : "") + "\"}],\"total\":1}";
			};
			int size = value.getBytes(StandardCharsets.UTF_8).length;
			if (size < 100 || size > 300) {
				continue;
			}
			values.add(value);
			json.add(value.startsWith("{"));
			bytes += size;
		}
		this.values = values.toArray(String[]::new);
		this.json = new boolean[VALUES];
		for (int i = 0; i < VALUES; i++) {
			this.json[i] = json.get(i);
		}
		Map<String, Object> fact = new LinkedHashMap<>();
		fact.put("kind", "redactor-short-values");
		fact.put("values", VALUES);
		fact.put("meanBytes", bytes / VALUES);
		BenchmarkFacts.record(fact);
	}

	@Benchmark
	@OperationsPerInvocation(VALUES)
	public void redact(Blackhole blackhole, CpuTime cpu) {
		cpu.operations += VALUES;
		Redactor redactor = this.redactor;
		for (int i = 0; i < VALUES; i++) {
			blackhole.consume(this.json[i] ? redactor.redactJson(this.values[i]) : redactor.redactText(this.values[i]));
		}
	}

}
