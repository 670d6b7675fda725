package dev.agenttracing.test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Without Spring: a standalone extension whose span processor is given to a tracer
 * provider by hand.
 */
class StandaloneAgentTraceExtensionTests {

	@RegisterExtension
	static final AgentTraceExtension agentTraces = AgentTraceExtension.standalone();

	private static final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(agentTraces.spanProcessor())
		.build();

	@AfterAll
	static void close() {
		tracerProvider.close();
	}

	@Test
	void runOfAHandWrittenAgentIsCapturedAndAsserted(AgentTraces traces) {
		assertThat(traces).isSameAs(agentTraces.traces());
		assertThat(traces.spans()).isEmpty();
		Tracer tracer = tracerProvider.get("hand-written");

		Span run = tracer.spanBuilder("invoke_agent planner")
			.setAttribute("gen_ai.operation.name", "invoke_agent")
			.setAttribute("gen_ai.agent.name", "planner")
			.setAttribute("agent.outcome", "success")
			.startSpan();
		try (Scope scope = run.makeCurrent()) {
			tracer.spanBuilder("chat local-model")
				.setSpanKind(SpanKind.CLIENT)
				.setAttribute("gen_ai.operation.name", "chat")
				.startSpan()
				.end();
			tracer.spanBuilder("execute_tool search")
				.setAttribute("gen_ai.operation.name", "execute_tool")
				.setAttribute("gen_ai.tool.name", "search")
				.setAttribute("gen_ai.tool.call.arguments", "{\"q\":\"spring\"}")
				.startSpan()
				.end();
		}
		finally {
			run.end();
		}

		assertThatRun(traces.lastRun("planner")).succeeded()
			.hasSteps("chat", "execute_tool search")
			.hasModelCalls(1)
			.toolCall("search")
			.hasArgument("q", "spring");
	}

	@Test
	void eachTestStartsWithNoSpans(AgentTraces traces) {
		assertThat(traces.spans()).isEmpty();
	}

	@Test
	void declarativeExtensionOutsideSpringExplainsWhatIsMissing() {
		assertThatIllegalStateException().isThrownBy(() -> new AgentTraceExtension().traces())
			.withMessage("This extension uses the AgentTraces bean of the Spring test context");
	}

}
