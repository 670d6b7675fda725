package dev.agenttracing.chat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

import dev.agenttracing.trace.SpanAttributes;
import dev.agenttracing.trace.TracingFailures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of a streamed round's span waits for its first chunk or the end of its stream,
 * and happens once.
 */
class StreamedChatRoundTests {

	private final StreamedChatRound round = new StreamedChatRound(new TracingFailures());

	private final RecordedAttributes attributes = new RecordedAttributes();

	private final AtomicInteger ends = new AtomicInteger();

	@Test
	void aSpanStoppedBeforeItsFirstChunkReachedTheAdvisorEndsWhenTheChunkComes() {
		this.round.spanStarted();
		this.round.endSpan(this.attributes, this.ends::incrementAndGet);

		assertThat(this.ends).hasValue(0);
		this.round.chunk();
		this.round.chunk();
		this.round.terminated();

		assertThat(this.ends).hasValue(1);
		assertThat(this.attributes.values).containsOnlyKeys("gen_ai.response.time_to_first_chunk");
		assertThat((Double) this.attributes.values.get("gen_ai.response.time_to_first_chunk")).isNotNegative();
	}

	@Test
	void aSpanStoppedAfterItsFirstChunkEndsAtOnce() {
		this.round.spanStarted();
		this.round.chunk();
		this.round.endSpan(this.attributes, this.ends::incrementAndGet);
		this.round.terminated();

		assertThat(this.ends).hasValue(1);
		assertThat((Double) this.attributes.values.get("gen_ai.response.time_to_first_chunk")).isPositive();
	}

	@Test
	void aStreamThatEndsWithoutAChunkEndsItsSpanWithoutTimeToFirstChunk() {
		this.round.spanStarted();
		this.round.endSpan(this.attributes, this.ends::incrementAndGet);
		this.round.cancelled();
		this.round.terminated();
		this.round.chunk();

		assertThat(this.ends).hasValue(1);
		assertThat(this.attributes.values).isEmpty();
		assertThat(this.round.isCancelled()).isTrue();
	}

	private static final class RecordedAttributes extends SpanAttributes {

		final Map<String, Object> values = new LinkedHashMap<>();

		@Override
		public void event(String name, Attributes attributes) {
		}

		@Override
		public void event(String name, Attributes attributes, Instant time) {
		}

		@Override
		public String traceId() {
			return "";
		}

		@Override
		protected void putString(String key, String value) {
			this.values.put(key, value);
		}

		@Override
		protected void putLong(String key, long value) {
			this.values.put(key, value);
		}

		@Override
		protected void putDouble(String key, double value) {
			this.values.put(key, value);
		}

		@Override
		protected void putBoolean(String key, boolean value) {
			this.values.put(key, value);
		}

		@Override
		protected void putStrings(String key, List<String> values) {
			this.values.put(key, values);
		}

	}

}
