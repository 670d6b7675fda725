package dev.agenttracing.recorder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's defaults, recorded runs are not reachable over HTTP: the
 * {@code agentruns} endpoint is not exposed and the viewer is off, while the recorder
 * records.
 */
@RecorderWebTest
class AgentRunsEndpointExposureTests {

	@LocalServerPort
	int port;

	@Autowired
	FlightRecorder recorder;

	@BeforeEach
	void record() {
		RecorderWebApplication.recordRuns(this.recorder);
	}

	@Test
	void theRecorderRecordsByDefault() {
		assertThat(this.recorder.runs(RunQuery.all()).runs()).hasSize(2);
	}

	@Test
	void theEndpointIsNotExposedOverHttpByDefault() {
		assertThat(RecorderWebApplication.get(this.port, "/actuator/agentruns").statusCode()).isEqualTo(404);
		assertThat(RecorderWebApplication.get(this.port, "/actuator/agentruns/" + SpanFixture.traceId(1)).statusCode())
			.isEqualTo(404);
		assertThat(RecorderWebApplication.get(this.port, "/actuator").body()).contains("health")
			.doesNotContain("agentruns");
	}

	@Test
	void theViewerIsOffByDefault() {
		assertThat(RecorderWebApplication.get(this.port, "/agent-tracing/runs/").statusCode()).isEqualTo(404);
		assertThat(RecorderWebApplication.get(this.port, "/agent-tracing/runs/api/runs").statusCode()).isEqualTo(404);
	}

}
