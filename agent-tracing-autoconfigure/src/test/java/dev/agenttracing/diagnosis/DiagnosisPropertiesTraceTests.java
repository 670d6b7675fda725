package dev.agenttracing.diagnosis;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagnosis properties: a detector switched off, a threshold changed, and with content
 * capture on, messages that name the values, through the redactor.
 */
@SpringBootTest(classes = TracedAgentApplication.class,
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=scripted",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none",
				"agent-tracing.capture.enabled=true", "agent-tracing.diagnosis.empty-tool-result.enabled=false",
				"agent-tracing.diagnosis.repeated-tool-call.threshold=2" })
class DiagnosisPropertiesTraceTests {

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@Test
	void detectorSwitchedOffRecordsNothingAndMessagesNameRedactedValuesWhenContentIsCaptured() {
		this.model.script(
				toolCalls("resp-1", 10, 5, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"JPY\"}")),
				answer("resp-2", "The Pro plan costs 4,900 JPY; mail jane.doe@example.com for INV-7731.", "STOP", 20,
						10));

		this.agent.handle(new Ticket("c-42", "low", "How much is Pro in JPY?"), "conv", "sess");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		assertThat(findings(tree.one("execute_tool lookupPricing"))).isEmpty();
		EventData ungrounded = findings(tree.named("chat scripted-model-1").get(1)).get(0);
		String message = ungrounded.getAttributes().get(AttributeKey.stringKey("agent.finding.message"));
		assertThat(message).startsWith("The answer states 2 values found in none of the run's inputs: ")
			.contains("4,900", "INV-7731");
		assertThat(tree.root().getAttributes().get(AttributeKey.stringArrayKey("agent.findings")))
			.containsExactly("ungrounded_value");
	}

	@Test
	void repeatedCallThresholdIsAProperty() {
		this.model.script(toolCalls("resp-1", 10, 5, call("call-1", "lookupCustomer", "{\"customerId\":\"c-1\"}")),
				toolCalls("resp-2", 10, 5, call("call-2", "lookupCustomer", "{ \"customerId\" : \"c-1\" }")),
				answer("resp-3", "You are on the pro plan.", "STOP", 20, 10));

		this.agent.handle(new Ticket("c-1", "low", "Which plan?"), "conv", "sess");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		List<SpanData> calls = tree.named("execute_tool lookupCustomer");
		assertThat(findings(calls.get(0))).isEmpty();
		List<EventData> repeated = findings(calls.get(1));
		assertThat(repeated).hasSize(1);
		assertThat(repeated.get(0).getAttributes().get(AttributeKey.longKey("agent.finding.repeats"))).isEqualTo(2L);
	}

	private static List<EventData> findings(SpanData span) {
		return span.getEvents().stream().filter((event) -> event.getName().equals("agent.finding")).toList();
	}

}
