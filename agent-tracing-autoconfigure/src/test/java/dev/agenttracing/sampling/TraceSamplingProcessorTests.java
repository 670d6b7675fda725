package dev.agenttracing.sampling;

import dev.agenttracing.semconv.AgentAttributes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;
import dev.agenttracing.trace.TracingFailures;

import static dev.agenttracing.sampling.SamplingFixture.DETAILS_EVENT;
import static dev.agenttracing.sampling.SamplingFixture.INPUT_MESSAGES;
import static dev.agenttracing.sampling.SamplingFixture.OUTPUT_MESSAGES;
import static dev.agenttracing.sampling.SamplingFixture.SYSTEM_INSTRUCTIONS;
import static dev.agenttracing.sampling.SamplingFixture.TOOL_ARGUMENTS;
import static dev.agenttracing.sampling.SamplingFixture.end;
import static dev.agenttracing.sampling.SamplingFixture.fail;
import static dev.agenttracing.sampling.SamplingFixture.keeping;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule of {@link TraceSamplingProcessor}, through the real SDK: what is exported,
 * whole or not at all, with content where it is due, and what is counted.
 */
class TraceSamplingProcessorTests {

	private static final SamplingPolicy NOTHING_BY_RATIO_EARNED_CONTENT = SamplingPolicy.builder()
		.defaultRule(SamplingRule.defaults()
			.withSuccessRatio(0.0)
			.withContentRetention(ContentRetention.EARNED)
			.withContentRatio(0.0))
		.build();

	private static final SamplingPolicy EVERYTHING_BY_RATIO_EARNED_CONTENT = SamplingPolicy.builder()
		.defaultRule(SamplingRule.defaults()
			.withSuccessRatio(1.0)
			.withContentRetention(ContentRetention.EARNED)
			.withContentRatio(0.0))
		.build();

	@Test
	void failedRunIsKeptWholeWithItsContentAndItsReason() {
		try (SamplingFixture traces = new SamplingFixture(NOTHING_BY_RATIO_EARNED_CONTENT)) {
			Span http = traces.http("POST /tickets");
			Span run = traces.run("support-router", http);
			traces.chat(run).end();
			traces.tool("lookup_pricing", run).end();
			end(run, "error");
			assertThat(traces.exported()).isEmpty();
			http.end();

			assertThat(traces.exportedNames()).containsExactly("POST /tickets", "chat gpt-4o",
					"execute_tool lookup_pricing", "invoke_agent support-router");
			assertThat(traces.exported("chat gpt-4o").getAttributes().get(INPUT_MESSAGES)).isNotNull();
			SpanData runSpan = traces.exported("invoke_agent support-router");
			assertThat(runSpan.getAttributes().get(AgentAttributes.SAMPLING_REASON)).isEqualTo("error");
			assertThat(runSpan.getAttributes().get(SYSTEM_INSTRUCTIONS)).isEqualTo("You route support tickets.");
			assertThat(traces.exported("POST /tickets").getAttributes().get(AgentAttributes.SAMPLING_REASON))
				.isNull();
			assertThat(traces.stats().tracesKept(SamplingReason.ERROR)).isEqualTo(1);
			assertThat(traces.stats().tracesKept()).isEqualTo(1);
			assertThat(traces.stats().spansKept()).isEqualTo(4);
			assertThat(traces.stats().spansContentStripped()).isZero();
		}
	}

	@Test
	void refusedRunIsKept() {
		try (SamplingFixture traces = new SamplingFixture(NOTHING_BY_RATIO_EARNED_CONTENT)) {
			Span run = traces.rootRun("support-router");
			traces.chat(run).end();
			end(run, "refused");

			assertThat(traces.exportedNames()).containsExactly("chat gpt-4o", "invoke_agent support-router");
			assertThat(traces.exported("invoke_agent support-router").getAttributes()
				.get(AgentAttributes.SAMPLING_REASON)).isEqualTo("refused");
			assertThat(traces.exported("chat gpt-4o").getAttributes().get(OUTPUT_MESSAGES)).isNotNull();
			assertThat(traces.stats().tracesKept(SamplingReason.REFUSED)).isEqualTo(1);
		}
	}

	@Test
	void failedToolInSuccessfulRunKeepsTheTrace() {
		try (SamplingFixture traces = new SamplingFixture(NOTHING_BY_RATIO_EARNED_CONTENT)) {
			Span run = traces.rootRun("support-router");
			Span tool = traces.tool("lookup_pricing", run);
			fail(tool);
			tool.end();
			traces.chat(run).end();
			end(run, "success");

			assertThat(traces.exportedNames()).containsExactly("chat gpt-4o", "execute_tool lookup_pricing",
					"invoke_agent support-router");
			assertThat(traces.exported("invoke_agent support-router").getAttributes()
				.get(AgentAttributes.SAMPLING_REASON)).isEqualTo("span_error");
			assertThat(traces.exported("execute_tool lookup_pricing").getAttributes().get(TOOL_ARGUMENTS)).isNotNull();
			assertThat(traces.stats().tracesKept(SamplingReason.SPAN_ERROR)).isEqualTo(1);
		}
	}

	@Test
	void runOverBudgetIsKept() {
		try (SamplingFixture traces = new SamplingFixture(NOTHING_BY_RATIO_EARNED_CONTENT)) {
			Span run = traces.rootRun("support-router");
			run.setAttribute(AgentAttributes.BUDGET_EXCEEDED, true);
			end(run, "success");

			assertThat(traces.exportedNames()).containsExactly("invoke_agent support-router");
			assertThat(traces.exported("invoke_agent support-router").getAttributes()
				.get(AgentAttributes.SAMPLING_REASON)).isEqualTo("budget_exceeded");
			assertThat(traces.stats().tracesKept(SamplingReason.BUDGET_EXCEEDED)).isEqualTo(1);
		}
	}

	@Test
	void runWithAFindingIsKeptWholeWithItsContentAndOneWithoutIsDropped() {
		try (SamplingFixture traces = new SamplingFixture(NOTHING_BY_RATIO_EARNED_CONTENT)) {
			Span clean = traces.rootRun("support-router");
			traces.chat(clean).end();
			end(clean, "success");
			Span flagged = traces.rootRun("support-router");
			Span tool = traces.tool("lookup_pricing", flagged);
			tool.end();
			flagged.setAttribute(AgentAttributes.FINDINGS, List.of("empty_tool_result"));
			flagged.setAttribute(AgentAttributes.FINDING_COUNT, 1L);
			end(flagged, "success");

			assertThat(traces.exportedNames()).containsExactly("execute_tool lookup_pricing",
					"invoke_agent support-router");
			assertThat(traces.exported("invoke_agent support-router").getAttributes()
				.get(AgentAttributes.SAMPLING_REASON)).isEqualTo("finding");
			assertThat(traces.exported("execute_tool lookup_pricing").getAttributes().get(TOOL_ARGUMENTS)).isNotNull();
			assertThat(traces.stats().tracesKept(SamplingReason.FINDING)).isEqualTo(1);
			assertThat(traces.stats().tracesDropped()).isEqualTo(1);
			assertThat(SamplingReason.FINDING.isEarned()).isTrue();
		}
	}

	@Test
	void budgetOutranksAFindingAndAFindingOutranksSlowness() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults().withSuccessRatio(0.0).withSlowRunThreshold(Duration.ofSeconds(1)))
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy)) {
			Span slowWithFinding = traces.rootRun("slow");
			slowWithFinding.setAttribute(AgentAttributes.FINDING_COUNT, 2L);
			traces.advance(Duration.ofSeconds(2));
			end(slowWithFinding, "success");
			Span overBudget = traces.rootRun("budget");
			overBudget.setAttribute(AgentAttributes.FINDING_COUNT, 1L);
			overBudget.setAttribute(AgentAttributes.BUDGET_EXCEEDED, true);
			end(overBudget, "success");

			assertThat(traces.exported("invoke_agent slow").getAttributes().get(AgentAttributes.SAMPLING_REASON))
				.isEqualTo("finding");
			assertThat(traces.exported("invoke_agent budget").getAttributes().get(AgentAttributes.SAMPLING_REASON))
				.isEqualTo("budget_exceeded");
		}
	}

	@Test
	void runLongerThanTheSlowThresholdIsKeptAndAQuickerOneIsDropped() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults().withSuccessRatio(0.0).withSlowRunThreshold(Duration.ofSeconds(30)))
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy)) {
			Span quick = traces.rootRun("quick");
			traces.advance(Duration.ofSeconds(30));
			end(quick, "success");
			Span slow = traces.rootRun("slow");
			traces.advance(Duration.ofSeconds(30).plusMillis(1));
			end(slow, "success");

			assertThat(traces.exportedNames()).containsExactly("invoke_agent slow");
			assertThat(traces.exported("invoke_agent slow").getAttributes().get(AgentAttributes.SAMPLING_REASON))
				.isEqualTo("slow");
			assertThat(traces.stats().tracesKept(SamplingReason.SLOW)).isEqualTo(1);
			assertThat(traces.stats().tracesDropped()).isEqualTo(1);
		}
	}

	@Test
	void strongestReasonIsTheOneRecorded() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults().withSuccessRatio(0.0).withSlowRunThreshold(Duration.ofSeconds(1)))
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy)) {
			Span run = traces.rootRun("support-router");
			run.setAttribute(AgentAttributes.BUDGET_EXCEEDED, true);
			Span tool = traces.tool("lookup_pricing", run);
			fail(tool);
			tool.end();
			traces.advance(Duration.ofSeconds(2));
			end(run, "refused");

			assertThat(traces.exported("invoke_agent support-router").getAttributes()
				.get(AgentAttributes.SAMPLING_REASON)).isEqualTo("refused");
			assertThat(traces.stats().tracesKept(SamplingReason.REFUSED)).isEqualTo(1);
			assertThat(traces.stats().tracesKept()).isEqualTo(1);
		}
	}

	@Test
	void successfulRunOutsideTheRatioIsDroppedWhole() {
		try (SamplingFixture traces = new SamplingFixture(NOTHING_BY_RATIO_EARNED_CONTENT)) {
			Span http = traces.http("POST /tickets");
			Span run = traces.run("support-router", http);
			traces.chat(run).end();
			end(run, "success");
			http.end();

			assertThat(traces.exported()).isEmpty();
			assertThat(traces.stats().tracesDropped()).isEqualTo(1);
			assertThat(traces.stats().spansDropped()).isEqualTo(3);
			assertThat(traces.stats().heldSpans()).isZero();
			assertThat(traces.stats().heldTraces()).isZero();
		}
	}

	@Test
	void successfulRunInsideTheRatioIsKeptWithItsContentByDefault() {
		try (SamplingFixture traces = new SamplingFixture(keeping(1.0))) {
			Span run = traces.rootRun("support-router");
			traces.chat(run).end();
			end(run, "success");

			assertThat(traces.exportedNames()).containsExactly("chat gpt-4o", "invoke_agent support-router");
			assertThat(traces.exported("chat gpt-4o").getAttributes().get(INPUT_MESSAGES)).isNotNull();
			assertThat(traces.exported("invoke_agent support-router").getAttributes()
				.get(AgentAttributes.SAMPLING_REASON)).isEqualTo("ratio");
			assertThat(traces.stats().tracesKept(SamplingReason.RATIO)).isEqualTo(1);
		}
	}

	@Test
	void traceWithoutAgentRunIsHandedOnUntouchedWhenItsRootEnds() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults().withSuccessRatio(0.0).withContentRetention(ContentRetention.NONE))
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy)) {
			Span http = traces.http("GET /health");
			Span query = traces.child("SELECT health", http);
			query.setAttribute(INPUT_MESSAGES, "not really content, but it must pass untouched");
			query.end();
			assertThat(traces.exported()).isEmpty();
			http.end();

			assertThat(traces.exportedNames()).containsExactly("GET /health", "SELECT health");
			SpanData exported = traces.exported("SELECT health");
			assertThat(exported.getAttributes().asMap())
				.isEqualTo(Map.of(INPUT_MESSAGES, "not really content, but it must pass untouched"));
			assertThat(exported.getTotalAttributeCount()).isEqualTo(1);
			assertThat(traces.stats().tracesPassedThrough()).isEqualTo(1);
			assertThat(traces.stats().spansPassedThrough()).isEqualTo(2);
			assertThat(traces.stats().tracesKept() + traces.stats().tracesDropped()).isZero();
		}
	}

	@Test
	void keptSuccessThatDidNotEarnContentLosesItFromAttributesAndEventsWithConsistentCounts() {
		SpanLimits limits = SpanLimits.builder().setMaxNumberOfAttributes(6).build();
		try (SamplingFixture traces = new SamplingFixture(EVERYTHING_BY_RATIO_EARNED_CONTENT,
				SamplingLimits.defaults(), IdGenerator.random(), limits)) {
			Span run = traces.rootRun("support-router");
			Span chat = traces.chat(run); // 4 attributes, 2 of them content
			chat.setAttribute(GenAiAttributes.PROVIDER_NAME, "openai");
			chat.setAttribute(SYSTEM_INSTRUCTIONS, "Be brief.");
			chat.setAttribute(GenAiAttributes.RESPONSE_ID, "resp-1"); // over the limit: dropped by the SDK
			chat.setAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, 120L); // dropped by the SDK
			chat.addEvent(DETAILS_EVENT, Attributes.of(INPUT_MESSAGES, "[]", OUTPUT_MESSAGES, "[]",
					GenAiAttributes.RESPONSE_ID, "resp-1"));
			chat.addEvent("agent.iteration", Attributes.of(GenAiAttributes.REQUEST_MODEL, "gpt-4o"));
			chat.end();
			end(run, "success");

			SpanData exported = traces.exported("chat gpt-4o");
			assertThat(exported.getAttributes()).isEqualTo(Attributes.of(GenAiAttributes.OPERATION_NAME,
					GenAiOperations.CHAT, GenAiAttributes.REQUEST_MODEL, "gpt-4o", GenAiAttributes.PROVIDER_NAME,
					"openai"));
			assertThat(exported.getTotalAttributeCount()).isEqualTo(5);
			assertThat(exported.getTotalAttributeCount() - exported.getAttributes().size())
				.as("attributes the SDK dropped for its limit").isEqualTo(2);
			List<EventData> events = exported.getEvents();
			assertThat(events).extracting(EventData::getName).containsExactly(DETAILS_EVENT, "agent.iteration");
			assertThat(events.get(0).getAttributes()).isEqualTo(Attributes.of(GenAiAttributes.RESPONSE_ID, "resp-1"));
			assertThat(events.get(0).getTotalAttributeCount()).isEqualTo(1);
			assertThat(events.get(1).getAttributes()).isEqualTo(Attributes.of(GenAiAttributes.REQUEST_MODEL, "gpt-4o"));
			SpanData runSpan = traces.exported("invoke_agent support-router");
			assertThat(runSpan.getAttributes().get(SYSTEM_INSTRUCTIONS)).isNull();
			assertThat(runSpan.getAttributes().get(AgentAttributes.SAMPLING_REASON)).isEqualTo("ratio");
			assertThat(runSpan.getTotalAttributeCount()).isEqualTo(runSpan.getAttributes().size());
			assertThat(traces.stats().spansContentStripped()).isEqualTo(2);
		}
	}

	@Test
	void contentRetentionNoneStripsContentEvenFromFailures() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults().withContentRetention(ContentRetention.NONE))
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy)) {
			Span run = traces.rootRun("support-router");
			traces.chat(run).end();
			end(run, "error");

			assertThat(traces.exportedNames()).containsExactly("chat gpt-4o", "invoke_agent support-router");
			assertThat(traces.exported("chat gpt-4o").getAttributes().get(INPUT_MESSAGES)).isNull();
			assertThat(traces.exported("chat gpt-4o").getAttributes().get(GenAiAttributes.REQUEST_MODEL))
				.isEqualTo("gpt-4o");
			assertThat(traces.stats().spansContentStripped()).isEqualTo(2);
		}
	}

	@Test
	void configuredContentAttributesAreTheOnesStripped() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults().withContentRetention(ContentRetention.NONE))
			.contentAttributes(List.of("gen_ai.output.messages"))
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy)) {
			Span run = traces.rootRun("support-router");
			traces.chat(run).end();
			end(run, "error");

			SpanData chat = traces.exported("chat gpt-4o");
			assertThat(chat.getAttributes().get(OUTPUT_MESSAGES)).isNull();
			assertThat(chat.getAttributes().get(INPUT_MESSAGES)).isNotNull();
		}
	}

	@Test
	void agentRuleOverridesTheDefaultForItsRuns() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.agent("billing-specialist", (rule) -> rule.withSuccessRatio(1.0))
			.defaultRule(SamplingRule.defaults().withSuccessRatio(0.0))
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy)) {
			end(traces.rootRun("support-router"), "success");
			end(traces.rootRun("billing-specialist"), "success");

			assertThat(traces.exportedNames()).containsExactly("invoke_agent billing-specialist");
			assertThat(traces.stats().tracesKept(SamplingReason.RATIO)).isEqualTo(1);
			assertThat(traces.stats().tracesDropped()).isEqualTo(1);
		}
	}

	@Test
	void nestedRunsAreDecidedOnTheWholeLocalTrace() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.defaultRule(SamplingRule.defaults().withSuccessRatio(0.0))
			.agent("always-kept", (rule) -> rule.withSuccessRatio(1.0))
			.build();
		try (SamplingFixture traces = new SamplingFixture(policy)) {
			Span router = traces.rootRun("support-router");
			Span billing = traces.run("billing-specialist", router);
			traces.chat(billing).end();
			end(billing, "error");
			end(router, "success");

			assertThat(traces.exportedNames()).containsExactly("chat gpt-4o", "invoke_agent billing-specialist",
					"invoke_agent support-router");
			assertThat(traces.exported()).allSatisfy((span) -> assertThat(span.getTraceId())
				.isEqualTo(router.getSpanContext().getTraceId()));
			assertThat(traces.exported("invoke_agent support-router").getAttributes()
				.get(AgentAttributes.SAMPLING_REASON)).isEqualTo("error");
			assertThat(traces.exported("invoke_agent billing-specialist").getAttributes()
				.get(AgentAttributes.SAMPLING_REASON)).isEqualTo("error");

			traces.exporter.reset();
			Span outer = traces.rootRun("support-router");
			end(traces.run("always-kept", outer), "success");
			end(outer, "success");
			assertThat(traces.exportedNames()).containsExactly("invoke_agent always-kept", "invoke_agent support-router");
			assertThat(traces.stats().tracesKept(SamplingReason.RATIO)).isEqualTo(1);
		}
	}

	@Test
	void spanEndingAfterItsTraceWasKeptFollowsTheDecision() {
		try (SamplingFixture traces = new SamplingFixture(keeping(1.0))) {
			Span run = traces.rootRun("support-router");
			Span background = traces.child("index conversation", run);
			end(run, "success");
			assertThat(traces.exportedNames()).containsExactly("invoke_agent support-router");
			background.end();

			assertThat(traces.exportedNames()).containsExactly("index conversation", "invoke_agent support-router");
			assertThat(traces.stats().lateSpans()).isEqualTo(1);
			assertThat(traces.stats().heldTraces()).isZero();
		}
	}

	@Test
	void spanEndingAfterItsTraceWasDroppedFollowsTheDecision() {
		try (SamplingFixture traces = new SamplingFixture(keeping(0.0))) {
			Span run = traces.rootRun("support-router");
			Span background = traces.child("index conversation", run);
			end(run, "success");
			fail(background);
			background.end();

			assertThat(traces.exported()).isEmpty();
			assertThat(traces.stats().lateSpans()).isEqualTo(1);
			assertThat(traces.stats().spansDropped()).isEqualTo(2);
			assertThat(traces.stats().heldSpans()).isZero();
			assertThat(traces.stats().heldTraces()).isZero();
		}
	}

	@Test
	void decisionIsForgottenAfterItsMemory() {
		SamplingLimits limits = SamplingLimits.defaults().withDecisionMemory(Duration.ofSeconds(10));
		try (SamplingFixture traces = new SamplingFixture(keeping(0.0), limits)) {
			Span run = traces.rootRun("support-router");
			Span background = traces.child("index conversation", run);
			end(run, "success");
			traces.advance(Duration.ofSeconds(10));
			traces.http("GET /health").end(); // any span end forgets what is due
			background.end();

			assertThat(traces.stats().lateSpans()).isZero();
			assertThat(traces.stats().heldTraces()).isEqualTo(1);
			assertThat(traces.stats().heldSpans()).isEqualTo(1);
		}
	}

	@Test
	void spanUnderARemoteParentIsALocalRoot() {
		try (SamplingFixture traces = new SamplingFixture(keeping(1.0))) {
			SpanContext caller = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
					"b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
			Span run = traces.tracer.spanBuilder("invoke_agent billing-specialist")
				.setParent(Context.root().with(Span.wrap(caller)))
				.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.INVOKE_AGENT)
				.startSpan();
			traces.chat(run).end();
			assertThat(traces.exported()).isEmpty();
			end(run, "success");

			assertThat(traces.exportedNames()).containsExactly("chat gpt-4o", "invoke_agent billing-specialist");
			assertThat(traces.exported()).allSatisfy(
					(span) -> assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c"));
		}
	}

	@Test
	void runThatNeverEndsIsDecidedWhenItsAgeLimitPasses() {
		SamplingLimits limits = SamplingLimits.defaults().withMaxTraceAge(Duration.ofSeconds(30));
		try (SamplingFixture traces = new SamplingFixture(EVERYTHING_BY_RATIO_EARNED_CONTENT, limits)) {
			Span run = traces.rootRun("support-router");
			traces.chat(run).end();
			traces.advance(Duration.ofSeconds(30).minusNanos(1));
			traces.http("GET /health").end();
			assertThat(traces.exportedNames()).containsExactly("GET /health");
			assertThat(traces.stats().heldTraces()).isEqualTo(1);

			traces.advance(Duration.ofNanos(1));
			traces.http("GET /health").end();
			assertThat(traces.exportedNames()).containsExactly("GET /health", "GET /health", "chat gpt-4o");
			assertThat(traces.exported("chat gpt-4o").getAttributes().get(INPUT_MESSAGES)).isNull();
			assertThat(traces.stats().earlyDecisions(EarlyDecisionCause.AGE_LIMIT)).isEqualTo(1);
			assertThat(traces.stats().heldTraces()).isZero();
			assertThat(traces.stats().heldSpans()).isZero();

			end(run, "success");
			assertThat(traces.exported("invoke_agent support-router").getAttributes()
				.get(AgentAttributes.SAMPLING_REASON)).isEqualTo("ratio");
			assertThat(traces.stats().lateSpans()).isEqualTo(1);
		}
	}

	@Test
	void sweepDecidesAnAbandonedTraceWhenNoOtherSpanEnds() {
		SamplingLimits limits = SamplingLimits.defaults()
			.withMaxTraceAge(Duration.ofSeconds(30))
			.withDecisionMemory(Duration.ofMinutes(1));
		try (SamplingFixture traces = new SamplingFixture(keeping(1.0), limits)) {
			Span run = traces.rootRun("support-router");
			traces.chat(run).end();
			traces.advance(Duration.ofSeconds(30).minusNanos(1));
			traces.processor.sweepDue();
			assertThat(traces.exported()).isEmpty();

			traces.advance(Duration.ofNanos(1));
			traces.processor.sweepDue();
			assertThat(traces.exportedNames()).containsExactly("chat gpt-4o");
			assertThat(traces.stats().earlyDecisions(EarlyDecisionCause.AGE_LIMIT)).isEqualTo(1);
			assertThat(traces.stats().heldSpans()).isZero();
			assertThat(traces.stats().heldTraces()).isZero();

			// The sweep also forgets the decisions due: the run, ending after that, opens a
			// trace of its own (decided as a single-span trace: the local root).
			traces.advance(Duration.ofMinutes(1));
			traces.processor.sweepDue();
			end(run, "success");
			assertThat(traces.stats().lateSpans()).isZero();
			assertThat(traces.stats().tracesKept()).isEqualTo(2);
			assertThat(traces.exportedNames()).containsExactly("chat gpt-4o", "invoke_agent support-router");
		}
	}

	@Test
	void sweeperThreadRunsTheSweepUntilShutdown() throws InterruptedException {
		TestClock clock = TestClock.create();
		CountDownLatch handedOn = new CountDownLatch(1);
		List<String> handedOnBy = new CopyOnWriteArrayList<>();
		AtomicReference<Thread> sweeperThread = new AtomicReference<>();
		SpanProcessor downstream = new SpanProcessor() {

			@Override
			public void onStart(Context parentContext, ReadWriteSpan span) {
			}

			@Override
			public boolean isStartRequired() {
				return false;
			}

			@Override
			public void onEnd(ReadableSpan span) {
				sweeperThread.set(Thread.currentThread());
				handedOnBy.add(span.getName() + " by " + Thread.currentThread().getName());
				handedOn.countDown();
			}

			@Override
			public boolean isEndRequired() {
				return true;
			}

		};
		TracingFailures failures = new TracingFailures();
		TraceSamplingProcessor processor = TraceSamplingProcessor.builder(downstream)
			.policy(keeping(1.0))
			.limits(SamplingLimits.defaults().withMaxTraceAge(Duration.ofSeconds(30)))
			.clock(clock)
			.sweepInterval(Duration.ofMillis(5))
			.failures(failures)
			.build();
		SdkTracerProvider provider = SdkTracerProvider.builder().setClock(clock).addSpanProcessor(processor).build();
		Tracer tracer = provider.get("sampling-tests");
		Span run = tracer.spanBuilder("invoke_agent support-router")
			.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.INVOKE_AGENT)
			.startSpan();
		tracer.spanBuilder("chat gpt-4o")
			.setParent(Context.root().with(run))
			.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.CHAT)
			.startSpan()
			.end();
		assertThat(handedOnBy).isEmpty();

		// No span ends after this: only the sweeper thread can decide the trace, at its
		// first sweep after the clock passed the age limit.
		clock.advance(Duration.ofSeconds(30));
		assertThat(handedOn.await(1, TimeUnit.MINUTES)).as("the sweeper decided the trace").isTrue();
		assertThat(handedOnBy).containsExactly("chat gpt-4o by agent-tracing-sampling-sweeper");
		assertThat(processor.stats().earlyDecisions(EarlyDecisionCause.AGE_LIMIT)).isEqualTo(1);
		assertThat(processor.stats().heldSpans()).isZero();

		provider.shutdown().join(10, TimeUnit.SECONDS);
		Thread sweeper = sweeperThread.get();
		sweeper.join(TimeUnit.MINUTES.toMillis(1));
		assertThat(sweeper.isAlive()).as("the sweeper thread stopped").isFalse();
		assertThat(failures.total()).isZero();
	}

	@Test
	void earlyDecisionKeepsAFailureAlreadyHeldAndAppliesTheRatioOtherwise() {
		SamplingLimits limits = SamplingLimits.defaults().withMaxTraceAge(Duration.ofSeconds(30));
		try (SamplingFixture traces = new SamplingFixture(NOTHING_BY_RATIO_EARNED_CONTENT, limits)) {
			Span failing = traces.rootRun("support-router");
			Span tool = traces.tool("lookup_pricing", failing);
			fail(tool);
			tool.end();
			Span succeeding = traces.rootRun("support-router");
			traces.chat(succeeding).end();
			Span plain = traces.http("GET /stream");
			traces.child("SELECT rows", plain).end();
			traces.advance(Duration.ofSeconds(30));
			traces.processor.sweep(traces.clock.nanoTime());

			assertThat(traces.exportedNames()).containsExactly("SELECT rows", "execute_tool lookup_pricing");
			assertThat(traces.exported("execute_tool lookup_pricing").getAttributes().get(TOOL_ARGUMENTS))
				.as("content of a trace kept for a reason").isNotNull();
			assertThat(traces.stats().earlyDecisions(EarlyDecisionCause.AGE_LIMIT)).isEqualTo(3);
			assertThat(traces.stats().tracesKept(SamplingReason.SPAN_ERROR)).isEqualTo(1);
			assertThat(traces.stats().spansDroppedEarly(EarlyDecisionCause.AGE_LIMIT)).isEqualTo(1);
			assertThat(traces.stats().tracesPassedThrough()).isEqualTo(1);
		}
	}

	@Test
	void reachingTheSpanBoundDecidesTheOldestTracesFirst() {
		SamplingLimits limits = SamplingLimits.defaults().withMaxHeldSpans(3);
		try (SamplingFixture traces = new SamplingFixture(NOTHING_BY_RATIO_EARNED_CONTENT, limits)) {
			Span first = traces.rootRun("first");
			Span failed = traces.tool("lookup_pricing", first);
			fail(failed);
			failed.end();
			traces.chat(first).end();
			Span second = traces.rootRun("second");
			traces.chat(second).end();
			assertThat(traces.stats().heldSpans()).isEqualTo(3);
			assertThat(traces.exported()).isEmpty();

			Span third = traces.rootRun("third");
			traces.chat(third).end();
			assertThat(traces.exportedNames()).containsExactly("chat gpt-4o", "execute_tool lookup_pricing");
			assertThat(traces.exported()).allSatisfy(
					(span) -> assertThat(span.getTraceId()).isEqualTo(first.getSpanContext().getTraceId()));
			assertThat(traces.stats().heldSpans()).isEqualTo(2);

			Span fourth = traces.rootRun("fourth");
			traces.chat(fourth).end();
			traces.chat(fourth).end();
			assertThat(traces.stats().earlyDecisions(EarlyDecisionCause.SPANS_LIMIT)).isEqualTo(2);
			assertThat(traces.stats().spansDroppedEarly(EarlyDecisionCause.SPANS_LIMIT)).isEqualTo(1);
			assertThat(traces.stats().heldSpans()).isEqualTo(3);
			assertThat(traces.stats().heldTraces()).isEqualTo(2);
			assertThat(traces.exported()).hasSize(2);
		}
	}

	@Test
	void reachingTheTraceBoundDecidesTheOldestTraceFirst() {
		SamplingLimits limits = SamplingLimits.defaults().withMaxHeldTraces(2);
		try (SamplingFixture traces = new SamplingFixture(NOTHING_BY_RATIO_EARNED_CONTENT, limits)) {
			Span first = traces.rootRun("first");
			Span failed = traces.tool("lookup_pricing", first);
			fail(failed);
			failed.end();
			Span second = traces.rootRun("second");
			traces.chat(second).end();
			Span third = traces.rootRun("third");
			traces.chat(third).end();

			assertThat(traces.exportedNames()).containsExactly("execute_tool lookup_pricing");
			assertThat(traces.stats().earlyDecisions(EarlyDecisionCause.TRACES_LIMIT)).isEqualTo(1);
			assertThat(traces.stats().heldTraces()).isEqualTo(2);

			end(first, "success");
			assertThat(traces.exportedNames()).containsExactly("execute_tool lookup_pricing", "invoke_agent first");
			assertThat(traces.exported("invoke_agent first").getAttributes().get(AgentAttributes.SAMPLING_REASON))
				.isEqualTo("span_error");
		}
	}

	@Test
	void forceFlushDecidesHeldTracesByTheEarlyRule() {
		try (SamplingFixture traces = new SamplingFixture(NOTHING_BY_RATIO_EARNED_CONTENT)) {
			Span failing = traces.rootRun("failing");
			Span tool = traces.tool("lookup_pricing", failing);
			fail(tool);
			tool.end();
			Span succeeding = traces.rootRun("succeeding");
			traces.chat(succeeding).end();
			Span plain = traces.http("GET /stream");
			traces.child("SELECT rows", plain).end();

			traces.provider.forceFlush().join(10, TimeUnit.SECONDS);

			assertThat(traces.exportedNames()).containsExactly("SELECT rows", "execute_tool lookup_pricing");
			assertThat(traces.stats().earlyDecisions(EarlyDecisionCause.FLUSH)).isEqualTo(3);
			assertThat(traces.stats().spansDroppedEarly(EarlyDecisionCause.FLUSH)).isEqualTo(1);
			assertThat(traces.stats().heldSpans()).isZero();
			assertThat(traces.stats().heldTraces()).isZero();
		}
	}

	@Test
	void shutdownHandsOnWhatIsHeldAndThenShutsTheDownstreamDown() {
		List<String> handedOn = new CopyOnWriteArrayList<>();
		AtomicBoolean downstreamShutDown = new AtomicBoolean();
		SpanProcessor downstream = new SpanProcessor() {

			@Override
			public void onStart(Context parentContext, ReadWriteSpan span) {
			}

			@Override
			public boolean isStartRequired() {
				return false;
			}

			@Override
			public void onEnd(ReadableSpan span) {
				handedOn.add(span.getName() + (downstreamShutDown.get() ? " after shutdown" : ""));
			}

			@Override
			public boolean isEndRequired() {
				return true;
			}

			@Override
			public CompletableResultCode shutdown() {
				downstreamShutDown.set(true);
				return CompletableResultCode.ofSuccess();
			}

		};
		TraceSamplingProcessor processor = TraceSamplingProcessor.builder(downstream)
			.policy(keeping(1.0))
			.sweepInterval(Duration.ZERO)
			.build();
		SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
		Tracer tracer = provider.get("sampling-tests");
		Span run = tracer.spanBuilder("invoke_agent support-router")
			.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.INVOKE_AGENT)
			.startSpan();
		tracer.spanBuilder("chat gpt-4o")
			.setParent(Context.root().with(run))
			.setAttribute(GenAiAttributes.OPERATION_NAME, GenAiOperations.CHAT)
			.startSpan()
			.end();
		assertThat(handedOn).isEmpty();

		provider.shutdown().join(10, TimeUnit.SECONDS);

		assertThat(handedOn).containsExactly("chat gpt-4o");
		assertThat(downstreamShutDown).isTrue();
		assertThat(processor.stats().earlyDecisions(EarlyDecisionCause.FLUSH)).isEqualTo(1);
		run.end();
		assertThat(handedOn).containsExactly("chat gpt-4o", "invoke_agent support-router after shutdown");
	}

}
