package dev.agenttracing.diagnosis;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.agenttracing.run.CurrentRun;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.support.SpanTree;
import dev.agenttracing.support.TracedAgentApplication;
import dev.agenttracing.support.TracedAgentApplication.SupportAgent;
import dev.agenttracing.support.TracedAgentApplication.Ticket;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.ScriptedChatModel.call;
import static dev.agenttracing.support.ScriptedChatModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings in the trace: on the span of the step they concern, summed up on the run's
 * span, counted in the metric, with the application's own detectors and without content
 * capture (their messages name no value).
 */
@SpringBootTest(classes = { TracedAgentApplication.class, DiagnosisTraceTests.Detectors.class },
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=scripted",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none" })
class DiagnosisTraceTests {

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TracingFailures failures;

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@Test
	void emptyResultAndInventedPriceAreFindingsOnTheirStepsAndOnTheRunWhoseOutcomeStaysSuccess() {
		double before = count("empty_tool_result") + count("ungrounded_value");
		this.model.script(
				toolCalls("resp-1", 10, 5, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				answer("resp-2", "The Pro plan costs 4,900 JPY per month.", "STOP", 20, 10));

		String answer = this.agent.handle(new Ticket("c-42", "low", "How much is Pro in JPY?"), "conv", "sess");

		assertThat(answer).isEqualTo("The Pro plan costs 4,900 JPY per month.");
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		List<EventData> empty = findings(tree.one("execute_tool lookupPricing"));
		assertThat(empty).hasSize(1);
		assertThat(empty.get(0).getAttributes().asMap()).containsOnly(
				Map.entry(AttributeKey.stringKey("agent.finding.kind"), "empty_tool_result"),
				Map.entry(AttributeKey.stringKey("agent.finding.message"), "Tool lookupPricing returned an empty result"));
		List<SpanData> chats = tree.named("chat scripted-model-1");
		assertThat(findings(chats.get(0))).isEmpty();
		List<EventData> ungrounded = findings(chats.get(1));
		assertThat(ungrounded).hasSize(1);
		assertThat(ungrounded.get(0).getAttributes().asMap()).containsOnly(
				Map.entry(AttributeKey.stringKey("agent.finding.kind"), "ungrounded_value"),
				Map.entry(AttributeKey.stringKey("agent.finding.message"),
						"The answer states 1 value found in none of the run's inputs"),
				Map.entry(AttributeKey.longKey("agent.finding.values"), 1L));
		SpanData run = tree.root();
		assertThat(run.getAttributes().get(AttributeKey.stringArrayKey("agent.findings")))
			.containsExactly("empty_tool_result", "ungrounded_value");
		assertThat(run.getAttributes().get(AttributeKey.longKey("agent.finding.count"))).isEqualTo(2L);
		assertThat(run.getAttributes().get(AttributeKey.stringKey("agent.outcome"))).isEqualTo("success");
		assertThat(count("empty_tool_result") + count("ungrounded_value")).isEqualTo(before + 2);
	}

	@Test
	void runWithoutFindingHasNoFindingAttributes() {
		this.model.script(
				toolCalls("resp-1", 10, 5, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"EUR\"}")),
				answer("resp-2", "The Pro plan costs 49 EUR per month.", "STOP", 20, 10));

		this.agent.handle(new Ticket("c-42", "low", "How much is Pro in EUR?"), "conv", "sess");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		assertThat(tree.spans().stream().flatMap((span) -> findings(span).stream())).isEmpty();
		assertThat(tree.root().getAttributes().get(AttributeKey.stringArrayKey("agent.findings"))).isNull();
		assertThat(tree.root().getAttributes().get(AttributeKey.longKey("agent.finding.count"))).isNull();
	}

	@Test
	void failedToolIgnoredByTheAnswerIsAFindingOnTheFinalModelCall() {
		this.model.script(toolCalls("resp-1", 10, 5, call("call-9", "fileTicket", "{\"team\":\"nowhere\"}")),
				answer("resp-2", "Your ticket is filed.", "STOP", 20, 10));

		this.agent.handle(new Ticket("c-42", "low", "It crashes"), "conv", "sess");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		List<EventData> ignored = findings(tree.named("chat scripted-model-1").get(1));
		assertThat(ignored).hasSize(1);
		assertThat(ignored.get(0).getAttributes().get(AttributeKey.stringKey("agent.finding.kind")))
			.isEqualTo("tool_error_ignored");
		assertThat(ignored.get(0).getAttributes().get(AttributeKey.stringKey("agent.finding.tools")))
			.isEqualTo("fileTicket");
	}

	@Test
	void applicationDetectorReportsItsOwnKindAndOneThatThrowsNeitherStopsTheOthersNorTheAgent() {
		long failuresBefore = this.failures.total();
		this.model.script(
				toolCalls("resp-1", 10, 5, call("call-1", "lookupCustomer", "{\"customerId\":\"c-1\"}")),
				answer("resp-2", "You are on the pro plan.", "STOP", 20, 10));

		String answer = this.agent.handle(new Ticket("c-1", "low", "Which plan am I on?"), "conv", "sess");

		assertThat(answer).isEqualTo("You are on the pro plan.");
		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		List<EventData> own = findings(tree.one("execute_tool lookupCustomer"));
		assertThat(own).hasSize(1);
		assertThat(own.get(0).getAttributes().asMap()).containsOnly(
				Map.entry(AttributeKey.stringKey("agent.finding.kind"), "pro_customer"),
				Map.entry(AttributeKey.stringKey("agent.finding.message"), "A pro customer asked"),
				Map.entry(AttributeKey.longKey("agent.finding.tier"), 2L));
		List<EventData> onRun = findings(tree.root());
		assertThat(onRun).extracting((event) -> event.getAttributes().get(AttributeKey.stringKey("agent.finding.kind")))
			.containsExactly("pro_customer_run");
		assertThat(tree.root().getAttributes().get(AttributeKey.stringArrayKey("agent.findings")))
			.containsExactly("pro_customer", "pro_customer_run");
		assertThat(this.failures.total()).isGreaterThan(failuresBefore);
	}

	private static List<EventData> findings(SpanData span) {
		return span.getEvents().stream().filter((event) -> event.getName().equals("agent.finding")).toList();
	}

	private double count(String kind) {
		Counter counter = this.meters.find("agent.findings")
			.tags("gen_ai.agent.name", "support-router", "kind", kind)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Configuration(proxyBeanMethods = false)
	static class Detectors {

		@Bean
		FindingDetector proCustomers() {
			return new FindingDetector() {
				@Override
				public List<Finding> onStep(AgentStep step) {
					if (step.kind() == AgentStep.Kind.TOOL_EXECUTION && step.name().equals("lookupCustomer")
							&& String.valueOf(step.outputText()).contains("\"pro\"")) {
						return List.of(Finding.of("pro_customer", "A pro customer asked").with("tier", 2));
					}
					return List.of();
				}

				@Override
				public List<Finding> onRunEnd(CurrentRun run) {
					return run.findingKinds().contains("pro_customer")
							? List.of(Finding.of("pro_customer_run", "The run served a pro customer")) : List.of();
				}
			};
		}

		@Bean
		FindingDetector throwingDetector() {
			return new FindingDetector() {
				@Override
				public List<Finding> onStep(AgentStep step) {
					throw new IllegalStateException("detector bug");
				}
			};
		}

	}

}
