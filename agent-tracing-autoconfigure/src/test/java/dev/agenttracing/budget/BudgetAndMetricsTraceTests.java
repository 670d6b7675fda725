package dev.agenttracing.budget;

import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agenttracing.metrics.GenAiMeters;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.support.SpanTree;
import dev.agenttracing.support.TracedAgentApplication;
import dev.agenttracing.support.TracedAgentApplication.SupportAgent;
import dev.agenttracing.support.TracedAgentApplication.Ticket;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.ScriptedChatModel.call;
import static dev.agenttracing.support.ScriptedChatModel.toolCalls;
import static dev.agenttracing.support.SpanTree.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Budgets crossed and not crossed (enforcement off), cost on spans, and the GenAI metrics
 * as a real Micrometer registry holds them.
 */
@SpringBootTest(classes = TracedAgentApplication.class,
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=scripted",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none",
				"management.otlp.metrics.export.enabled=false",
				"agent-tracing.budgets.defaults.total-tokens=200", "agent-tracing.budgets.defaults.model-calls=10",
				"agent-tracing.budgets.agents.support-router.tool-calls=1",
				"agent-tracing.budgets.agents.react-loop.tool-call-latency=0ms",
				"agent-tracing.costs.currency=EUR", "agent-tracing.costs.models.scripted-model.input=2.0", "agent-tracing.costs.models.scripted-model.output=8.0",
				"agent-tracing.costs.models.scripted-model.cached-input=0.5" })
class BudgetAndMetricsTraceTests {

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@Test
	void runBudgetsCrossedAreEventsOnTheRunAndCountedWhileTheRunGoesOn() {
		this.model.script(
				toolCalls("resp-1", 100, 20, call("call-1", "lookupCustomer", "{\"customerId\":\"c-1\"}"),
						call("call-2", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"EUR\"}")),
				answer("resp-2", "45 EUR", "STOP", 150, 10));
		double before = counter("support-router", "tool_calls") + counter("support-router", "total_tokens");

		assertThat(this.agent.handle(new Ticket("c-1", "low", "price?"), "conv", "sess")).isEqualTo("45 EUR");

		SpanData run = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router").root();
		assertThat(raw(run, "agent.budget.exceeded")).isEqualTo(true);
		assertThat(raw(run, "agent.budget.exceeded_names")).isEqualTo(List.of("tool_calls", "total_tokens"));
		List<EventData> exceeded = run.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("agent.budget.exceeded"))
			.toList();
		assertThat(exceeded).extracting((event) -> event.getAttributes().get(AttributeKey.stringKey("agent.budget.name")))
			.containsExactly("tool_calls", "total_tokens");
		assertThat(exceeded.get(0).getAttributes().get(AttributeKey.doubleKey("agent.budget.limit"))).isEqualTo(1.0);
		assertThat(exceeded.get(0).getAttributes().get(AttributeKey.doubleKey("agent.budget.actual"))).isEqualTo(2.0);
		assertThat(exceeded.get(1).getAttributes().get(AttributeKey.doubleKey("agent.budget.limit"))).isEqualTo(200.0);
		assertThat(exceeded.get(1).getAttributes().get(AttributeKey.doubleKey("agent.budget.actual"))).isEqualTo(280.0);
		assertThat(raw(run, "agent.outcome")).isEqualTo("success");
		assertThat(counter("support-router", "tool_calls") + counter("support-router", "total_tokens"))
			.isEqualTo(before + 2);
	}

	@Test
	void budgetsNotCrossedLeaveNoTrace() {
		this.model.script(answer("resp-1", "hello", "STOP", 10, 5));

		this.agent.limited("hi", 50);

		SpanData run = SpanTree.of(this.exporter.getFinishedSpanItems()).one("invoke_agent support-router");
		assertThat(raw(run, "agent.budget.exceeded")).isNull();
		assertThat(run.getEvents()).extracting(EventData::getName).doesNotContain("agent.budget.exceeded");
	}

	@Test
	void stepBudgetCrossedIsAnEventOnTheStepSpan() {
		this.agent.handWrittenLoop(List.of("c-1"));

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent react-loop");
		SpanData tool = tree.one("execute_tool lookupCustomer");
		EventData event = tool.getEvents()
			.stream()
			.filter((candidate) -> candidate.getName().equals("agent.budget.exceeded"))
			.findFirst()
			.orElseThrow();
		assertThat(event.getAttributes().get(AttributeKey.stringKey("agent.budget.name"))).isEqualTo("tool_call_latency");
		assertThat(event.getAttributes().get(AttributeKey.doubleKey("agent.budget.actual"))).isPositive();
		assertThat(raw(tree.root(), "agent.budget.exceeded_names")).isEqualTo(List.of("tool_call_latency"));
	}

	@Test
	void costIsOnEachModelCallAndRolledUpOnTheRun() {
		this.model.script(toolCalls("resp-1", 1000, 100, call("call-1", "lookupCustomer", "{\"customerId\":\"c-1\"}")),
				answer("resp-2", "done", "STOP", 2000, 200));

		this.agent.handle(new Ticket("c-1", "low", "who?"), "conv", "sess");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		List<SpanData> chats = tree.named("chat scripted-model-1");
		// 1000 input of which 500 cached: 500*2 + 500*0.5 + 100*8 = 2050 per million
		assertThat((Double) raw(chats.get(0), "agent.cost")).isCloseTo(0.00205, within(1e-12));
		assertThat(raw(chats.get(0), "agent.cost.currency")).isEqualTo("EUR");
		// 2000 input of which 1000 cached: 1000*2 + 1000*0.5 + 200*8 = 4100 per million
		assertThat((Double) raw(chats.get(1), "agent.cost")).isCloseTo(0.0041, within(1e-12));
		assertThat((Double) raw(tree.root(), "agent.cost")).isCloseTo(0.00615, within(1e-12));
		assertThat(raw(tree.root(), "agent.cost.currency")).isEqualTo("EUR");
	}

	@Test
	void genAiMetricsHaveTheConventionsNamesUnitsBucketsAndTags() {
		this.model.script(toolCalls("resp-1", 100, 20, call("call-1", "lookupCustomer", "{\"customerId\":\"c-1\"}")),
				answer("resp-2", "done", "STOP", 150, 10));
		this.agent.handle(new Ticket("c-1", "low", "who?"), "conv", "sess");
		this.model.script();
		try {
			this.agent.limited("no answer left", 10);
		}
		catch (IllegalStateException expected) {
			// the scripted model fails: a failed model call
		}

		DistributionSummary duration = this.meters.find("gen_ai.client.operation.duration")
			.tags("gen_ai.operation.name", "chat", "gen_ai.provider.name", "openai", "gen_ai.request.model",
					ScriptedChatModel.MODEL, "error.type", "none")
			.summary();
		assertThat(duration).isNotNull();
		assertThat(duration.getId().getBaseUnit()).isEqualTo("s");
		assertThat(duration.count()).isGreaterThanOrEqualTo(2);
		assertThat(Arrays.stream(duration.takeSnapshot().histogramCounts()).mapToDouble(CountAtBucket::bucket).toArray())
			.containsExactly(GenAiMeters.DURATION_BUCKETS);
		DistributionSummary failed = this.meters.find("gen_ai.client.operation.duration")
			.tag("error.type", IllegalStateException.class.getName())
			.summary();
		assertThat(failed).isNotNull();
		assertThat(failed.getId().getTags()).extracting((tag) -> tag.getKey())
			.containsExactlyInAnyOrderElementsOf(duration.getId().getTags().stream().map((tag) -> tag.getKey()).toList());

		DistributionSummary input = this.meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary();
		assertThat(input).isNotNull();
		assertThat(input.getId().getBaseUnit()).isEqualTo("{token}");
		assertThat(Arrays.stream(input.takeSnapshot().histogramCounts()).mapToDouble(CountAtBucket::bucket).toArray())
			.containsExactly(GenAiMeters.TOKEN_BUCKETS);
		assertThat(this.meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "total").summary()).isNull();

		DistributionSummary tool = this.meters.find("gen_ai.execute_tool.duration")
			.tags("gen_ai.tool.name", "lookupCustomer", "gen_ai.agent.name", "support-router")
			.summary();
		assertThat(tool).isNotNull();
		assertThat(tool.getId().getBaseUnit()).isEqualTo("s");
		DistributionSummary runs = this.meters.find("gen_ai.invoke_agent.duration")
			.tags("gen_ai.agent.name", "support-router")
			.summary();
		assertThat(runs).isNotNull();
		assertThat(Arrays.stream(runs.takeSnapshot().histogramCounts()).mapToDouble(CountAtBucket::bucket).toArray())
			.containsExactly(GenAiMeters.AGENT_DURATION_BUCKETS);
		assertThat(this.meters.find("agent.runs").tags("gen_ai.agent.name", "support-router", "agent.outcome", "error").counter())
			.isNotNull();
		assertThat(this.meters.find("agent.runs").tags("gen_ai.agent.name", "support-router", "agent.outcome", "success").counter())
			.isNotNull();
		// no meter carries a user-controlled value
		assertThat(this.meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.noneMatch((tag) -> tag.getValue().contains("c-1") || tag.getValue().contains("conv")));
	}

	private double counter(String agent, String budget) {
		Counter counter = this.meters.find("agent.budget.exceeded")
			.tags("gen_ai.agent.name", agent, "agent.budget.name", budget)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
