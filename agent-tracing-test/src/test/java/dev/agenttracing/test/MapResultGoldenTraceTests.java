package dev.agenttracing.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.agenttracing.test.support.SupportDeskApplication;
import dev.agenttracing.test.support.SupportDeskApplication.TravelAgent;

import org.springframework.ai.tool.execution.DefaultToolCallResultConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static dev.agenttracing.test.ScriptedChatModel.answer;
import static dev.agenttracing.test.ScriptedChatModel.call;
import static dev.agenttracing.test.ScriptedChatModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run, through the real Spring AI tool loop: a travel assistant whose currency
 * tool returns a {@code Map.of}. Its committed golden trace was written by another JVM, whose
 * map iterated in an order of its own; every build compares it in a fresh one.
 * {@link JsonValuedGoldenTraceTests} forks twenty JVMs for the same property.
 */
@SpringBootTest(classes = SupportDeskApplication.class, properties = SupportDeskApplication.NO_PROVIDER)
@AgentTracingTest
class MapResultGoldenTraceTests {

	@Autowired
	AgentTraces traces;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	TravelAgent agent;

	@Test
	void runWhoseToolReturnsAMapMatchesTheGoldenTraceAnotherJvmWrote() {
		this.model.script(
				toolCalls("resp-1", 80, 15, call("call-1", "convertCurrency",
						"{\"amount\":350,\"from\":\"EUR\",\"to\":\"JPY\"}")),
				answer("resp-2", "350 EUR is 56,455 JPY.", "STOP", 140, 9));

		this.agent.handle("What is 350 EUR in yen?");

		AgentRunTrace run = this.traces.lastRun();
		// the result is the map as this JVM serialises it, in this JVM's Map.of order
		String thisJvmsOrder = new DefaultToolCallResultConverter().convert(Map.of("amount", 350 * 161.3, "currency",
				"JPY", "rate", 161.3, "from", "EUR", "source", "ecb", "asOf", "2026-12-01"), Map.class);
		assertThat(run.toolCalls().get(0).result()).contains(thisJvmsOrder);
		assertThatRun(run).succeeded()
			.hasNoToolResult("{}")
			.answerContains("56,455 JPY")
			.matchesGolden("travel-map-result");
	}

}
