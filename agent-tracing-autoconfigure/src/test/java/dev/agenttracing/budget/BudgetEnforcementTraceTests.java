package dev.agenttracing.budget;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
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
import static dev.agenttracing.support.SpanTree.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Budget enforcement on: a run over a run budget is stopped before its next model call.
 */
@SpringBootTest(classes = TracedAgentApplication.class,
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=scripted",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none",
				"management.otlp.metrics.export.enabled=false", "agent-tracing.budgets.enforce=true",
				"agent-tracing.budgets.agents.support-router.model-calls=1" })
class BudgetEnforcementTraceTests {

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
	void runOverItsBudgetIsStoppedBeforeItsNextModelCall() {
		this.model.script(toolCalls("resp-1", 10, 5, call("call-1", "lookupCustomer", "{\"customerId\":\"c-1\"}")),
				toolCalls("resp-2", 10, 5, call("call-2", "lookupCustomer", "{\"customerId\":\"c-2\"}")),
				answer("resp-3", "never reached", "STOP", 10, 5));

		assertThatThrownBy(() -> this.agent.handle(new Ticket("c-1", "low", "loop"), "conv", "sess"))
			.isInstanceOf(AgentBudgetExceededException.class)
			.hasMessageContaining("model_calls");

		SpanTree tree = SpanTree.ofTraceOf(this.exporter.getFinishedSpanItems(), "invoke_agent support-router");
		SpanData run = tree.root();
		assertThat(tree.named("chat scripted-model-1")).hasSize(1);
		assertThat(this.model.prompts()).hasSize(1);
		assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(raw(run, "agent.outcome")).isEqualTo("error");
		assertThat(raw(run, "error.type")).isEqualTo(AgentBudgetExceededException.class.getName());
		EventData terminated = run.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("agent.loop_terminated"))
			.findFirst()
			.orElseThrow();
		assertThat(terminated.getAttributes().get(AttributeKey.stringKey("agent.loop.termination_reason")))
			.isEqualTo("budget");
	}

	@Test
	void runWithinItsBudgetIsNotStopped() {
		this.model.script(answer("resp-1", "fine", "STOP", 10, 5));

		assertThat(this.agent.limited("quick", 20)).isEqualTo("fine");

		SpanData run = SpanTree.of(this.exporter.getFinishedSpanItems()).one("invoke_agent support-router");
		assertThat(raw(run, "agent.outcome")).isEqualTo("success");
		assertThat(ScriptedChatModel.MODEL).isNotBlank();
	}

}
