package dev.agenttracing.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.agenttracing.semconv.GenAiAttributes;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * A run recorded with content, ready to be replayed by a {@link ReplayChatModel}: its model
 * calls in order, each with what it was sent ({@code gen_ai.input.messages},
 * {@code gen_ai.system_instructions}) and what it answered (text, tool calls with their
 * ids, names and arguments, finish reasons, usage, model, from
 * {@code gen_ai.output.messages} and the span's attributes), its tool executions with
 * their arguments and results, and its sub-agents' runs.
 * <p>
 * Load it from a file in any format {@link TraceFixtures} reads (the flight recorder's
 * JSON, as {@code GET /actuator/agentruns/{traceId}} and the viewer's download serve it,
 * or OTLP/JSON), from the class path, from a stream, or from a run captured in a test:
 * <pre class="code">
 * RecordedRun recorded = RecordedRun.loadResource("fixtures/t-1002.json");
 * RecordedRun captured = RecordedRun.of(traces.lastRun("support-router"));
 * </pre>
 * A file's run is its last top-level run; for another one, pick it from
 * {@link TraceFixtures} and pass it to {@link #of(AgentRunTrace)}.
 * <p>
 * A run recorded without content has no answers to replay: loading it fails, and the
 * message says how to turn content capture on for the agent. The content is as it was
 * recorded: redacted values are their marks ({@code [REDACTED:email]}, or
 * {@code [email:3f9a1c2b]} in hash mode) and cut values end with {@code …}.
 */
public final class RecordedRun {

	private static final AttributeKey<String> SYSTEM_INSTRUCTIONS = GenAiAttributes.SYSTEM_INSTRUCTIONS;

	private final AgentRunTrace trace;

	private final List<ModelCall> modelCalls;

	private final List<ToolExecution> toolExecutions;

	private final List<RecordedRun> subRuns;

	private RecordedRun(AgentRunTrace trace, List<ModelCall> modelCalls, List<ToolExecution> toolExecutions,
			List<RecordedRun> subRuns) {
		this.trace = trace;
		this.modelCalls = modelCalls;
		this.toolExecutions = toolExecutions;
		this.subRuns = subRuns;
	}

	/**
	 * A run captured in a test or picked from a loaded trace, with its sub-agents' runs.
	 * @param run the run
	 * @return the recorded run
	 * @throws IllegalArgumentException if a model call of the run, or of a sub-agent's run,
	 * was recorded without content
	 */
	public static RecordedRun of(AgentRunTrace run) {
		List<ModelCall> calls = new ArrayList<>();
		List<SpanData> spans = run.modelCalls();
		for (int i = 0; i < spans.size(); i++) {
			calls.add(ModelCall.of(run, spans.get(i), i));
		}
		List<ToolExecution> tools = run.toolCalls().stream().map(ToolExecution::of).toList();
		List<RecordedRun> subRuns = run.subRuns().stream().map(RecordedRun::of).toList();
		return new RecordedRun(run, List.copyOf(calls), tools, subRuns);
	}

	/**
	 * The last top-level run of a trace file, in any format {@link TraceFixtures} reads.
	 * @param file the file, for instance a run downloaded from the viewer
	 * @return the recorded run
	 */
	public static RecordedRun load(Path file) {
		return of(TraceFixtures.load(file).lastRun());
	}

	/**
	 * The last top-level run of a trace on the class path ({@code src/test/resources} in a
	 * Maven or Gradle build).
	 * @param location the resource's location, for example {@code fixtures/t-1002.json}
	 * @return the recorded run
	 */
	public static RecordedRun loadResource(String location) {
		return of(TraceFixtures.loadResource(location).lastRun());
	}

	/**
	 * The last top-level run of a trace document read from a stream (not closed here).
	 * @param in the document, UTF-8
	 * @return the recorded run
	 */
	public static RecordedRun read(InputStream in) {
		try {
			return of(TraceFixtures.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).lastRun());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the recorded run", ex);
		}
	}

	/**
	 * The agent's name, {@code gen_ai.agent.name}.
	 * @return the name, or {@code null} when the run's span has none
	 */
	public @Nullable String agentName() {
		return this.trace.agentName();
	}

	/**
	 * The model calls of the run itself (not its sub-agents'), in the order they were made.
	 * @return the model calls
	 */
	public List<ModelCall> modelCalls() {
		return this.modelCalls;
	}

	/**
	 * The tool executions of the run itself, in the order they started.
	 * @return the tool executions
	 */
	public List<ToolExecution> toolExecutions() {
		return this.toolExecutions;
	}

	/**
	 * The runs of the sub-agents this run called directly, in the order they started.
	 * @return the sub-agents' runs
	 */
	public List<RecordedRun> subRuns() {
		return this.subRuns;
	}

	/**
	 * The run and every run nested in it, at any depth, in the order they started (the run
	 * first).
	 * @return the runs
	 */
	public List<RecordedRun> allRuns() {
		List<RecordedRun> all = new ArrayList<>();
		all.add(this);
		List<RecordedRun> nested = new ArrayList<>();
		for (RecordedRun subRun : this.subRuns) {
			nested.addAll(subRun.allRuns());
		}
		nested.sort((a, b) -> Long.compare(a.trace.span().getStartEpochNanos(), b.trace.span().getStartEpochNanos()));
		all.addAll(nested);
		return all;
	}

	/**
	 * The trace the run was read from.
	 * @return the run's trace
	 */
	public AgentRunTrace trace() {
		return this.trace;
	}

	@Override
	public String toString() {
		return "recorded run '" + agentName() + "' (" + this.modelCalls.size() + " model calls, "
				+ this.toolExecutions.size() + " tool executions, " + this.subRuns.size() + " sub-agent runs)";
	}

	/**
	 * One recorded model call.
	 *
	 * @param index its place among the run's model calls, from 0
	 * @param model the model that answered ({@code gen_ai.response.model}, else
	 * {@code gen_ai.request.model})
	 * @param inputMessages what it was sent, {@code gen_ai.input.messages} (JSON), or
	 * {@code null} when that was not recorded
	 * @param systemInstructions its system instructions,
	 * {@code gen_ai.system_instructions} (JSON), or {@code null}
	 * @param text the text it answered, empty when it answered with tool calls only
	 * @param toolCalls the tool calls it asked for, with their ids, names and arguments
	 * @param finishReasons {@code gen_ai.response.finish_reasons}, one per answer message
	 * @param responseId {@code gen_ai.response.id}, or {@code null}
	 * @param inputTokens {@code gen_ai.usage.input_tokens}, 0 when not recorded
	 * @param outputTokens {@code gen_ai.usage.output_tokens}, 0 when not recorded
	 */
	public record ModelCall(int index, @Nullable String model, @Nullable String inputMessages,
			@Nullable String systemInstructions, String text, List<AssistantMessage.ToolCall> toolCalls,
			List<String> finishReasons, @Nullable String responseId, long inputTokens, long outputTokens) {

		static ModelCall of(AgentRunTrace run, SpanData span, int index) {
			Attributes attributes = span.getAttributes();
			String output = content(span, GenAiAttributes.OUTPUT_MESSAGES);
			if (output == null) {
				throw new IllegalArgumentException(withoutContent(run, span, index));
			}
			JsonNode messages;
			try {
				messages = TraceSnapshot.JSON.readTree(output);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("Model call " + (index + 1) + " of run '" + run.agentName()
						+ "' (" + span.getName() + ") has gen_ai.output.messages that are not JSON: they were cut"
						+ " (raise agent-tracing.capture.max-attribute-length, or"
						+ " agent-tracing.recorder.max-value-length for a run from the flight recorder)", ex);
			}
			StringBuilder text = new StringBuilder();
			List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
			List<String> reasons = new ArrayList<>();
			for (JsonNode message : messages.values()) {
				for (JsonNode part : message.path("parts").values()) {
					String type = part.path("type").asString("");
					if ("text".equals(type)) {
						text.append(part.path("content").asString(""));
					}
					else if ("tool_call".equals(type)) {
						JsonNode arguments = part.path("arguments");
						toolCalls.add(new AssistantMessage.ToolCall(part.path("id").asString(""), "function",
								part.path("name").asString(""), arguments.isString() ? arguments.stringValue()
										: TraceSnapshot.JSON.writeValueAsString(arguments)));
					}
				}
				if (message.hasNonNull("finish_reason")) {
					reasons.add(message.path("finish_reason").asString(""));
				}
			}
			List<String> recordedReasons = attributes.get(GenAiAttributes.RESPONSE_FINISH_REASONS);
			if (recordedReasons != null && !recordedReasons.isEmpty()) {
				reasons = recordedReasons;
			}
			String model = attributes.get(GenAiAttributes.RESPONSE_MODEL);
			if (model == null) {
				model = attributes.get(GenAiAttributes.REQUEST_MODEL);
			}
			Long input = attributes.get(GenAiAttributes.USAGE_INPUT_TOKENS);
			Long outputTokens = attributes.get(GenAiAttributes.USAGE_OUTPUT_TOKENS);
			return new ModelCall(index, model, content(span, GenAiAttributes.INPUT_MESSAGES),
					content(span, SYSTEM_INSTRUCTIONS), text.toString(), List.copyOf(toolCalls), List.copyOf(reasons),
					attributes.get(GenAiAttributes.RESPONSE_ID), (input != null) ? input : 0,
					(outputTokens != null) ? outputTokens : 0);
		}

		/**
		 * The recorded answer as a Spring AI response: one generation with the text and tool
		 * calls, the first finish reason, the response id, the model and the usage.
		 * @return the response
		 */
		public ChatResponse response() {
			AssistantMessage message = AssistantMessage.builder().content(this.text).toolCalls(this.toolCalls).build();
			String finishReason = this.finishReasons.isEmpty() ? null : this.finishReasons.get(0);
			Generation generation = new Generation(message,
					ChatGenerationMetadata.builder().finishReason(finishReason).build());
			ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
				.usage(new DefaultUsage((int) this.inputTokens, (int) this.outputTokens));
			if (this.responseId != null) {
				metadata.id(this.responseId);
			}
			if (this.model != null) {
				metadata.model(this.model);
			}
			return new ChatResponse(List.of(generation), metadata.build());
		}

		/** A content attribute, from the span or from its inference-details event. */
		private static @Nullable String content(SpanData span, AttributeKey<String> key) {
			String value = span.getAttributes().get(key);
			if (value != null) {
				return value;
			}
			for (EventData event : span.getEvents()) {
				if (GenAiAttributes.INFERENCE_DETAILS_EVENT.equals(event.getName())
						&& event.getAttributes().get(key) != null) {
					return event.getAttributes().get(key);
				}
			}
			return null;
		}

		private static String withoutContent(AgentRunTrace run, SpanData span, int index) {
			String agent = (run.agentName() != null) ? run.agentName() : "<agent>";
			return "Run '" + agent + "' was recorded without content, so it cannot be replayed: its model call "
					+ (index + 1) + " (" + span.getName() + ") has no gen_ai.output.messages to answer with."
					+ " Record it again with content capture on for the agent:"
					+ " agent-tracing.capture.agents." + agent + "=true (or agent-tracing.capture.enabled=true for"
					+ " every agent). In production, agent-tracing.capture.keep=earned keeps content only for the"
					+ " traces kept for a reason (errors, refusals, exceeded budgets, slow runs), the runs one"
					+ " replays.";
		}

		@Override
		public String toString() {
			return "model call " + (this.index + 1) + (this.toolCalls.isEmpty() ? " answered " + quoted(this.text)
					: " asked for " + this.toolCalls.stream()
						.map((call) -> call.name() + " " + call.arguments())
						.toList());
		}

		private static String quoted(String text) {
			return "\"" + ((text.length() > 80) ? text.substring(0, 80) + "…" : text) + "\"";
		}

	}

	/**
	 * One recorded tool execution.
	 *
	 * @param toolName the tool, {@code gen_ai.tool.name}
	 * @param callId the id the model gave the call, {@code gen_ai.tool.call.id}, or
	 * {@code null}
	 * @param arguments {@code gen_ai.tool.call.arguments}, or empty when not recorded
	 * @param result {@code gen_ai.tool.call.result}, or empty when not recorded (a failed
	 * tool has none)
	 * @param failed whether the tool failed (its span's status is ERROR)
	 * @param errorType the failure's {@code error.type}, or {@code null}
	 */
	public record ToolExecution(@Nullable String toolName, @Nullable String callId, Optional<String> arguments,
			Optional<String> result, boolean failed, @Nullable String errorType) {

		static ToolExecution of(ToolCall call) {
			return new ToolExecution(call.toolName(), call.callId(), call.arguments(), call.result(), call.failed(),
					call.errorType());
		}

	}

}
