package dev.agenttracing.trace;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.agenttracing.run.RunLocator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operation pipeline's end, as one operation meets it: the steps in their order, the
 * events they add written on the span, one end whatever a deferred end does, and the
 * shutdown ending a span whose deferred end never came.
 */
class OperationPipelineTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final TracingFailures failures = new TracingFailures();

	private final InFlightSpans inFlight = new InFlightSpans(this.failures);

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void stepsRunInTheirOrderAndTheirEventsAreWrittenOnTheSpanBeforeItEnds() {
		List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
		register(step("first", calls, null), step("second", calls, null));

		Observation.createNotStarted("operation", this.registry).start().stop();

		assertThat(calls).containsExactly("first:start", "second:start", "first:stop", "second:stop");
		SpanData span = onlySpan();
		assertThat(span.getEvents()).extracting((event) -> event.getName()).containsExactly("first", "second");
		assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("step"))).isEqualTo("first");
	}

	@Test
	void aDeferredEndThatEndsAndThenThrowsEndsTheSpanOnce() {
		register(step("deferring", new java.util.ArrayList<>(), new SpanEnding() {
			@Override
			public void spanStarted() {
			}

			@Override
			public void endSpan(SpanAttributes attributes, Runnable end) {
				end.run();
				throw new IllegalStateException("broken ending");
			}
		}));

		Observation.createNotStarted("operation", this.registry).start().stop();

		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		assertThat(this.inFlight.size()).isZero();
	}

	@Test
	void aSpanWhoseDeferredEndNeverComesIsEndedAtShutdown() {
		AtomicReference<Runnable> never = new AtomicReference<>();
		register(step("deferring", new java.util.ArrayList<>(), new SpanEnding() {
			@Override
			public void spanStarted() {
			}

			@Override
			public void endSpan(SpanAttributes attributes, Runnable end) {
				never.set(end);
			}
		}));

		Observation.createNotStarted("operation", this.registry).start().stop();

		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		assertThat(this.inFlight.size()).isOne();
		assertThat(this.inFlight.endAllAtShutdown()).isOne();
		SpanData span = onlySpan();
		assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
			.isEqualTo(InFlightSpans.SHUTDOWN_ERROR_TYPE);
		never.get().run();
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
	}

	private void register(OperationStep... steps) {
		OtelTracer tracer = new OtelTracer(this.provider.get("test"), new OtelCurrentTraceContext(), (event) -> {
		});
		this.registry.observationConfig()
			.observationHandler(new GenAiTracingObservationHandler(tracer, List.of(), List.of(steps),
					new RunLocator(() -> this.registry), this.failures, this.inFlight));
	}

	private SpanData onlySpan() {
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		return this.exporter.getFinishedSpanItems().get(0);
	}

	private static OperationStep step(String name, List<String> calls, SpanEnding ending) {
		return new OperationStep() {
			@Override
			public boolean supports(Observation.Context context) {
				return true;
			}

			@Override
			public void onStart(Observation.Context context, GenAiOperation operation) {
				calls.add(name + ":start");
				if (ending != null) {
					operation.deferEnd(ending);
				}
			}

			@Override
			public void onStop(Observation.Context context, GenAiOperation operation) {
				calls.add(name + ":stop");
				operation.event(name, Map.of("step", name));
			}
		};
	}

}
