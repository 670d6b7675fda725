package dev.agenttracing.test;

import java.math.BigDecimal;
import java.util.Optional;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.semconv.GenAiAttributes;

/**
 * Assertions on one tool execution of a run. Obtained from
 * {@link AgentRunAssert#toolCall(String)}.
 * <p>
 * Arguments and results are compared as JSON (key order and spacing do not matter). They
 * are on the span only when content capture is on; when they are absent the assertion
 * fails and says so, rather than comparing with nothing.
 */
public final class ToolCallAssert extends AbstractTraceSpanAssert<ToolCallAssert, ToolCall> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	ToolCallAssert(ToolCall call) {
		super(call, ToolCallAssert.class);
	}

	@Override
	SpanData span() {
		return this.actual.span();
	}

	@Override
	AgentRunTrace run() {
		return this.actual.run();
	}

	/**
	 * The tool returned normally: its span's status is not ERROR.
	 * @return this
	 */
	public ToolCallAssert succeeded() {
		isNotNull();
		if (this.actual.failed()) {
			failWithTree("Expected %s to succeed but it failed with %s", spanName(), this.actual.errorType());
		}
		return this;
	}

	/**
	 * The tool threw: its span's status is ERROR.
	 * @return this
	 */
	public ToolCallAssert failed() {
		isNotNull();
		if (!this.actual.failed()) {
			failWithTree("Expected %s to fail but its status is %s", spanName(),
					span().getStatus().getStatusCode());
		}
		return this;
	}

	/**
	 * The tool threw this exception: status ERROR and {@code error.type} its class name.
	 * @param exceptionType the exception's class
	 * @return this
	 */
	public ToolCallAssert failedWith(Class<? extends Throwable> exceptionType) {
		return failedWith(exceptionType.getName());
	}

	/**
	 * The tool failed with this {@code error.type}.
	 * @param errorType the error type
	 * @return this
	 */
	public ToolCallAssert failedWith(String errorType) {
		failed();
		if (!errorType.equals(this.actual.errorType())) {
			failWithTree("Expected %s to fail with %s but it failed with %s", spanName(), errorType,
					this.actual.errorType());
		}
		return this;
	}

	/**
	 * The model gave the call this id ({@code gen_ai.tool.call.id}).
	 * @param callId the id
	 * @return this
	 */
	public ToolCallAssert hasCallId(String callId) {
		isNotNull();
		if (!callId.equals(this.actual.callId())) {
			failWithTree("Expected %s to have call id %s but it has %s", spanName(), callId, this.actual.callId());
		}
		return this;
	}

	/**
	 * The captured arguments equal this JSON.
	 * @param json the expected arguments, a JSON object
	 * @return this
	 */
	public ToolCallAssert hasArguments(String json) {
		String actual = captured(this.actual.arguments(), GenAiAttributes.TOOL_CALL_ARGUMENTS.getKey(), "arguments");
		if (!sameJson(actual, json)) {
			failWithTree("Expected %s to be called with%n  %s%nbut it was called with%n  %s", spanName(), json,
					actual);
		}
		return this;
	}

	/**
	 * The captured arguments have this top-level field with this value; numbers are
	 * compared by value.
	 * @param name the argument's name
	 * @param expected its value (a string, number, boolean, or anything Jackson writes)
	 * @return this
	 */
	public ToolCallAssert hasArgument(String name, @Nullable Object expected) {
		String actual = captured(this.actual.arguments(), GenAiAttributes.TOOL_CALL_ARGUMENTS.getKey(), "arguments");
		JsonNode arguments = parse(actual);
		JsonNode value = (arguments != null) ? arguments.get(name) : null;
		if (value == null || !sameValue(value, JSON.valueToTree(expected))) {
			failWithTree("Expected %s to be called with %s = %s but it was called with %s", spanName(), name,
					JSON.writeValueAsString(expected), actual);
		}
		return this;
	}

	/**
	 * The captured result equals this JSON, or this text: a tool's text result is
	 * captured as the JSON string the model gets, {@code "billing says: yes"}, and
	 * {@code hasResult("billing says: yes")} matches it.
	 * @param expected the expected result
	 * @return this
	 */
	public ToolCallAssert hasResult(String expected) {
		String actual = captured(this.actual.result(), GenAiAttributes.TOOL_CALL_RESULT.getKey(), "result");
		if (!sameResult(actual, expected)) {
			failWithTree("Expected %s to return%n  %s%nbut it returned%n  %s", spanName(), expected, actual);
		}
		return this;
	}

	/**
	 * The captured result is not this JSON nor this text (compared as in
	 * {@link #hasResult(String)}): {@code doesNotHaveResult("{}")} says the tool did not
	 * come back empty. A result that was not captured fails the assertion, as it could not
	 * be checked.
	 * @param unexpected the result the tool should not have returned
	 * @return this
	 */
	public ToolCallAssert doesNotHaveResult(String unexpected) {
		String actual = captured(this.actual.result(), GenAiAttributes.TOOL_CALL_RESULT.getKey(), "result");
		if (sameResult(actual, unexpected)) {
			failWithTree("Expected %s not to return%n  %s%nbut it returned%n  %s", spanName(), unexpected, actual);
		}
		return this;
	}

	/**
	 * The captured result does not contain this text. A result that was not captured fails
	 * the assertion.
	 * @param text the text
	 * @return this
	 */
	public ToolCallAssert resultDoesNotContain(String text) {
		String actual = captured(this.actual.result(), GenAiAttributes.TOOL_CALL_RESULT.getKey(), "result");
		if (actual.contains(text)) {
			failWithTree("Expected the result of %s not to contain%n  %s%nbut it was%n  %s", spanName(), text, actual);
		}
		return this;
	}

	/**
	 * The captured result contains this text.
	 * @param text the text
	 * @return this
	 */
	public ToolCallAssert resultContains(String text) {
		String actual = captured(this.actual.result(), GenAiAttributes.TOOL_CALL_RESULT.getKey(), "result");
		if (!actual.contains(text)) {
			failWithTree("Expected the result of %s to contain%n  %s%nbut it was%n  %s", spanName(), text, actual);
		}
		return this;
	}

	@Override
	String spanName() {
		String callId = this.actual.callId();
		return "tool call '" + this.actual.toolName() + "'" + ((callId != null) ? " (" + callId + ")" : "");
	}

	private String captured(Optional<String> value, String key, String what) {
		isNotNull();
		if (value.isEmpty()) {
			String status = (span().getStatus().getStatusCode() == StatusCode.ERROR) ? " (the call failed)" : "";
			failWithTree("The %s of %s were not captured%s: its span has no %s attribute. Tool arguments and "
					+ "results are recorded only when content capture is on for the agent or the tool "
					+ "(agent-tracing.capture.*), which it is not by default.", what, spanName(), status, key);
		}
		return value.orElseThrow();
	}

	private static boolean sameResult(String actual, String expected) {
		return sameJson(actual, expected) || actual.equals(expected) || expected.equals(jsonString(actual));
	}

	private static boolean sameJson(String actual, String expected) {
		JsonNode actualJson = parse(actual);
		JsonNode expectedJson = parse(expected);
		return actualJson != null && expectedJson != null && sameValue(actualJson, expectedJson);
	}

	private static boolean sameValue(JsonNode actual, JsonNode expected) {
		if (actual.isNumber() && expected.isNumber()) {
			BigDecimal a = actual.decimalValue();
			BigDecimal b = expected.decimalValue();
			return a.compareTo(b) == 0;
		}
		if (actual.isObject() && expected.isObject()) {
			if (actual.size() != expected.size()) {
				return false;
			}
			for (var property : expected.properties()) {
				JsonNode other = actual.get(property.getKey());
				if (other == null || !sameValue(other, property.getValue())) {
					return false;
				}
			}
			return true;
		}
		if (actual.isArray() && expected.isArray()) {
			if (actual.size() != expected.size()) {
				return false;
			}
			for (int i = 0; i < expected.size(); i++) {
				if (!sameValue(actual.get(i), expected.get(i))) {
					return false;
				}
			}
			return true;
		}
		return actual.equals(expected);
	}

	/** The text of a JSON string, or {@code null} if the JSON is something else. */
	private static @Nullable String jsonString(String json) {
		JsonNode node = parse(json);
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	private static @Nullable JsonNode parse(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
