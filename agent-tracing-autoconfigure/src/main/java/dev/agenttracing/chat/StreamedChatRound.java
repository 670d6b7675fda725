package dev.agenttracing.chat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.trace.SpanAttributes;
import dev.agenttracing.trace.SpanEnding;
import dev.agenttracing.trace.TracingFailures;

/**
 * One streamed model round as {@link ChatStreamTimingAdvisor} sees it: when its first
 * chunk came and whether its subscriber cancelled it. Its span writes
 * {@code gen_ai.response.time_to_first_chunk} before it ends: the provider stops the
 * observation when its stream completes, and a short answer can complete before its
 * first chunk has crossed the {@code ChatClient}'s thread hop ({@code publishOn}) to the
 * advisor; the span then ends as soon as the advisor sees the first chunk or the end of
 * the stream, that hop later.
 */
final class StreamedChatRound implements SpanEnding {

	private static final long NONE = Long.MIN_VALUE;

	private final AtomicLong firstChunkAt = new AtomicLong(NONE);

	private final AtomicReference<@Nullable PendingEnd> pendingEnd = new AtomicReference<>();

	private volatile long startedAt = NONE;

	private volatile boolean cancelled;

	private volatile boolean terminated;

	private final TracingFailures failures;

	StreamedChatRound(TracingFailures failures) {
		this.failures = failures;
	}

	@Override
	public void spanStarted() {
		this.startedAt = System.nanoTime();
	}

	void chunk() {
		if (this.firstChunkAt.get() == NONE && this.firstChunkAt.compareAndSet(NONE, System.nanoTime())) {
			endPendingSpan();
		}
	}

	void cancelled() {
		this.cancelled = true;
	}

	void terminated() {
		this.terminated = true;
		endPendingSpan();
	}

	boolean isCancelled() {
		return this.cancelled;
	}

	@Override
	public void endSpan(SpanAttributes attributes, Runnable end) {
		this.pendingEnd.set(new PendingEnd(attributes, end));
		if (this.firstChunkAt.get() != NONE || this.terminated) {
			endPendingSpan();
		}
	}

	/**
	 * Seconds from the start of the span to the first chunk. Both are read from
	 * {@code System.nanoTime()}, the clock of OpenTelemetry's span times, the start just
	 * after the span's and the chunk before the span's end, so it is never more than the
	 * span's duration.
	 * @return the time, or {@code null} without a chunk
	 */
	@Nullable Double timeToFirstChunk() {
		long started = this.startedAt;
		long first = this.firstChunkAt.get();
		if (started == NONE || first == NONE) {
			return null;
		}
		return Math.max(0, first - started) / 1_000_000_000.0;
	}

	private void endPendingSpan() {
		PendingEnd pending = this.pendingEnd.getAndSet(null);
		if (pending == null) {
			return;
		}
		try {
			pending.attributes().put(GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK, timeToFirstChunk());
		}
		catch (Throwable ex) {
			this.failures.record("time to first chunk", ex);
		}
		finally {
			pending.end().run();
		}
	}

	private record PendingEnd(SpanAttributes attributes, Runnable end) {
	}

}
