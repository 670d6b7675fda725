package dev.agenttracing.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.openjdk.jol.info.GraphLayout;

import dev.agenttracing.sampling.SamplingLimits;
import dev.agenttracing.sampling.TraceSamplingProcessor;
import dev.agenttracing.semconv.GenAiAttributes;

/**
 * Bytes the tail-sampling buffer holds per buffered span, measured two ways: the object
 * graph of the sampling processor walked by JOL (exact for this VM: object headers,
 * padding, compressed references), and the heap in use before and after (a cross-check,
 * noisier). Each trace is shaped like the benchmark's run: a local root left open while
 * its three {@code chat} and three {@code execute_tool} children end and are held, with
 * the starter's attributes, without content and with content capture's two 1,000
 * character messages on each {@code chat} span.
 * <p>
 * Run with {@code java -cp 'agent-tracing-benchmarks.jar' dev.agenttracing.benchmarks.SamplingBufferFootprint}.
 */
public final class SamplingBufferFootprint {

	private static final int TRACES = 3_000;

	private static final String[] TOOLS = { "lookupCustomer", "lookupPricing", "openTicket" };

	private SamplingBufferFootprint() {
	}

	public static void main(String[] args) {
		for (int contentChars : new int[] { 0, 1_000 }) {
			measure(contentChars);
		}
	}

	private static void measure(int contentChars) {
		TraceSamplingProcessor processor = TraceSamplingProcessor.builder(SpanProcessor.composite())
			.limits(SamplingLimits.defaults().withMaxHeldSpans(TRACES * 6).withMaxHeldTraces(TRACES))
			.sweepInterval(Duration.ZERO)
			.build();
		SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
		Tracer tracer = provider.get("footprint");
		List<Span> runs = new ArrayList<>(TRACES);
		for (int i = 0; i < TRACES; i++) {
			runs.add(tracer.spanBuilder("invoke_agent support-router")
				.setAttribute(GenAiAttributes.OPERATION_NAME, "invoke_agent")
				.setAttribute(GenAiAttributes.AGENT_NAME, "support-router")
				.startSpan());
		}
		long emptyGraph = GraphLayout.parseInstance(processor).totalSize();
		long emptyHeap = usedHeap();
		int i = 0;
		for (Span run : runs) {
			Context parent = Context.root().with(run);
			for (int round = 0; round < 3; round++) {
				Span chat = tracer.spanBuilder("chat scripted-model-1")
					.setParent(parent)
					.setSpanKind(SpanKind.CLIENT)
					.setAttribute(GenAiAttributes.OPERATION_NAME, "chat")
					.setAttribute(GenAiAttributes.PROVIDER_NAME, "openai")
					.setAttribute(GenAiAttributes.REQUEST_MODEL, "scripted-model-1")
					.setAttribute(GenAiAttributes.CONVERSATION_ID, "conv-" + i)
					.startSpan();
				chat.setAttribute(GenAiAttributes.RESPONSE_MODEL, "scripted-model-1-2026-01-01");
				chat.setAttribute(GenAiAttributes.RESPONSE_ID, "resp-" + i + "-" + round);
				chat.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, 412L + round);
				chat.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, 38L + round);
				chat.setAttribute(GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS, 206L);
				chat.setAttribute(GenAiAttributes.RESPONSE_FINISH_REASONS, List.of("tool_call"));
				if (contentChars > 0) {
					// Distinct strings, as real prompts and answers are.
					chat.setAttribute(GenAiAttributes.INPUT_MESSAGES, text(contentChars, i));
					chat.setAttribute(GenAiAttributes.OUTPUT_MESSAGES, text(contentChars, i + 1));
				}
				chat.end();
				Span tool = tracer.spanBuilder("execute_tool " + TOOLS[round])
					.setParent(parent)
					.setAttribute(GenAiAttributes.OPERATION_NAME, "execute_tool")
					.setAttribute(GenAiAttributes.TOOL_NAME, TOOLS[round])
					.setAttribute(GenAiAttributes.TOOL_CALL_ID, "call-" + i + "-" + round)
					.setAttribute(GenAiAttributes.TOOL_TYPE, "function")
					.setAttribute(GenAiAttributes.TOOL_DESCRIPTION, "A tool")
					.setAttribute(GenAiAttributes.AGENT_NAME, "support-router")
					.startSpan();
				tool.end();
			}
			i++;
		}
		long held = processor.stats().heldSpans();
		long heldGraph = GraphLayout.parseInstance(processor).totalSize();
		long heldHeap = usedHeap();
		Map<String, Object> fact = new LinkedHashMap<>();
		fact.put("kind", "sampling-buffer");
		fact.put("contentCharsPerMessage", contentChars);
		fact.put("heldSpans", held);
		fact.put("heldTraces", (long) processor.stats().heldTraces());
		fact.put("bytesPerSpanJol", (double) (heldGraph - emptyGraph) / held);
		fact.put("bytesPerSpanHeapDelta", (double) (heldHeap - emptyHeap) / held);
		fact.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		BenchmarkFacts.record(fact);
		runs.forEach(Span::end);
		provider.shutdown().join(10, TimeUnit.SECONDS);
	}

	private static String text(int length, int seed) {
		StringBuilder text = new StringBuilder(length);
		text.append("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"").append(seed).append(' ');
		while (text.length() < length - 4) {
			text.append("charged twice ");
		}
		text.setLength(length - 4);
		return text.append("\"}]}").toString();
	}

	private static long usedHeap() {
		Runtime runtime = Runtime.getRuntime();
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}


}
