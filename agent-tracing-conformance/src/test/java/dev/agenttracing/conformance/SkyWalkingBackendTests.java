package dev.agenttracing.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.agenttracing.conformance.OtlpTestReceiver.Transport;
import dev.agenttracing.conformance.SkyWalkingOap.ZipkinSpan;
import dev.agenttracing.sample.SupportRouterSample;
import dev.agenttracing.sample.router.ExampleTickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * End to end into a real backend: the sample's example runs exported by Spring Boot's
 * OTLP/gRPC exporter into Apache SkyWalking OAP, then each trace queried back through its
 * Zipkin API and compared, span by span, with what the applications produced (recorded in
 * memory next to the exporter). The export waits in the batch processor until the
 * applications close, so the traces reach the backend only through the flush at
 * shutdown. Runs with {@code -Pskywalking}.
 */
@Tag("skywalking")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SkyWalkingBackendTests {

	private static final Duration STORED_WITHIN = Duration.ofSeconds(60);

	private SkyWalkingOap oap;

	/** The runs' traces as the applications produced them, by trace id. */
	private final Map<String, List<SpanData>> produced = new LinkedHashMap<>();

	/** The same traces as the backend returns them. */
	private final Map<String, List<ZipkinSpan>> stored = new LinkedHashMap<>();

	private boolean storedBeforeShutdown;

	@BeforeAll
	void exportTheSampleRunsIntoSkyWalking() throws Exception {
		Path libs = Path.of(System.getProperty(SkyWalkingOap.LIBS_PROPERTY, "skywalking-oap/target/libs"));
		this.oap = SkyWalkingOap.start(libs, Path.of(System.getProperty("skywalking.work-dir", "target/skywalking")));
		InMemorySpanExporter memory = InMemorySpanExporter.create();
		SupportRouterSample.Running sample = ExportingSample.start(this.oap.otlpEndpoint(), Transport.GRPC,
				List.of(SimpleSpanProcessor.create(memory)), "management.opentelemetry.tracing.export.schedule-delay=1h",
				"management.opentelemetry.tracing.export.max-batch-size=4096",
				"management.opentelemetry.tracing.export.max-queue-size=8192");
		List<SpanData> spans;
		try {
			spans = memory.getFinishedSpanItems();
			spans.stream()
				.filter((span) -> span.getName().equals("invoke_agent support-router"))
				.forEach((run) -> this.produced.put(run.getTraceId(), spans.stream()
					.filter((span) -> span.getTraceId().equals(run.getTraceId()))
					.toList()));
			this.storedBeforeShutdown = this.produced.keySet()
				.stream()
				.anyMatch((traceId) -> !this.oap.trace(traceId).isEmpty());
		}
		finally {
			sample.close();
		}
		this.produced.forEach((traceId, trace) -> this.stored.put(traceId, await().atMost(STORED_WITHIN)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.oap.trace(traceId), (found) -> found.size() >= trace.size())));
	}

	@AfterAll
	void stopSkyWalking() {
		if (this.oap != null) {
			this.oap.close();
		}
	}

	@Test
	void runsWaitingInTheBatchProcessorReachTheBackendWhenTheApplicationsClose() {
		assertThat(this.storedBeforeShutdown).as("a trace was exported before shutdown").isFalse();
		assertThat(this.produced).hasSize(ExampleTickets.TICKETS.size());
		assertThat(this.stored.keySet()).containsExactlyElementsOf(this.produced.keySet());
	}

	@Test
	void everyRunIsStoredAsTheTreeTheApplicationsProduced() {
		this.produced.forEach((traceId, trace) -> {
			Map<String, ZipkinSpan> stored = this.stored.get(traceId)
				.stream()
				.collect(Collectors.toMap(ZipkinSpan::id, Function.identity()));
			assertThat(stored.keySet()).as("span ids of trace %s", traceId)
				.containsExactlyInAnyOrderElementsOf(trace.stream().map(SpanData::getSpanId).toList());
			for (SpanData span : trace) {
				ZipkinSpan zipkin = stored.get(span.getSpanId());
				String description = span.getName() + " in trace " + traceId;
				assertThat(zipkin.name()).as(description).isEqualTo(span.getName().toLowerCase(Locale.ROOT));
				assertThat(zipkin.parentId()).as("parent of %s", description)
					.isEqualTo(span.getParentSpanContext().isValid() ? span.getParentSpanId() : null);
				assertThat(zipkin.kind()).as("kind of %s", description).isEqualTo(zipkinKind(span.getKind()));
				Map<String, String> tags = zipkin.tagsOrEmpty();
				assertThat(tags).as("tags of %s", description)
					.containsEntry("service.name", span.getResource().getAttribute(AttributeKey.stringKey("service.name")))
					.containsEntry("deployment.environment.name", "conformance")
					.containsEntry("service.namespace", "acme-support");
				String operation = span.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"));
				if (operation != null) {
					assertThat(tags).as("tags of %s", description).containsEntry("gen_ai.operation.name", operation);
				}
				if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
					assertThat(tags).as("tags of %s", description)
						.containsEntry("error", "true")
						.containsEntry("otel.status_code", "STATUS_CODE_ERROR")
						.containsEntry("error.type", span.getAttributes().get(AttributeKey.stringKey("error.type")));
				}
				else {
					assertThat(tags).as("tags of %s", description).doesNotContainKey("error");
				}
				assertThat(zipkin.annotationValues()).as("annotations of %s", description)
					.map((value) -> value.substring(0, value.indexOf('|')))
					.containsExactlyElementsOf(span.getEvents().stream().map(EventData::getName).toList());
			}
		});
	}

	@Test
	void failedToolIsAnErrorWithItsExceptionInTheBackend() {
		ZipkinSpan lookup = storedSpan("execute_tool lookupcustomer");

		assertThat(lookup.kind()).isNull();
		assertThat(lookup.tagsOrEmpty()).containsEntry("span.kind", "internal")
			.containsEntry("error", "true")
			.containsEntry("otel.status_code", "STATUS_CODE_ERROR")
			.containsEntry("error.type", "dev.agenttracing.sample.router.CustomerNotFoundException")
			.containsEntry("gen_ai.tool.name", "lookupCustomer");
		assertThat(lookup.annotationValues()).singleElement()
			.asString()
			.startsWith("exception|")
			.contains("\"exception.type\":\"dev.agenttracing.sample.router.CustomerNotFoundException\"");
	}

	@Test
	void refusalIsAnAnnotationOnTheRun() {
		ZipkinSpan refused = this.stored.values()
			.stream()
			.flatMap(List::stream)
			.filter((span) -> "refused".equals(span.tagsOrEmpty().get("agent.outcome")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No refused run in " + this.stored));

		assertThat(refused.name()).isEqualTo("invoke_agent support-router");
		assertThat(refused.tagsOrEmpty()).doesNotContainKey("error").containsEntry("gen_ai.conversation.id", "T-1005");
		assertThat(refused.annotationValues()).hasSize(3)
			.anySatisfy((annotation) -> assertThat(annotation).startsWith("agent.iteration|"))
			.anySatisfy((annotation) -> assertThat(annotation).startsWith("agent.loop_terminated|")
				.contains("\"agent.loop.termination_reason\":\"refusal\""))
			.anySatisfy((annotation) -> assertThat(annotation).startsWith("agent.refused|")
				.contains("\"agent.refusal.reason\":\"content_filter\""));
	}

	@Test
	void billingSpecialistIsReachedOverHttpInTheSameTrace() {
		ZipkinSpan billing = storedSpan("invoke_agent billing-specialist");
		Map<String, ZipkinSpan> trace = this.stored.get(billing.traceId())
			.stream()
			.collect(Collectors.toMap(ZipkinSpan::id, Function.identity()));

		ZipkinSpan server = trace.get(billing.parentId());
		ZipkinSpan client = trace.get(server.parentId());
		ZipkinSpan tool = trace.get(client.parentId());
		ZipkinSpan run = trace.get(tool.parentId());
		assertThat(List.of(server, client, tool, run)).extracting(ZipkinSpan::name, ZipkinSpan::kind)
			.containsExactly(tuple("http post /agents/billing", "SERVER"),
					tuple("http post", "CLIENT"),
					tuple("execute_tool escalatetobilling", null),
					tuple("invoke_agent support-router", null));
		assertThat(run.parentId()).isNull();
		assertThat(trace.values()).filteredOn((span) -> billing.id().equals(span.parentId()))
			.extracting(ZipkinSpan::name)
			.containsExactly("chat offline-support-1");
	}

	private ZipkinSpan storedSpan(String name) {
		return this.stored.values()
			.stream()
			.flatMap(List::stream)
			.filter((span) -> span.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span named '" + name + "' stored in SkyWalking"));
	}

	/** Zipkin's model has no INTERNAL kind: such spans come back without one. */
	private static String zipkinKind(SpanKind kind) {
		return switch (kind) {
			case CLIENT, SERVER, PRODUCER, CONSUMER -> kind.name();
			case INTERNAL -> null;
		};
	}

}
