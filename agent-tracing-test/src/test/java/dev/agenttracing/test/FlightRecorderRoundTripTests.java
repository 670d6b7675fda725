package dev.agenttracing.test;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.recorder.FlightRecorder;
import dev.agenttracing.recorder.FlightRecorderLimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the flight recorder serves ({@code /actuator/agentruns/{traceId}}, the viewer's
 * download) loads back, through {@link FlightRecorderTraceFormat}, as the spans that were
 * recorded: the contract between the two, checked on the recorder's own output rather than
 * on a copy of it.
 */
class FlightRecorderRoundTripTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final long ZERO = TimeUnit.SECONDS.toNanos(1_795_000_000L);

	@Test
	void aRecordedRunLoadsBackAsTheSpansThatWereRecorded() {
		List<SpanData> exported = List.of(
				span("53995c3f42cd8ad8", "00f067aa0ba902b7", "chat gpt-4o", SpanKind.CLIENT, 1, 800, StatusData.unset(),
						Attributes.builder()
							.put("gen_ai.operation.name", "chat")
							.put("gen_ai.usage.input_tokens", 120L)
							.put("gen_ai.request.temperature", 0.2)
							.put(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("tool_call"))
							.build(),
						List.of()),
				span("b7ad6b7169203331", "00f067aa0ba902b7", "execute_tool lookupCustomer", SpanKind.INTERNAL, 810,
						815, StatusData.create(StatusCode.ERROR, "customer c-404 not found"),
						Attributes.builder()
							.put("gen_ai.operation.name", "execute_tool")
							.put("gen_ai.tool.name", "lookupCustomer")
							.put("error.type", "dev.acme.CustomerNotFoundException")
							.build(),
						List.of(EventData.create(ZERO + TimeUnit.MILLISECONDS.toNanos(814), "exception",
								Attributes.builder().put("exception.message", "customer c-404 not found").build()))),
				span("00f067aa0ba902b7", null, "invoke_agent support-router", SpanKind.INTERNAL, 0, 2100,
						StatusData.unset(),
						Attributes.builder()
							.put("gen_ai.operation.name", "invoke_agent")
							.put("gen_ai.agent.name", "support-router")
							.put("agent.outcome", "success")
							.put("agent.budget.exceeded", true)
							.put(AttributeKey.longArrayKey("agent.step.tokens"), List.of(120L, 180L))
							.build(),
						List.of(EventData.create(ZERO + TimeUnit.MILLISECONDS.toNanos(801), "agent.iteration",
								Attributes.builder()
									.put("agent.iteration.number", 1L)
									.put(AttributeKey.stringArrayKey("agent.iteration.tool_calls"),
											List.of("lookupCustomer"))
									.build()))));
		FlightRecorder recorder = new FlightRecorder(FlightRecorderLimits.defaults());
		recorder.record(exported);

		String json = JsonMapper.builder().build().writeValueAsString(recorder.run(TRACE_ID).orElseThrow());
		AgentTraces loaded = TraceFixtures.parse(json);

		assertThat(loaded.lastRun().agentName()).isEqualTo("support-router");
		List<SpanData> spans = loaded.spans()
			.stream()
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
			.toList();
		List<SpanData> expected = exported.stream()
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
			.toList();
		assertThat(spans).hasSize(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			SpanData span = spans.get(i);
			SpanData original = expected.get(i);
			assertThat(span.getTraceId()).isEqualTo(original.getTraceId());
			assertThat(span.getSpanId()).isEqualTo(original.getSpanId());
			assertThat(span.getParentSpanContext().isValid()).isEqualTo(original.getParentSpanContext().isValid());
			assertThat(span.getParentSpanId()).isEqualTo(original.getParentSpanId());
			assertThat(span.getName()).isEqualTo(original.getName());
			assertThat(span.getKind()).isEqualTo(original.getKind());
			assertThat(span.getStartEpochNanos()).isEqualTo(original.getStartEpochNanos());
			assertThat(span.getEndEpochNanos()).isEqualTo(original.getEndEpochNanos());
			assertThat(span.getStatus()).isEqualTo(original.getStatus());
			assertThat(span.getAttributes()).isEqualTo(original.getAttributes());
			assertThat(span.getEvents()).extracting(EventData::getName, EventData::getEpochNanos,
					EventData::getAttributes)
				.containsExactlyElementsOf(original.getEvents()
					.stream()
					.map((event) -> tuple(event.getName(), event.getEpochNanos(),
							event.getAttributes()))
					.toList());
		}
	}

	private static SpanData span(String spanId, String parentSpanId, String name, SpanKind kind, long startMillis,
			long endMillis, StatusData status, Attributes attributes, List<EventData> events) {
		return TestSpanData.builder()
			.setSpanContext(SpanContext.create(TRACE_ID, spanId, TraceFlags.getSampled(), TraceState.getDefault()))
			.setParentSpanContext((parentSpanId != null)
					? SpanContext.create(TRACE_ID, parentSpanId, TraceFlags.getSampled(), TraceState.getDefault())
					: SpanContext.getInvalid())
			.setName(name)
			.setKind(kind)
			.setStartEpochNanos(ZERO + TimeUnit.MILLISECONDS.toNanos(startMillis))
			.setEndEpochNanos(ZERO + TimeUnit.MILLISECONDS.toNanos(endMillis))
			.setStatus(status)
			.setAttributes(attributes)
			.setEvents(events)
			.setTotalRecordedEvents(events.size())
			.setHasEnded(true)
			.build();
	}

}
