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
 * The {@code agentruns} endpoint once the application exposes it over HTTP, and the viewer
 * once it is turned on: both serve the same JSON.
 */
@RecorderWebTest
@TestPropertySource(properties = { "management.endpoints.web.exposure.include=health,agentruns",
		"agent-tracing.recorder.viewer.enabled=true" })
class AgentRunsEndpointWebTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	FlightRecorder recorder;

	@BeforeEach
	void record() {
		RecorderWebApplication.recordRuns(this.recorder);
	}

	@Test
	void theEndpointListsTheRunsNewestFirst() {
		JsonNode list = getJson("/actuator/agentruns");

		assertThat(traceIds(list)).containsExactly(traceId(2), traceId(1));
		JsonNode failed = list.get("runs").get(0);
		assertThat(failed.get("agentName").asString()).isEqualTo("support-router");
		assertThat(failed.get("outcome").asString()).isEqualTo("success");
		assertThat(failed.get("userId").asString()).isEqualTo("c-999");
		assertThat(failed.get("conversationId").asString()).isEqualTo("T-1007");
		assertThat(failed.get("workflowRunId").asString()).isEqualTo("wf-2");
		assertThat(failed.get("startTime").asString()).isEqualTo("2026-01-01T00:00:01Z");
		assertThat(failed.get("durationNanos").isIntegralNumber()).isTrue();
		assertThat(failed.get("durationNanos").asLong()).isEqualTo(50_000_000L);
		assertThat(failed.get("errorSpanCount").asInt()).isEqualTo(1);
		assertThat(failed.get("firstErrorSpanName").asString()).isEqualTo("execute_tool lookupCustomer");
		assertThat(list.get("recorder").get("failedRuns").asInt()).isEqualTo(1);
		assertThat(list.get("recorder").get("successfulRuns").asInt()).isEqualTo(1);
	}

	@Test
	void theEndpointFiltersTheRuns() {
		assertThat(traceIds(getJson("/actuator/agentruns?user=c-007"))).containsExactly(traceId(1));
		assertThat(traceIds(getJson("/actuator/agentruns?conversation=T-1007"))).containsExactly(traceId(2));
		assertThat(traceIds(getJson("/actuator/agentruns?workflowRunId=wf-1"))).containsExactly(traceId(1));
		assertThat(traceIds(getJson("/actuator/agentruns?agent=support-router&outcome=success")))
			.containsExactly(traceId(2), traceId(1));
		assertThat(traceIds(getJson("/actuator/agentruns?outcome=refused"))).isEmpty();
		assertThat(traceIds(getJson("/actuator/agentruns?from=2026-01-01T00:00:00.500Z"))).containsExactly(traceId(2));
		assertThat(traceIds(getJson("/actuator/agentruns?to=2026-01-01T00:00:00.500Z"))).containsExactly(traceId(1));
		assertThat(traceIds(getJson("/actuator/agentruns?limit=1"))).containsExactly(traceId(2));
	}

	@Test
	void theEndpointReturnsOneRunAsATreeWithTypedAttributes() {
		JsonNode tree = getJson("/actuator/agentruns/" + traceId(1));

		assertThat(tree.get("run").get("traceId").asString()).isEqualTo(traceId(1));
		JsonNode spans = tree.get("spans");
		assertThat(spans.size()).isEqualTo(2);
		JsonNode run = spans.get(0);
		assertThat(run.get("name").asString()).isEqualTo("invoke_agent support-router");
		assertThat(run.get("parentSpanId").isNull()).isTrue();
		assertThat(run.get("depth").asInt()).isZero();
		JsonNode chat = spans.get(1);
		assertThat(chat.get("parentSpanId").asString()).isEqualTo(spanId(1));
		assertThat(chat.get("depth").asInt()).isEqualTo(1);
		assertThat(chat.get("kind").asString()).isEqualTo("CLIENT");
		assertThat(chat.get("status").asString()).isEqualTo("UNSET");
		assertThat(chat.get("offsetNanos").asLong()).isEqualTo(10_000_000L);
		assertThat(chat.get("durationNanos").asLong()).isEqualTo(20_000_000L);
		JsonNode tokens = attribute(chat, "gen_ai.usage.input_tokens");
		assertThat(tokens.get("type").asString()).isEqualTo("long");
		assertThat(tokens.get("value").isIntegralNumber()).isTrue();
		assertThat(tokens.get("value").asLong()).isEqualTo(42L);
		JsonNode finish = attribute(chat, "gen_ai.response.finish_reasons");
		assertThat(finish.get("type").asString()).isEqualTo("string_array");
		assertThat(finish.get("value").isArray()).isTrue();
		assertThat(finish.get("value").get(0).asString()).isEqualTo("stop");
	}

	@Test
	void theEndpointAnswers404ForARunItDoesNotHold() {
		assertThat(RecorderWebApplication.get(this.port, "/actuator/agentruns/" + traceId(99)).statusCode())
			.isEqualTo(404);
	}

	@Test
	void theViewerReadsTheSameJsonAsTheEndpoint() {
		assertThat(getJson("/agent-tracing/runs/api/runs?conversation=T-1007"))
			.isEqualTo(getJson("/actuator/agentruns?conversation=T-1007"));
		assertThat(getJson("/agent-tracing/runs/api/runs/" + traceId(2)))
			.isEqualTo(getJson("/actuator/agentruns/" + traceId(2)));
		assertThat(RecorderWebApplication.get(this.port, "/agent-tracing/runs/api/runs/" + traceId(99)).statusCode())
			.isEqualTo(404);
	}

	@Test
	void theViewerPageIsServedWithAPolicyThatRunsItsOwnScriptOnly() {
		HttpResponse<String> redirect = RecorderWebApplication.get(this.port, "/agent-tracing/runs");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).hasValue("runs/");

		HttpResponse<String> page = RecorderWebApplication.get(this.port, "/agent-tracing/runs/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying((policy) -> assertThat(policy)
			.contains("default-src 'none'", "script-src 'self'").doesNotContain("unsafe-inline"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(page.body()).contains("<script src=\"viewer.js\" defer></script>");

		HttpResponse<String> script = RecorderWebApplication.get(this.port, "/agent-tracing/runs/viewer.js");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
		assertThat(script.body()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write");
		assertThat(RecorderWebApplication.get(this.port, "/agent-tracing/runs/viewer.css").statusCode())
			.isEqualTo(200);
	}

	private JsonNode getJson(String path) {
		HttpResponse<String> response = RecorderWebApplication.get(this.port, path);
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<String> traceIds(JsonNode list) {
		List<String> ids = new ArrayList<>();
		list.get("runs").forEach((run) -> ids.add(run.get("traceId").asString()));
		return ids;
	}

	private static JsonNode attribute(JsonNode span, String key) {
		for (JsonNode attribute : span.get("attributes")) {
			if (attribute.get("key").asString().equals(key)) {
				return attribute;
			}
		}
		throw new AssertionError("No attribute " + key + " in " + span);
	}

}
