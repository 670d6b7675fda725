package dev.agenttracing.redaction;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the default redactor allocates, counted by the JVM for this thread after warm-up:
 * a figure that does not depend on how busy the machine is, unlike time (throughput is
 * measured in JMH: {@code RedactorBenchmark}, {@code RedactorShortValuesBenchmark}). The
 * budgets hold the one-pass JSON reader's gains: before it, a short value cost about
 * 4,500 bytes.
 */
class RedactionAllocationTests {

	/** Measured 2,300 bytes per value on JDK 17 and 25; budget: that plus about 30%. */
	private static final long SHORT_VALUE_BUDGET = 3_000;

	/** Measured 7.6 bytes per input character of JSON message arrays (JDK 17); budget: that plus about 30%. */
	private static final double LONG_JSON_BUDGET_PER_CHAR = 10;

	private static final String[] CHAT = { "Hi, I was charged twice for the pro plan this month, order 2024-118-7731.",
			"Could you check why the invoice shows 49 EUR twice? I only upgraded once, on the 3rd.",
			"We call the API from our build server with client 2.14.3, nightly at 02:00 UTC.",
			"The refund goes back to the original payment method within three to five business days." };

	private static final String[] SENSITIVE = { "jane.doe@example.com", "+44 20 7946 0958", "4111 1111 1111 1111",
			"DE89 3704 0044 0532 0130 00", "203.0.113.42", "password=Tr0ub4dor&3" };

	private final Redactor redactor = DefaultRedactor.create(RedactionConfig.defaults());

	@Test
	void aShortValueCostsFewBytes() {
		List<String> values = shortValues();
		double perValue = bytesPerCall(values, (value) -> value.startsWith("{") ? this.redactor.redactJson(value)
				: this.redactor.redactText(value));
		System.out.printf("Redaction allocates %.0f bytes per short value%n", perValue);
		assertThat(perValue).isLessThan(SHORT_VALUE_BUDGET);
	}

	@Test
	void longJsonCostsAboutItsOwnSize() {
		List<String> conversations = ChatCorpus.jsonConversations(3, 200_000, 0.01);
		double chars = conversations.stream().mapToInt(String::length).average().orElseThrow();
		double perChar = bytesPerCall(conversations, this.redactor::redactJson) / chars;
		System.out.printf("Redaction allocates %.2f bytes per character of JSON message arrays%n", perChar);
		assertThat(perChar).isLessThan(LONG_JSON_BUDGET_PER_CHAR);
	}

	/** Bytes this thread allocates per call, the median of rounds after warm-up. */
	private static double bytesPerCall(List<String> inputs, Function<String, RedactionResult> redact) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long id = Thread.currentThread().getId();
		long sink = 0;
		for (int warm = 0; warm < 200; warm++) {
			for (String input : inputs) {
				sink += redact.apply(input).value().length();
			}
		}
		List<Double> rounds = new ArrayList<>();
		for (int round = 0; round < 9; round++) {
			long before = threads.getThreadAllocatedBytes(id);
			for (int i = 0; i < 10; i++) {
				for (String input : inputs) {
					sink += redact.apply(input).value().length();
				}
			}
			rounds.add((threads.getThreadAllocatedBytes(id) - before) / (10.0 * inputs.size()));
		}
		assertThat(sink).isPositive();
		return rounds.stream().sorted().toList().get(rounds.size() / 2);
	}

	/** 1,000 values of 100 to 300 characters: chat parts, JSON tool arguments and results. */
	private static List<String> shortValues() {
		Random random = new Random(42);
		List<String> values = new ArrayList<>();
		while (values.size() < 1_000) {
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
			if (value.length() >= 100 && value.length() <= 300) {
				values.add(value);
			}
		}
		return values;
	}

}
