package dev.agenttracing.sampling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.Test;

import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roughly how much heap a held span costs, for sizing {@link SamplingLimits}. It prints;
 * it asserts nothing about the figure, which depends on the JVM.
 */
class BufferedSpanFootprintTests {

	private static final int SPANS = 100_000;

	private static final int SPANS_PER_TRACE = 50;

	@Test
	void printBytesPerHeldSpan() {
		long withoutContent = bytesPerHeldSpan(0);
		long withContent = bytesPerHeldSpan(1_000);
		System.out.printf("held span: about %d bytes without content, %d bytes with 2 x 1000 characters of content%n",
				withoutContent, withContent);
	}

	private long bytesPerHeldSpan(int contentLength) {
		SpanProcessor discarding = new SpanProcessor() {

			@Override
			public void onStart(Context parentContext, ReadWriteSpan span) {
			}

			@Override
			public boolean isStartRequired() {
				return false;
			}

			@Override
			public void onEnd(ReadableSpan span) {
			}

			@Override
			public boolean isEndRequired() {
				return true;
			}

		};
		TraceSamplingProcessor processor = TraceSamplingProcessor.builder(discarding)
			.limits(SamplingLimits.defaults().withMaxHeldSpans(SPANS).withMaxHeldTraces(SPANS / SPANS_PER_TRACE))
			.sweepInterval(Duration.ZERO)
			.build();
		SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
		Tracer tracer = provider.get("footprint");
		List<Span> runs = new ArrayList<>();
		for (int i = 0; i < SPANS / SPANS_PER_TRACE; i++) {
			runs.add(tracer.spanBuilder("invoke_agent support-router")
				.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.INVOKE_AGENT)
				.startSpan());
		}
		String content = "x".repeat(contentLength);
		long before = usedHeap();
		for (Span run : runs) {
			for (int i = 0; i < SPANS_PER_TRACE; i++) {
				Span chat = tracer.spanBuilder("chat gpt-4o")
					.setParent(Context.root().with(run))
					.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.CHAT)
					.setAttribute(GenAiAttributes.PROVIDER_NAME, "openai")
					.setAttribute(GenAiAttributes.REQUEST_MODEL, "gpt-4o")
					.setAttribute(GenAiAttributes.RESPONSE_MODEL, "gpt-4o-2024-08-06")
					.setAttribute(GenAiAttributes.RESPONSE_ID, "chatcmpl-" + i)
					.setAttribute(GenAiAttributes.RESPONSE_FINISH_REASONS, List.of("stop"))
					.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, 1200L)
					.setAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, 85L)
					.startSpan();
				if (contentLength > 0) {
					// Distinct strings, as real prompts and answers would be.
					chat.setAttribute(SamplingFixture.INPUT_MESSAGES, new String(content.toCharArray()));
					chat.setAttribute(SamplingFixture.OUTPUT_MESSAGES, new String(content.toCharArray()));
				}
				chat.end();
			}
		}
		long held = usedHeap();
		assertThat(processor.stats().heldSpans()).isEqualTo(SPANS);
		processor.forceFlush().join(10, TimeUnit.SECONDS);
		long released = usedHeap();
		assertThat(processor.stats().heldSpans()).isZero();
		System.out.printf("content %d chars: heap %d -> %d bytes holding %d spans -> %d bytes released%n",
				contentLength, before, held, SPANS, released);
		provider.shutdown().join(10, TimeUnit.SECONDS);
		runs.clear();
		return (held - released) / SPANS;
	}

	private static long usedHeap() {
		Runtime runtime = Runtime.getRuntime();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
