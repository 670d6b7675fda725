package dev.agenttracing.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import dev.agenttracing.export.CountingSpanExporter;
import dev.agenttracing.recorder.AgentRunsEndpoint;
import dev.agenttracing.recorder.FlightRecorder;
import dev.agenttracing.recorder.FlightRecorderLimits;
import dev.agenttracing.recorder.FlightRecorderSpanExporter;
import dev.agenttracing.recorder.FlightRecorderViewerController;
import dev.agenttracing.recorder.RunQuery;
import dev.agenttracing.recorder.RunSummary;
import dev.agenttracing.recorder.RunTree;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every condition and override of {@link AgentRecorderAutoConfiguration}, and the place of
 * the recorder in Spring Boot's span export.
 */
class AgentRecorderAutoConfigurationTests {

	private static final AutoConfigurations TRACING = AutoConfigurations.of(ObservationAutoConfiguration.class,
			OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
			MicrometerTracingAutoConfiguration.class, AgentRedactionAutoConfiguration.class,
			AgentExportAutoConfiguration.class, AgentTracingAutoConfiguration.class,
			AgentRecorderAutoConfiguration.class);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(TRACING)
		.withPropertyValues("management.tracing.sampling.probability=1.0");

	@Test
	void theRecorderIsOnByDefaultAndIsOneOfTheExporters() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(FlightRecorder.class)
				.hasSingleBean(FlightRecorderSpanExporter.class)
				.doesNotHaveBean(AgentRunsEndpoint.class)
				.doesNotHaveBean(FlightRecorderViewerController.class);
			// Each exporter of Boot's batch processor is counted (agent.tracing.export.spans).
			assertThat(context.getBean(SpanExporters.class).list())
				.map((exporter) -> ((CountingSpanExporter) exporter).delegate())
				.contains(context.getBean(FlightRecorderSpanExporter.class));
			assertThat(context.getBean(FlightRecorder.class).limits()).isEqualTo(FlightRecorderLimits.defaults());
		});
	}

	@Test
	void theRecorderReceivesTheRunsThatAreExported() {
		this.runner.run((context) -> {
			exportRun(context, "support-router", "success");

			assertThat(context.getBean(FlightRecorder.class).runs(RunQuery.all()).runs()).singleElement()
				.satisfies((run) -> {
					assertThat(run.agentName()).isEqualTo("support-router");
					assertThat(run.outcome()).isEqualTo("success");
					assertThat(run.userId()).isEqualTo("c-007");
					assertThat(run.spanCount()).isEqualTo(3);
				});
		});
	}

	@Test
	void theRecorderNeverHoldsWhatTheExportFilteredOut() {
		this.runner.withUserConfiguration(NoModelCallsExported.class).run((context) -> {
			exportRun(context, "support-router", "success");

			FlightRecorder recorder = context.getBean(FlightRecorder.class);
			RunSummary run = recorder.runs(RunQuery.all()).runs().get(0);
			assertThat(recorder.run(run.traceId()).orElseThrow().spans()).extracting(RunTree.Span::name)
				.containsExactly("http post /tickets", "invoke_agent support-router");
		});
	}

	@Test
	void theRecorderHoldsOnlyTheTracesTailSamplingKeeps() {
		this.runner.withPropertyValues("agent-tracing.sampling.success-ratio=0.0").run((context) -> {
			exportRun(context, "support-router", "success");
			exportRun(context, "billing-specialist", "error");

			assertThat(context.getBean(FlightRecorder.class).runs(RunQuery.all()).runs()).singleElement()
				.satisfies((run) -> {
					assertThat(run.agentName()).isEqualTo("billing-specialist");
					assertThat(run.outcome()).isEqualTo("error");
				});
			assertThat(context.getBean(FlightRecorder.class).stats().pendingTraces()).isZero();
		});
	}

	@Test
	void theRecorderNeverHoldsWhatHeadSamplingDropped() {
		this.runner
			.withPropertyValues("agent-tracing.sampling.enabled=false", "management.tracing.sampling.probability=0.0")
			.run((context) -> {
				exportRun(context, "support-router", "error");

				assertThat(context.getBean(FlightRecorder.class).stats().pendingTraces()).isZero();
				assertThat(context.getBean(FlightRecorder.class).runs(RunQuery.all()).runs()).isEmpty();
			});
	}

	@Test
	void propertiesSetTheBounds() {
		this.runner
			.withPropertyValues("agent-tracing.recorder.max-successful-runs=5",
					"agent-tracing.recorder.max-failed-runs=7", "agent-tracing.recorder.max-pending-traces=9",
					"agent-tracing.recorder.max-spans-per-run=11", "agent-tracing.recorder.max-run-size=64KB",
					"agent-tracing.recorder.max-value-length=1000")
			.run((context) -> assertThat(context.getBean(FlightRecorder.class).limits())
				.isEqualTo(new FlightRecorderLimits(5, 7, 9, 11, 64 * 1024, 1000)));
	}

	@Test
	void theRecorderCanBeSwitchedOff() {
		this.runner.withPropertyValues("agent-tracing.recorder.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FlightRecorder.class)
				.doesNotHaveBean(FlightRecorderSpanExporter.class));
	}

	@Test
	void theRecorderIsOffWithAgentTracing() {
		this.runner.withPropertyValues("agent-tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FlightRecorder.class)
				.doesNotHaveBean(FlightRecorderSpanExporter.class));
	}

	@Test
	void theRecorderBacksOffWithoutTheOpenTelemetrySdk() {
		this.runner.withClassLoader(new FilteredClassLoader("io.opentelemetry.sdk.trace"))
			.run((context) -> assertThat(context).doesNotHaveBean(FlightRecorder.class));
	}

	@Test
	void userBeansReplaceTheRecorderAndItsExporter() {
		this.runner.withUserConfiguration(UserRecorder.class).run((context) -> {
			assertThat(context).getBean(FlightRecorder.class).isSameAs(context.getBean("userRecorder"));
			assertThat(context).getBean(FlightRecorderSpanExporter.class).isSameAs(context.getBean("userExporter"));
		});
	}

	@Test
	void theEndpointExistsOnlyWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(AgentRunsEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health,agentruns")
			.run((context) -> assertThat(context).hasSingleBean(AgentRunsEndpoint.class));
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=agentruns",
					"management.endpoint.agentruns.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(AgentRunsEndpoint.class));
	}

	@Test
	void theViewerIsOffByDefault() {
		new WebApplicationContextRunner().withConfiguration(TRACING)
			.run((context) -> assertThat(context).hasSingleBean(FlightRecorder.class)
				.doesNotHaveBean(FlightRecorderViewerController.class));
	}

	@Test
	void theViewerIsServedByAServletApplicationThatTurnsItOn() {
		new WebApplicationContextRunner().withConfiguration(TRACING)
			.withPropertyValues("agent-tracing.recorder.viewer.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(FlightRecorderViewerController.class));
	}

	@Test
	void theViewerNeedsAServletApplication() {
		this.runner.withPropertyValues("agent-tracing.recorder.viewer.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(FlightRecorderViewerController.class));
	}

	/**
	 * An HTTP request that runs an agent that calls a model, made with the application's
	 * tracer and handed to its span processors (tail sampling, then the batch export).
	 */
	private static void exportRun(AssertableApplicationContext context, String agent, String outcome) {
		Tracer tracer = context.getBean(Tracer.class);
		Span request = tracer.spanBuilder("http post /tickets").startSpan();
		try (Scope requestScope = request.makeCurrent()) {
			Span run = tracer.spanBuilder("invoke_agent " + agent)
				.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.INVOKE_AGENT)
				.setAttribute(GenAiAttributes.AGENT_NAME, agent)
				.setAttribute(AgentAttributes.USER_ID, "c-007")
				.startSpan();
			try (Scope runScope = run.makeCurrent()) {
				tracer.spanBuilder("chat gpt-4o")
					.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.CHAT)
					.startSpan()
					.end();
			}
			run.setAttribute(AgentAttributes.OUTCOME, outcome);
			if (!"success".equals(outcome)) {
				run.setStatus(StatusCode.ERROR);
			}
			run.end();
		}
		request.end();
		assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
			.isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class NoModelCallsExported {

		@Bean
		SpanExportingPredicate noModelCalls() {
			return (span) -> !span.getName().startsWith("chat ");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRecorder {

		@Bean
		FlightRecorder userRecorder() {
			return new FlightRecorder(new FlightRecorderLimits(1, 1, 1, 1, 1024, 100));
		}

		@Bean
		FlightRecorderSpanExporter userExporter(FlightRecorder recorder) {
			return new FlightRecorderSpanExporter(recorder, new TracingFailures());
		}

	}

}
