package dev.agenttracing.test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.recorder.FlightRecorder;
import dev.agenttracing.recorder.FlightRecorderLimits;

import dev.agenttracing.test.support.ReplayDeskConfiguration;
import dev.agenttracing.test.support.ReplayDeskConfiguration.PricingSpecialist;
import dev.agenttracing.test.support.ReplayDeskConfiguration.PricingTable;
import dev.agenttracing.test.support.ReplayDeskConfiguration.SwitchableChatModel;
import dev.agenttracing.test.support.ReplayDeskConfiguration.TriageDesk;
import dev.agenttracing.test.support.SupportDeskApplication;
import dev.agenttracing.test.support.SupportDeskApplication.SupportAgent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static dev.agenttracing.test.ReplayChatModel.continueWith;
import static dev.agenttracing.test.ScriptedChatModel.answer;
import static dev.agenttracing.test.ScriptedChatModel.call;
import static dev.agenttracing.test.ScriptedChatModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A run recorded with the scripted model, replayed through the same agent code by a
 * {@link ReplayChatModel}: the same tree when nothing changed, a departure when a tool's
 * result changed, tools answered from the recording, streamed and nested runs.
 */
@SpringBootTest(classes = { SupportDeskApplication.class, ReplayDeskConfiguration.class },
		properties = { SupportDeskApplication.NO_PROVIDER, "agent-tracing.capture.agents.triage-desk=true",
				"agent-tracing.capture.agents.pricing-specialist=true" })
@AgentTracingTest
class ReplayTests {

	private static final String QUESTION = "How much is the Pro plan in JPY?";

	@Autowired
	AgentTraces traces;

	@Autowired
	ScriptedChatModel scripted;

	@Autowired
	ReplayChatModel replay;

	@Autowired
	SwitchableChatModel model;

	@Autowired
	PricingTable pricing;

	@Autowired
	TriageDesk desk;

	@Autowired
	PricingSpecialist specialist;

	@Autowired
	SupportAgent supportAgent;

	@AfterEach
	void recordAgain() {
		this.model.use(this.scripted);
		this.pricing.reset();
		this.specialist.instructions(PricingSpecialist.INSTRUCTIONS);
	}

	@Test
	void replayOfAnUnchangedAgentGivesTheSameAnswerAndTheSameTree() {
		AgentRunTrace recorded = recordPricingInYen();
		this.traces.reset();

		this.model.use(this.replay.replay(RecordedRun.of(recorded)));
		String answer = this.desk.handle(QUESTION);

		AgentRunTrace replayed = this.traces.lastRun("triage-desk");
		assertThat(answer).isEqualTo("The Pro plan costs 4,900 JPY per month.");
		assertThat(TraceSnapshot.of(replayed)).isEqualTo(TraceSnapshot.of(recorded));
		assertThat(this.replay.departures()).isEmpty();
		assertThat(this.replay.unreplayedCalls()).isEmpty();
		assertThat(this.pricing.lookups()).as("the tool ran again").isEqualTo(2);
	}

	@Test
	void fixedToolMakesTheReplayDepartAtTheModelCallThatReadsItsResult() {
		RecordedRun recorded = RecordedRun.of(recordPricingInYen());
		this.traces.reset();
		this.pricing.fix();

		this.model.use(this.replay.replay(recorded));
		ReplayDepartureException departure = catchThrowableOfType(ReplayDepartureException.class,
				() -> this.desk.handle(QUESTION));

		assertThat(departure).hasMessageStartingWith(
				"The replayed run departed from its recording at model call 2 of agent 'triage-desk':\n"
						+ "what the model is sent now differs from what was recorded\n"
						+ "  input messages $[2].parts[0].response: recorded {} but now \"Unsupported currency: JPY; supported: [EUR, USD]\"\n")
			.hasMessageContaining("recorded: [{\"role\":\"user\"")
			.hasMessageContaining("now:      [{\"role\":\"user\"")
			.hasMessageContaining("onDeparture(continueWith(...))");
		assertThat(this.replay.departure()).contains(departure.departure());
		assertThat(departure.departure().agentName()).isEqualTo("triage-desk");
		assertThat(departure.departure().callIndex()).isEqualTo(1);
		AgentRunTrace replayed = this.traces.lastRun("triage-desk");
		assertThatRun(replayed).hasOutcome("error")
			.hasSteps("chat", "execute_tool lookupPrice", "chat")
			.toolCall("lookupPrice")
			.resultContains("Unsupported currency: JPY");
	}

	@Test
	void departureCanContinueWithScriptedAnswers() {
		RecordedRun recorded = RecordedRun.of(recordPricingInYen());
		this.traces.reset();
		this.pricing.fix();

		this.model.use(this.replay.replay(recorded)
			.onDeparture(continueWith(answer("fix-1", "We do not price in JPY yet: the Pro plan is 49 USD a month.",
					"STOP", 180, 20))));
		String answer = this.desk.handle(QUESTION);

		assertThat(answer).isEqualTo("We do not price in JPY yet: the Pro plan is 49 USD a month.");
		assertThat(this.replay.departures()).singleElement()
			.satisfies((departure) -> assertThat(departure.callIndex()).isEqualTo(1));
		assertThatRun(this.traces.lastRun("triage-desk")).succeeded()
			.hasSteps("chat", "execute_tool lookupPrice", "chat")
			.answerContains("We do not price in JPY")
			.modelCall(1)
			.hasAttribute("gen_ai.response.model", ScriptedChatModel.DEFAULT_MODEL);
	}

	@Test
	void changedQuestionDepartsAtTheFirstModelCall() {
		RecordedRun recorded = RecordedRun.of(recordPricingInYen());

		this.model.use(this.replay.replay(recorded));
		ReplayDepartureException departure = catchThrowableOfType(ReplayDepartureException.class,
				() -> this.desk.handle("How much is the Pro plan in EUR?"));

		assertThat(departure.departure().callIndex()).isZero();
		assertThat(departure.departure().differences()).containsExactly(
				"input messages $[0].parts[0].content: recorded \"How much is the Pro plan in JPY?\" but now \"How much is the Pro plan in EUR?\"");
		assertThat(this.pricing.lookups()).isEqualTo(1);
	}

	@Test
	void stubbedToolIsAnsweredFromTheRecordingAndItsSpanIsMarked() {
		RecordedRun recorded = RecordedRun.of(recordPricingInYen());
		this.traces.reset();
		this.pricing.fix();

		this.model.use(this.replay.replay(recorded).stubTools("lookupPrice"));
		String answer = this.desk.handle(QUESTION);

		assertThat(answer).isEqualTo("The Pro plan costs 4,900 JPY per month.");
		assertThat(this.pricing.lookups()).as("the tool did not run again").isEqualTo(1);
		assertThatRun(this.traces.lastRun("triage-desk")).succeeded()
			.toolCall("lookupPrice")
			.hasResult("{}")
			.hasAttribute(ReplayChatModel.REPLAYED_TOOL_KEY, "true");
		assertThat(this.replay.departures()).isEmpty();
	}

	@Test
	void streamedRunReplaysToTheSameAnswerAndTree() {
		this.scripted.script(
				toolCalls("resp-1", 120, 20, call("call-1", "lookupPrice", "{\"plan\":\"pro\",\"currency\":\"EUR\"}")),
				answer("resp-2", "The Pro plan costs 45.00 EUR per month.", "STOP", 160, 12));
		String recordedAnswer = String.join("", this.desk.stream("How much is the Pro plan in EUR?").collectList().block());
		AgentRunTrace recorded = this.traces.awaitRun("triage-desk", Duration.ofSeconds(5));
		this.traces.reset();

		this.model.use(this.replay.replay(RecordedRun.of(recorded)));
		String answer = String.join("", this.desk.stream("How much is the Pro plan in EUR?").collectList().block());

		AgentRunTrace replayed = this.traces.awaitRun("triage-desk", Duration.ofSeconds(5));
		assertThat(answer).isEqualTo(recordedAnswer).isEqualTo("The Pro plan costs 45.00 EUR per month.");
		SnapshotRules timings = SnapshotRules.defaults().ignoringAttributes("gen_ai.response.time_to_first_chunk");
		assertThat(TraceSnapshot.of(replayed, timings)).isEqualTo(TraceSnapshot.of(recorded, timings));
		assertThat(this.replay.unreplayedCalls()).isEmpty();
	}

	@Test
	void nestedAgentsCallsAreMatchedWithinTheirOwnRecordedRun() {
		this.scripted.script(
				toolCalls("resp-1", 100, 20,
						call("call-1", "askPricingSpecialist", "{\"question\":\"Pro plan price in GBP?\"}")),
				answer("resp-2", "The Pro plan costs 39 GBP a month.", "STOP", 80, 10),
				answer("resp-3", "Our pricing specialist says: 39 GBP a month.", "STOP", 160, 12));
		this.desk.handle("How much is the Pro plan in GBP?");
		AgentRunTrace recorded = this.traces.lastRun("triage-desk");
		RecordedRun recording = RecordedRun.of(recorded);
		assertThat(recording.subRuns()).singleElement()
			.satisfies((subRun) -> assertThat(subRun.modelCalls()).singleElement()
				.satisfies((modelCall) -> assertThat(modelCall.text()).isEqualTo("The Pro plan costs 39 GBP a month.")));
		this.traces.reset();

		this.model.use(this.replay.replay(recording));
		String answer = this.desk.handle("How much is the Pro plan in GBP?");

		AgentRunTrace replayed = this.traces.lastRun("triage-desk");
		assertThat(answer).isEqualTo("Our pricing specialist says: 39 GBP a month.");
		assertThat(TraceSnapshot.of(replayed)).isEqualTo(TraceSnapshot.of(recorded));
		assertThatRun(replayed).subAgent("pricing-specialist").hasModelCalls(1).answerContains("39 GBP");
	}

	@Test
	void departureInsideASubAgentNamesTheSubAgent() {
		this.scripted.script(
				toolCalls("resp-1", 100, 20,
						call("call-1", "askPricingSpecialist", "{\"question\":\"Pro plan price in GBP?\"}")),
				answer("resp-2", "The Pro plan costs 39 GBP a month.", "STOP", 80, 10),
				answer("resp-3", "Our pricing specialist says: 39 GBP a month.", "STOP", 160, 12));
		this.desk.handle("How much is the Pro plan in GBP?");
		RecordedRun recording = RecordedRun.of(this.traces.lastRun("triage-desk"));
		this.specialist.instructions("You are the pricing specialist. Quote prices with VAT.");

		this.model.use(this.replay.replay(recording));
		ReplayDepartureException departure = catchThrowableOfType(ReplayDepartureException.class,
				() -> this.desk.handle("How much is the Pro plan in GBP?"));

		// the sub-agent's failure became the specialist tool's result; the run fails with the first departure
		assertThat(departure).hasMessageStartingWith(
				"The replayed run departed from its recording at model call 1 of agent 'pricing-specialist':");
		assertThat(this.replay.departures()).singleElement().isSameAs(departure.departure());
		assertThat(departure.departure().differences()).containsExactly(
				"system instructions $[0].content: recorded \"You are the pricing specialist.\" but now \"You are the pricing specialist. Quote prices with VAT.\"");
	}

	@Test
	void runRecordedWithoutContentCannotBeReplayedAndSaysHowToRecordIt() {
		this.scripted.script(answer("resp-1", "Hello.", "STOP", 10, 2));
		this.supportAgent.handleWithoutCapture("Hi");
		AgentRunTrace quiet = this.traces.lastRun("quiet-router");

		assertThatIllegalArgumentException().isThrownBy(() -> RecordedRun.of(quiet))
			.withMessageStartingWith("Run 'quiet-router' was recorded without content, so it cannot be replayed")
			.withMessageContaining("agent-tracing.capture.agents.quiet-router=true")
			.withMessageContaining("agent-tracing.capture.keep=earned");
	}

	@Test
	void recordedRunLoadsFromTheFlightRecordersJsonWithItsAnswers() {
		AgentRunTrace recorded = recordPricingInYen();
		FlightRecorder recorder = new FlightRecorder(FlightRecorderLimits.defaults());
		recorder.record(recorded.traceSpans());
		String json = JsonMapper.builder()
			.build()
			.writeValueAsString(recorder.run(recorded.span().getTraceId()).orElseThrow());

		RecordedRun loaded = RecordedRun.read(new ByteArrayInputStream(
				json.getBytes(StandardCharsets.UTF_8)));

		assertThat(loaded.agentName()).isEqualTo("triage-desk");
		assertThat(loaded.modelCalls()).hasSize(2);
		assertThat(loaded.modelCalls().get(0).toolCalls()).singleElement()
			.satisfies((toolCall) -> assertThat(toolCall.name()).isEqualTo("lookupPrice"));
		assertThat(loaded.modelCalls().get(1).text()).isEqualTo("The Pro plan costs 4,900 JPY per month.");
		assertThat(loaded.modelCalls().get(1).finishReasons()).containsExactly("stop");
		assertThat(loaded.modelCalls().get(1).inputTokens()).isEqualTo(160);
		assertThat(loaded.toolExecutions()).singleElement()
			.satisfies((execution) -> assertThat(execution.result()).contains("{}"));
	}

	@Test
	void redactedQuestionReplaysWithoutDeparture() {
		String question = "How much is the Pro plan in JPY? Send it to jane.doe@example.com";
		this.scripted.script(
				toolCalls("resp-1", 120, 20, call("call-1", "lookupPrice", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				answer("resp-2", "The Pro plan costs 4,900 JPY per month.", "STOP", 160, 12));
		this.desk.handle(question);
		RecordedRun recorded = RecordedRun.of(this.traces.lastRun("triage-desk"));
		assertThat(recorded.modelCalls().get(0).inputMessages()).contains("Send it to [REDACTED:email]")
			.doesNotContain("jane.doe");

		this.model.use(this.replay.replay(recorded));
		String answer = this.desk.handle(question);

		assertThat(answer).isEqualTo("The Pro plan costs 4,900 JPY per month.");
		assertThat(this.replay.departures()).isEmpty();
	}

	@Test
	void stubbedToolThatFailedInTheRecordingAnswersWithItsRecordedError() {
		this.pricing.fix();
		this.scripted.script(
				toolCalls("resp-1", 120, 20, call("call-1", "lookupPrice", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				answer("resp-2", "We have no JPY price.", "STOP", 160, 12));
		this.desk.handle(QUESTION);
		RecordedRun recorded = RecordedRun.of(this.traces.lastRun("triage-desk"));
		assertThat(recorded.toolExecutions()).singleElement()
			.satisfies((execution) -> assertThat(execution.failed()).isTrue());
		this.pricing.reset();

		this.model.use(this.replay.replay(recorded).stubTools("lookupPrice"));
		String answer = this.desk.handle(QUESTION);

		assertThat(answer).isEqualTo("We have no JPY price.");
		assertThat(this.replay.departures()).isEmpty();
		assertThat(this.pricing.lookups()).isZero();
		assertThatRun(this.traces.lastRun("triage-desk")).toolCall("lookupPrice")
			.failedWith(IllegalArgumentException.class)
			.hasAttribute(ReplayChatModel.REPLAYED_TOOL_KEY, "true");
	}

	@Test
	void runSavedAsOtlpJsonReplaysToTheSameTree(@TempDir Path directory) {
		AgentRunTrace recorded = recordPricingInYen();
		Path file = TraceFixtures.save(recorded, directory.resolve("pricing-in-jpy.otlp.json"));
		this.traces.reset();

		this.model.use(this.replay.replay(RecordedRun.load(file)));
		this.desk.handle(QUESTION);

		assertThat(TraceSnapshot.of(this.traces.lastRun("triage-desk"))).isEqualTo(TraceSnapshot.of(recorded));
	}

	@Test
	void runOfAnAgentTheRecordingDoesNotHaveDeparts() {
		RecordedRun recorded = RecordedRun.of(recordPricingInYen());
		this.model.use(this.replay.replay(recorded));
		this.desk.handle(QUESTION);

		ReplayDepartureException again = catchThrowableOfType(ReplayDepartureException.class,
				() -> this.desk.handle(QUESTION));
		assertThat(again.departure().differences())
			.containsExactly("the recording has no more runs of agent 'triage-desk' (it has runs of [triage-desk])");

		this.model.use(this.replay.replay(recorded));
		ReplayDepartureException other = catchThrowableOfType(ReplayDepartureException.class,
				() -> this.supportAgent.handle("Hi"));
		assertThat(other).hasMessageStartingWith(
				"The replayed run departed from its recording at model call 1 of agent 'support-router':\n"
						+ "  the recording has no run of agent 'support-router' (it has runs of [triage-desk])\n");
	}

	private AgentRunTrace recordPricingInYen() {
		this.scripted.script(
				toolCalls("resp-1", 120, 20, call("call-1", "lookupPrice", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				answer("resp-2", "The Pro plan costs 4,900 JPY per month.", "STOP", 160, 12));
		this.desk.handle(QUESTION);
		AgentRunTrace recorded = this.traces.lastRun("triage-desk");
		List<SpanData> tools = recorded.named("execute_tool lookupPrice");
		assertThat(tools).hasSize(1);
		return recorded;
	}

}
