package dev.agenttracing.test;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.agenttracing.test.support.SupportDeskApplication;
import dev.agenttracing.test.support.SupportDeskApplication.SupportAgent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static dev.agenttracing.test.ScriptedChatModel.answer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link AgentTracingTest} does to a {@code @SpringBootTest}: every trace recorded
 * although the application samples none, the captured spans emptied between tests.
 */
@SpringBootTest(classes = SupportDeskApplication.class, properties = SupportDeskApplication.NO_PROVIDER)
@AgentTracingTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentTracingTestTests {

	@Autowired
	AgentTraces traces;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Test
	@Order(1)
	void everyTraceIsRecordedAlthoughTheApplicationSamplesNone(@Autowired Environment environment) {
		this.model.script(answer("resp-1", "Hello", "STOP", 12, 3));

		this.agent.handle("hi");

		// src/test/resources/application.properties sets the probability to 0.0
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
		assertThatRun(this.traces.lastRun()).succeeded().hasModelCalls(1);
	}

	@Test
	@Order(2)
	void spansOfTheTestBeforeAreGone() {
		assertThat(this.traces.spans()).isEmpty();
		assertThat(this.traces.runs()).isEmpty();
	}

}
