package dev.agenttracing.recorder;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static dev.agenttracing.recorder.SpanFixture.spanId;
import static dev.agenttracing.recorder.SpanFixture.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's findings over HTTP: the endpoint and the viewer list them, filter by them, and
 * serve the page's controls for them. (Its own application context: it records a run the
 * other web tests do not expect.)
 */
@RecorderWebTest
@TestPropertySource(properties = { "management.endpoints.web.exposure.include=agentruns",
		"agent-tracing.recorder.viewer.enabled=true" })
class AgentRunsEndpointFindingsWebTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	FlightRecorder recorder;

	@BeforeEach
	void record() {
		RecorderWebApplication.recordRuns(this.recorder);
		RecorderWebApplication.recordRunWithFindings(this.recorder, 3);
	}

	@Test
	void theEndpointListsARunsFindingsAndItsFirstFindingsStep() {
		JsonNode run = getJson("/actuator/agentruns?conversation=T-1002").get("runs").get(0);

		assertThat(run.get("traceId").asString()).isEqualTo(traceId(3));
		assertThat(run.get("outcome").asString()).isEqualTo("success");
		assertThat(run.get("findings").isArray()).isTrue();
		assertThat(strings(run.get("findings"))).containsExactly("empty_tool_result", "ungrounded_value");
		assertThat(run.get("findingCount").isIntegralNumber()).isTrue();
		assertThat(run.get("findingCount").asInt()).isEqualTo(2);
		assertThat(run.get("firstFindingSpanId").asString()).isEqualTo(spanId(3));
		assertThat(run.get("firstFindingSpanName").asString()).isEqualTo("execute_tool lookupPricing");

		JsonNode clean = getJson("/actuator/agentruns?conversation=T-1001").get("runs").get(0);
		assertThat(clean.get("findings").isArray()).isTrue();
		assertThat(clean.get("findings").size()).isZero();
		assertThat(clean.get("findingCount").asInt()).isZero();
		assertThat(clean.get("firstFindingSpanId").isNull()).isTrue();
	}

	@Test
	void theEndpointAndTheViewerFilterTheRunsByFinding() {
		assertThat(traceIds(getJson("/actuator/agentruns?finding=any"))).containsExactly(traceId(3));
		assertThat(traceIds(getJson("/actuator/agentruns?finding=empty_tool_result"))).containsExactly(traceId(3));
		assertThat(traceIds(getJson("/actuator/agentruns?finding=tool_error_ignored"))).isEmpty();
		assertThat(traceIds(getJson("/actuator/agentruns?finding=any&outcome=error"))).isEmpty();
		assertThat(traceIds(getJson("/actuator/agentruns?finding="))).containsExactly(traceId(3), traceId(2),
				traceId(1));
		assertThat(getJson("/agent-tracing/runs/api/runs?finding=ungrounded_value"))
			.isEqualTo(getJson("/actuator/agentruns?finding=ungrounded_value"));
		assertThat(traceIds(getJson("/agent-tracing/runs/api/runs?finding=ungrounded_value")))
			.containsExactly(traceId(3));
	}

	@Test
	void theRunsTreeCarriesTheFindingEventsOnTheirSteps() {
		JsonNode tree = getJson("/agent-tracing/runs/api/runs/" + traceId(3));

		assertThat(tree.get("run").get("firstFindingSpanId").asString()).isEqualTo(spanId(3));
		List<String> withFinding = new ArrayList<>();
		for (JsonNode span : tree.get("spans")) {
			for (JsonNode event : span.get("events")) {
				if (event.get("name").asString().equals("agent.finding")) {
					withFinding.add(span.get("name").asString() + ": " + kindOf(event));
				}
			}
		}
		assertThat(withFinding).containsExactly("execute_tool lookupPricing: empty_tool_result",
				"chat gpt-4o: ungrounded_value");
	}

	@Test
	void theViewerPageHasTheFindingsFilterColumnAndBanner() {
		String page = RecorderWebApplication.get(this.port, "/agent-tracing/runs/").body();
		assertThat(page).contains("<select name=\"finding\"", "<option value=\"any\">any finding</option>",
				"<option value=\"empty_tool_result\">", "<th>Findings</th>");
		String script = RecorderWebApplication.get(this.port, "/agent-tracing/runs/viewer.js").body();
		assertThat(script).contains("'agent.finding'", "finding-banner", "first-finding");
		assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write");
	}

	private JsonNode getJson(String path) {
		HttpResponse<String> response = RecorderWebApplication.get(this.port, path);
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static String kindOf(JsonNode event) {
		for (JsonNode attribute : event.get("attributes")) {
			if (attribute.get("key").asString().equals("agent.finding.kind")) {
				return attribute.get("value").asString();
			}
		}
		return "(no kind)";
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static List<String> traceIds(JsonNode list) {
		List<String> ids = new ArrayList<>();
		list.get("runs").forEach((run) -> ids.add(run.get("traceId").asString()));
		return ids;
	}

}
