package dev.agenttracing.recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import static dev.agenttracing.recorder.SpanFixture.batch;
import static dev.agenttracing.recorder.SpanFixture.run;
import static dev.agenttracing.recorder.SpanFixture.span;

/**
 * A web application with actuator and the flight recorder, two runs to show, and an HTTP
 * client, for the tests that reach the recorder over HTTP.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class RecorderWebApplication {

	private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	/**
	 * Record two runs: a successful one (trace 1) and one whose tool failed (trace 2).
	 * @param recorder the application's recorder
	 */
	static void recordRuns(FlightRecorder recorder) {
		recorder.record(batch(span(1, 2, "chat gpt-4o").parent(1)
			.kind(SpanKind.CLIENT)
			.operation(GenAiOperations.CHAT)
			.with(GenAiAttributes.USAGE_INPUT_TOKENS, 42L)
			.with(GenAiAttributes.RESPONSE_FINISH_REASONS, List.of("stop"))
			.at(10, 30),
				run(1, 1, "support-router", "success").with(AgentAttributes.USER_ID, "c-007")
					.with(GenAiAttributes.CONVERSATION_ID, "T-1001")
					.with(AgentAttributes.WORKFLOW_RUN_ID, "wf-1")
					.at(0, 50)));
		recorder.record(batch(span(2, 2, "execute_tool lookupCustomer").parent(1)
			.operation(GenAiOperations.EXECUTE_TOOL)
			.with(AttributeKey.stringKey("gen_ai.tool.name"), "lookupCustomer")
			.failed("CustomerNotFoundException", "no customer c-999")
			.at(1010, 1020),
				run(2, 1, "support-router", "success").with(AgentAttributes.USER_ID, "c-999")
					.with(GenAiAttributes.CONVERSATION_ID, "T-1007")
					.with(AgentAttributes.WORKFLOW_RUN_ID, "wf-2")
					.at(1000, 1050)));
	}

	/**
	 * The run of ticket T-1002 as the detectors leave it: the pricing tool came back empty,
	 * and the answer states a price no input holds.
	 */
	static void recordRunWithFindings(FlightRecorder recorder, int trace) {
		long at = trace * 1000L;
		recorder.record(batch(span(trace, 2, "chat gpt-4o").parent(1).operation(GenAiOperations.CHAT).at(at + 5, at + 15),
				span(trace, 3, "execute_tool lookupPricing").parent(1)
					.operation(GenAiOperations.EXECUTE_TOOL)
					.event("agent.finding", at + 20,
							Attributes.of(AttributeKey.stringKey("agent.finding.kind"), "empty_tool_result",
									AttributeKey.stringKey("agent.finding.message"),
									"Tool lookupPricing returned an empty result: {}"))
					.at(at + 16, at + 20),
				span(trace, 4, "chat gpt-4o").parent(1)
					.operation(GenAiOperations.CHAT)
					.event("agent.finding", at + 45,
							Attributes.of(AttributeKey.stringKey("agent.finding.kind"), "ungrounded_value",
									AttributeKey.stringKey("agent.finding.message"),
									"The answer states 1 value found in none of the run's inputs"))
					.at(at + 21, at + 45),
				run(trace, 1, "support-router", "success").with(GenAiAttributes.CONVERSATION_ID, "T-1002")
					.with(AttributeKey.stringArrayKey("agent.findings"), List.of("empty_tool_result", "ungrounded_value"))
					.with(AttributeKey.longKey("agent.finding.count"), 2L)
					.at(at, at + 50)));
	}

	static HttpResponse<String> get(int port, String path) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
