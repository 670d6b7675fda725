package dev.agenttracing.test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.execution.DefaultToolCallResultConverter;

/**
 * A travel assistant's run whose currency tool returns a {@code Map.of(...)}: Spring AI
 * serialises the map in its iteration order, which {@code Map.of} draws from a salt the
 * JVM picks at random when it starts. The tool's result is recorded on its span and again,
 * as a JSON string inside the tool message, in the next model call's input messages.
 * <p>
 * {@link #main(String[])} runs in a fresh JVM: it compares the run with the golden trace in
 * the directory it is given and prints the tool result it got, so that the test that forks
 * it sees that the key order did change from one JVM to the next.
 */
final class MapResultRun {

	static final String GOLDEN_NAME = "map-result";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private MapResultRun() {
	}

	/** The run, with the tool result and the model's messages built from {@code Map.of}. */
	static AgentRunTrace run() {
		Map<String, Object> arguments = Map.of("amount", 350, "from", "EUR", "to", "JPY");
		Map<String, Object> result = Map.of("amount", 56455.0, "currency", "JPY", "rate", 161.3, "from", "EUR",
				"source", "ecb", "asOf", "2026-12-01");
		String resultText = new DefaultToolCallResultConverter().convert(result, Map.class);
		return run(JSON.writeValueAsString(arguments), resultText);
	}

	/** The run with these tool arguments and this tool result, as JSON text. */
	static AgentRunTrace run(String argumentsJson, String resultJson) {
		List<Object> messages = List.of(
				Map.of("role", "user", "parts",
						List.of(Map.of("type", "text", "content", "What is 350 EUR in yen?"))),
				Map.of("role", "assistant", "parts",
						List.of(Map.of("type", "tool_call", "id", "call-1", "name", "convertCurrency", "arguments",
								JSON.readTree(argumentsJson)))),
				Map.of("role", "tool", "parts",
						List.of(Map.of("type", "tool_call_response", "id", "call-1", "response", resultJson))));
		return run(argumentsJson, resultJson, JSON.writeValueAsString(messages));
	}

	/** The run with these tool arguments, tool result and second model call's input messages. */
	static AgentRunTrace run(String argumentsJson, String resultJson, String inputMessagesJson) {
		AgentTraces traces = new AgentTraces();
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(traces.spanProcessor())
			.build()) {
			Tracer tracer = provider.get("travel-assistant");
			Span run = tracer.spanBuilder("invoke_agent travel-assistant")
				.setAttribute("gen_ai.operation.name", "invoke_agent")
				.setAttribute("gen_ai.agent.name", "travel-assistant")
				.setAttribute("workflow.run_id", java.util.UUID.randomUUID().toString())
				.setAttribute("agent.outcome", "success")
				.startSpan();
			try (Scope scope = run.makeCurrent()) {
				tracer.spanBuilder("chat travel-model")
					.setSpanKind(SpanKind.CLIENT)
					.setAttribute("gen_ai.operation.name", "chat")
					.setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("tool_call"))
					.startSpan()
					.end();
				tracer.spanBuilder("execute_tool convertCurrency")
					.setAttribute("gen_ai.operation.name", "execute_tool")
					.setAttribute("gen_ai.tool.name", "convertCurrency")
					.setAttribute("gen_ai.tool.call.id", "call-1")
					.setAttribute("gen_ai.tool.call.arguments", argumentsJson)
					.setAttribute("gen_ai.tool.call.result", resultJson)
					.startSpan()
					.end();
				tracer.spanBuilder("chat travel-model")
					.setSpanKind(SpanKind.CLIENT)
					.setAttribute("gen_ai.operation.name", "chat")
					.setAttribute("gen_ai.input.messages", inputMessagesJson)
					.setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"))
					.startSpan()
					.end();
			}
			finally {
				run.end();
			}
		}
		return traces.lastRun("travel-assistant");
	}

	/**
	 * In a fresh JVM: compare the run with the golden trace in {@code args[0]}; print the
	 * tool result; exit with 1 if the comparison fails.
	 * @param args the golden trace directory
	 */
	public static void main(String[] args) {
		AgentRunTrace run = run();
		System.out.println("RESULT " + run.toolCalls().get(0).result().orElseThrow());
		try {
			GoldenTraces.in(Path.of(args[0])).updating(false).assertMatches(run, GOLDEN_NAME);
		}
		catch (AssertionFailedError ex) {
			System.out.println(ex.getMessage());
			System.exit(1);
		}
		System.exit(0);
	}

}
