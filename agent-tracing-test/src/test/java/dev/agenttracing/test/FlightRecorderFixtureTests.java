package dev.agenttracing.test;

import java.time.Instant;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run downloaded from the flight recorder ({@code /actuator/agentruns/{traceId}}) loads
 * as a fixture. The committed file follows the recorder's {@code RunTree} as built on the
 * {@code recorder} branch.
 */
class FlightRecorderFixtureTests {

	private static final String FIXTURE = "fixtures/flight-recorder-run.json";

	@Test
	void recorderRunLoadsWithItsFailedToolSubAgentBudgetAndLoopEvents() {
		AgentTraces fixture = TraceFixtures.loadResource(FIXTURE);

		assertThat(fixture.runs()).hasSize(1);
		AgentRunTrace run = fixture.lastRun();
		assertThatRun(run).hasAgentName("support-router")
			.succeeded()
			.hasSteps("chat", "execute_tool lookupCustomer", "execute_tool escalateToBilling", "chat")
			.hasFailedTools("lookupCustomer")
			.hasSubAgents("billing-specialist")
			.exceededBudget("total_tokens")
			.usedAtMostTokens(300)
			.hasAttribute("agent.cost", 0.0021)
			.hasAttribute("agent.budget.exceeded_names", List.of("total_tokens"))
			.hasEvent("agent.iteration", "agent.iteration.tool_calls", List.of("lookupCustomer", "escalateToBilling"))
			.hasEvent("agent.budget.exceeded", "agent.budget.actual", 300.0)
			.hasEvent("agent.loop_terminated", "agent.loop.termination_reason", "final_answer");
		assertThatRun(run).toolCall("lookupCustomer")
			.failedWith("dev.acme.CustomerNotFoundException")
			.hasEvent("exception", "exception.message", "customer c-404 not found");
		assertThat(run.toolCalls("lookupCustomer").get(0).span().getStatus().getDescription())
			.isEqualTo("customer c-404 not found");
		assertThatRun(run).subAgent("billing-specialist").succeeded().hasAttribute("workflow.run_id", run.runId());
	}

	@Test
	void timesAreRebuiltFromTheTimelinesZeroAndTheOffsets() {
		AgentRunTrace run = TraceFixtures.loadResource(FIXTURE).lastRun();

		long zero = Instant.parse("2026-11-21T10:15:30Z").getEpochSecond() * 1_000_000_000L;
		SpanData lookup = run.toolCalls("lookupCustomer").get(0).span();
		assertThat(run.span().getStartEpochNanos()).isEqualTo(zero);
		assertThat(run.span().getEndEpochNanos()).isEqualTo(zero + 2_100_000_000L);
		assertThat(lookup.getStartEpochNanos()).isEqualTo(zero + 810_000_000L);
		assertThat(lookup.getEndEpochNanos()).isEqualTo(zero + 815_000_000L);
		assertThat(lookup.getEvents().get(0).getEpochNanos()).isEqualTo(zero + 814_000_000L);
		assertThat(lookup.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(lookup.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(run.span().getAttributes().get(AttributeKey.longKey("agent.model_calls"))).isEqualTo(2L);
	}

	@Test
	void recorderRunWrittenAsOtlpJsonGivesTheSameSnapshot() {
		AgentRunTrace fromRecorder = TraceFixtures.loadResource(FIXTURE).lastRun();

		String otlp = new OtlpJsonTraceFormat().write(fromRecorder.traceSpans());
		AgentRunTrace fromOtlp = TraceFixtures.parse(otlp).lastRun();

		assertThat(TraceSnapshot.of(fromOtlp)).isEqualTo(TraceSnapshot.of(fromRecorder));
		assertThat(TraceSnapshot.of(fromRecorder).json()).contains("\"agent.cost\" : 0.0021",
				"\"statusMessage\" : \"customer c-404 not found\"", "\"gen_ai.response.id\" : \"<gen_ai.response.id #2>\"");
	}

}
