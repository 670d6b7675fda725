package dev.agenttracing.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
import org.openjdk.jmh.annotations.Warmup;

import dev.agenttracing.autoconfigure.AgentTracingProperties;
import dev.agenttracing.redaction.DefaultRedactor;
import dev.agenttracing.redaction.RedactionResult;
import dev.agenttracing.redaction.Redactor;

/**
 * Throughput of the default redactor, configured as the starter configures it by default,
 * on about 8 KB of support conversation, as plain text and as GenAI messages JSON, with
 * and without personal data. One thread: the report turns operations per second into
 * MB/s on one core with the input's UTF-8 size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class RedactorBenchmark {

	/** The input's form. */
	public enum Format {

		/** Plain text: {@link Redactor#redactText}. */
		TEXT,

		/** GenAI messages JSON: {@link Redactor#redactJson}. */
		JSON

	}

	@Param
	public Format format;

	@Param({ "false", "true" })
	public boolean personalData;

	private Redactor redactor;

	private String input;

	@Setup
	public void prepare() {
		this.redactor = DefaultRedactor.create(new AgentTracingProperties().getRedaction().toConfig());
		this.input = (this.format == Format.TEXT) ? ConversationText.text(this.personalData)
				: ConversationText.messagesJson(this.personalData);
		RedactionResult result = redactOnce();
		Map<String, Object> fact = new LinkedHashMap<>();
		fact.put("kind", "redactor");
		fact.put("format", this.format.name());
		fact.put("personalData", this.personalData);
		fact.put("inputBytes", this.input.getBytes(StandardCharsets.UTF_8).length);
		fact.put("redactions", result.total());
		BenchmarkFacts.record(fact);
	}

	@Benchmark
	public RedactionResult redact(CpuTime cpu) {
		cpu.operations++;
		return redactOnce();
	}

	private RedactionResult redactOnce() {
		return (this.format == Format.TEXT) ? this.redactor.redactText(this.input)
				: this.redactor.redactJson(this.input);
	}

}
