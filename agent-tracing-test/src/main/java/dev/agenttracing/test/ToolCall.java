package dev.agenttracing.test;

import java.util.Optional;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.GenAiAttributes;

/**
 * One tool execution of a run, read from its {@code execute_tool} span.
 * <p>
 * The arguments and the result are on the span only when content capture is on for the
 * agent or the tool ({@code agent-tracing.capture.*}, off by default): {@link #arguments()}
 * and {@link #result()} are then the JSON strings of {@code gen_ai.tool.call.arguments}
 * and {@code gen_ai.tool.call.result}, redacted and truncated as the application is
 * configured.
 */
public final class ToolCall {

	private final SpanData span;

	private final AgentRunTrace run;

	ToolCall(SpanData span, AgentRunTrace run) {
		this.span = span;
		this.run = run;
	}

	/**
	 * The {@code execute_tool} span.
	 * @return the span
	 */
	public SpanData span() {
		return this.span;
	}

	/**
	 * The run that made the call.
	 * @return the run
	 */
	public AgentRunTrace run() {
		return this.run;
	}

	/**
	 * The tool's name, {@code gen_ai.tool.name}.
	 * @return the name, or {@code null} when the span has none
	 */
	public @Nullable String toolName() {
		return this.span.getAttributes().get(GenAiAttributes.TOOL_NAME);
	}

	/**
	 * The id the model gave the call, {@code gen_ai.tool.call.id}.
	 * @return the id, or {@code null} (a tool called outside a model's tool loop has none)
	 */
	public @Nullable String callId() {
		return this.span.getAttributes().get(GenAiAttributes.TOOL_CALL_ID);
	}

	/**
	 * The captured arguments.
	 * @return the arguments as JSON, or empty when content capture did not record them
	 */
	public Optional<String> arguments() {
		return Optional.ofNullable(this.span.getAttributes().get(GenAiAttributes.TOOL_CALL_ARGUMENTS));
	}

	/**
	 * The captured result.
	 * @return the result as JSON, or empty when content capture did not record it
	 */
	public Optional<String> result() {
		return Optional.ofNullable(this.span.getAttributes().get(GenAiAttributes.TOOL_CALL_RESULT));
	}

	/**
	 * Whether the tool failed: its span's status is ERROR.
	 * @return whether it failed
	 */
	public boolean failed() {
		return this.span.getStatus().getStatusCode() == StatusCode.ERROR;
	}

	/**
	 * The failure's {@code error.type}: the exception's class name.
	 * @return the error type, or {@code null} when the tool did not fail
	 */
	public @Nullable String errorType() {
		return this.span.getAttributes().get(GenAiAttributes.ERROR_TYPE);
	}

	@Override
	public String toString() {
		return this.span.getName() + arguments().map((arguments) -> " " + arguments).orElse("")
				+ (failed() ? " failed with " + errorType() : "");
	}

}
