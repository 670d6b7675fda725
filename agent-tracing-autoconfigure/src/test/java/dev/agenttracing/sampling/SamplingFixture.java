package dev.agenttracing.sampling;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;
import dev.agenttracing.trace.TracingFailures;

/**
 * A real OpenTelemetry SDK with a {@link TraceSamplingProcessor} in front of a
 * {@code SimpleSpanProcessor} and an in-memory exporter, a controllable clock, and the
 * spans an agent trace is made of.
 */
final class SamplingFixture implements AutoCloseable {

	static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");

	static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

	static final AttributeKey<String> SYSTEM_INSTRUCTIONS = AttributeKey.stringKey("gen_ai.system_instructions");

	static final AttributeKey<String> TOOL_ARGUMENTS = AttributeKey.stringKey("gen_ai.tool.call.arguments");

	static final String DETAILS_EVENT = "gen_ai.client.inference.operation.details";

	final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	final TestClock clock = TestClock.create();

	final TracingFailures failures = new TracingFailures();

	final TraceSamplingProcessor processor;

	final SdkTracerProvider provider;

	final Tracer tracer;

	SamplingFixture(SamplingPolicy policy) {
		this(policy, SamplingLimits.defaults());
	}

	SamplingFixture(SamplingPolicy policy, SamplingLimits limits) {
		this(policy, limits, IdGenerator.random(), SpanLimits.getDefault());
	}

	SamplingFixture(SamplingPolicy policy, SamplingLimits limits, IdGenerator ids, SpanLimits spanLimits) {
		this.processor = TraceSamplingProcessor.builder(SimpleSpanProcessor.create(this.exporter))
			.policy(policy)
			.limits(limits)
			.clock(this.clock)
			.sweepInterval(Duration.ZERO)
			.failures(this.failures)
			.build();
		this.provider = SdkTracerProvider.builder()
			.setClock(this.clock)
			.setIdGenerator(ids)
			.setSpanLimits(spanLimits)
			.addSpanProcessor(this.processor)
			.build();
		this.tracer = this.provider.get("sampling-tests");
	}

	/** A policy whose default rule keeps the given share of successes. */
	static SamplingPolicy keeping(double successRatio) {
		return SamplingPolicy.builder().defaultRule(SamplingRule.defaults().withSuccessRatio(successRatio)).build();
	}

	/** An id generator that yields the same ids for the same seed. */
	static IdGenerator seeded(long seed) {
		Random random = new Random(seed);
		return new IdGenerator() {

			@Override
			public synchronized String generateSpanId() {
				long id;
				do {
					id = random.nextLong();
				}
				while (id == 0);
				return SpanId.fromLong(id);
			}

			@Override
			public synchronized String generateTraceId() {
				long high = random.nextLong();
				long low;
				do {
					low = random.nextLong();
				}
				while (high == 0 && low == 0);
				return TraceId.fromLongs(high, low);
			}

		};
	}

	/** An id generator that yields the given trace ids, in order, and random span ids. */
	static IdGenerator traceIds(String... traceIds) {
		Iterator<String> next = List.of(traceIds).iterator();
		IdGenerator spanIds = IdGenerator.random();
		return new IdGenerator() {

			@Override
			public String generateSpanId() {
				return spanIds.generateSpanId();
			}

			@Override
			public synchronized String generateTraceId() {
				return next.next();
			}

		};
	}

	/** An HTTP server span with no parent: the local root of plain traffic. */
	Span http(String name) {
		return this.tracer.spanBuilder(name).setNoParent().setSpanKind(SpanKind.SERVER).startSpan();
	}

	Span run(String agent, Span parent) {
		return runBuilder(agent).setParent(Context.root().with(parent)).startSpan();
	}

	Span rootRun(String agent) {
		return runBuilder(agent).setNoParent().startSpan();
	}

	Span chat(Span parent) {
		return this.tracer.spanBuilder("chat gpt-4o")
			.setParent(Context.root().with(parent))
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.CHAT)
			.setAttribute(GenAiAttributes.REQUEST_MODEL, "gpt-4o")
			.setAttribute(INPUT_MESSAGES, "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"refund?\"}]}]")
			.setAttribute(OUTPUT_MESSAGES, "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"no\"}]}]")
			.startSpan();
	}

	Span tool(String name, Span parent) {
		return this.tracer.spanBuilder("execute_tool " + name)
			.setParent(Context.root().with(parent))
			.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.EXECUTE_TOOL)
			.setAttribute(GenAiAttributes.TOOL_NAME, name)
			.setAttribute(TOOL_ARGUMENTS, "{\"plan\":\"pro\"}")
			.startSpan();
	}

	Span child(String name, Span parent) {
		return this.tracer.spanBuilder(name).setParent(Context.root().with(parent)).startSpan();
	}

	static void fail(Span span) {
		span.setStatus(StatusCode.ERROR);
		span.setAttribute(GenAiAttributes.ERROR_TYPE, "java.lang.IllegalStateException");
	}

	/** End a run with an outcome, failed runs with status ERROR as the run aspect does. */
	static void end(Span run, String outcome) {
		run.setAttribute(AgentAttributes.OUTCOME, outcome);
		if ("error".equals(outcome)) {
			fail(run);
		}
		run.end();
	}

	/** Make every span end find its trace held for at least this long. */
	void advance(Duration duration) {
		this.clock.advance(duration);
	}

	List<SpanData> exported() {
		return this.exporter.getFinishedSpanItems();
	}

	List<String> exportedNames() {
		return exported().stream().map(SpanData::getName).sorted().toList();
	}

	SpanData exported(String name) {
		List<SpanData> named = exported().stream().filter((span) -> span.getName().equals(name)).toList();
		if (named.size() != 1) {
			throw new AssertionError("Expected one exported span named '" + name + "' in " + exportedNames());
		}
		return named.get(0);
	}

	Map<String, Long> exportedSpansByTrace() {
		return exported().stream().collect(Collectors.groupingBy(SpanData::getTraceId, Collectors.counting()));
	}

	SamplingStats stats() {
		return this.processor.stats();
	}

	@Override
	public void close() {
		this.provider.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
	}

	private SpanBuilder runBuilder(String agent) {
		return this.tracer.spanBuilder("invoke_agent " + agent)
			.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.INVOKE_AGENT)
			.setAttribute(GenAiAttributes.AGENT_NAME, agent)
			.setAttribute(SYSTEM_INSTRUCTIONS, "You route support tickets.");
	}

}
