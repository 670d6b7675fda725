package dev.agenttracing.recorder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static dev.agenttracing.recorder.SpanFixture.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer does not need the {@code agentruns} endpoint to be exposed.
 */
@RecorderWebTest
@TestPropertySource(properties = "agent-tracing.recorder.viewer.enabled=true")
class FlightRecorderViewerWithoutEndpointTests {

	@LocalServerPort
	int port;

	@Autowired
	FlightRecorder recorder;

	@BeforeEach
	void record() {
		RecorderWebApplication.recordRuns(this.recorder);
	}

	@Test
	void theViewerServesRunsWhileTheEndpointIsNotExposed() {
		assertThat(RecorderWebApplication.get(this.port, "/actuator/agentruns").statusCode()).isEqualTo(404);
		assertThat(RecorderWebApplication.get(this.port, "/agent-tracing/runs/").statusCode()).isEqualTo(200);
		assertThat(RecorderWebApplication.get(this.port, "/agent-tracing/runs/api/runs").body())
			.contains(traceId(1), traceId(2));
		assertThat(RecorderWebApplication.get(this.port, "/agent-tracing/runs/api/runs/" + traceId(2)).body())
			.contains("execute_tool lookupCustomer");
	}

}
