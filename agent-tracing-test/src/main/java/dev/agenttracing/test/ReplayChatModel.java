package dev.agenttracing.test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.semconv.GenAiAttributes;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.util.StringUtils;

/**
 * A Spring AI {@link ChatModel} that replays a {@link RecordedRun}: each model call of the
 * new run is answered with the recorded answer of the matching call (its text, the tool
 * calls it asked for with their ids, names and arguments, its finish reason, usage, model
 * and response id), while the agent's own code, its advisors and Spring AI's tool loop run
 * again. Tools run for real, so a fixed tool changes what the model is sent next; or they
 * are answered from the recording, one by one ({@link #stubTools}) or all
 * ({@link #stubAllTools()}).
 * <pre class="code">
 * &#64;Bean
 * ReplayChatModel chatModel(ObservationRegistry observationRegistry) {
 *     return new ReplayChatModel(observationRegistry);
 * }
 *
 * model.replay(RecordedRun.loadResource("fixtures/t-1002.json"));
 * agent.handle(ticket);
 * </pre>
 * <p>
 * <strong>Matching.</strong> Each run of the new run's tree is matched with the recorded
 * run of the same agent, in the order the runs of that agent started (the run itself first,
 * then its sub-agents', in-process or reached over HTTP in the same JVM); each model call
 * of a run with the recorded call at the same place in that run. Before answering, the call's
 * input (its messages and system instructions, in the shape content capture records them)
 * is compared with the recorded input.
 * <p>
 * <strong>Departures.</strong> When they differ, when the recording has no call left for
 * that run, or no run left for that agent, the run has departed from its recording. By
 * default the call fails with a {@link ReplayDepartureException}, whose message says which
 * call departed, what was recorded and what came now; {@link #departures()} keeps it for
 * assertions. With {@link #onDeparture(OnDeparture) onDeparture(continueWith(...))} the
 * departing call and every call after it are answered by another model or by scripted
 * answers instead.
 * <p>
 * <strong>Redacted content.</strong> The recording holds what was exported: redacted
 * values are their marks ({@code [REDACTED:email]}) and long values may be cut. Recorded
 * answers replay as recorded, marks included (a redacted tool argument reaches the tool as
 * its mark, a stubbed tool's redacted result reaches the model as its mark); when inputs are
 * compared, a mark stands for any text and a cut value for any value that begins as it
 * does.
 * <p>
 * Tool stubbing needs the tool loop's {@code ToolCallingManager} to consult this model,
 * which {@link AgentTracingTest @AgentTracingTest} arranges. The model is thread-safe; runs
 * of the same agent started concurrently are matched in the order their first model call
 * comes.
 */
public class ReplayChatModel implements ChatModel {

	/** The high-cardinality key, and span attribute, of a tool answered from the recording. */
	public static final String REPLAYED_TOOL_KEY = "agent.tool.replayed";

	private final ObservationRegistry registry;

	private @Nullable RecordedRun recorded;

	private OnDeparture onDeparture = OnDeparture.FAIL;

	private final Set<String> stubbedTools = new LinkedHashSet<>();

	private boolean stubAllTools;

	private boolean toolStubsInstalled;

	private final Map<Object, Cursor> cursors = new IdentityHashMap<>();

	private final Map<String, Deque<RecordedRun>> unclaimed = new LinkedHashMap<>();

	private final Set<Object> usedToolResults = Collections.newSetFromMap(new IdentityHashMap<>());

	private final List<ReplayDeparture> departures = new ArrayList<>();

	private final List<Prompt> prompts = new ArrayList<>();

	private final Deque<ChatResponse> scripted = new ArrayDeque<>();

	private boolean departed;

	/** The key of model calls made outside any agent run. */
	private static final Object NO_RUN = new Object();

	/**
	 * A replay model; {@link #replay(RecordedRun)} gives it the run to replay.
	 * @param registry the registry its calls are observed in
	 */
	public ReplayChatModel(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Replay a recorded run from now on, forgetting an earlier replay's progress, departures,
	 * prompts, stubbed tools and departure choice.
	 * @param run the run to replay
	 * @return this model, to stub tools or choose what a departure does
	 */
	public synchronized ReplayChatModel replay(RecordedRun run) {
		this.recorded = run;
		this.onDeparture = OnDeparture.FAIL;
		this.stubbedTools.clear();
		this.stubAllTools = false;
		this.cursors.clear();
		this.unclaimed.clear();
		this.usedToolResults.clear();
		this.departures.clear();
		this.prompts.clear();
		this.scripted.clear();
		this.departed = false;
		for (RecordedRun each : run.allRuns()) {
			this.unclaimed.computeIfAbsent(nameOf(each), (name) -> new ArrayDeque<>()).add(each);
		}
		return this;
	}

	/**
	 * Answer these tools from the recording instead of running them: each call gets the
	 * result the recorded call with the same id got (the model asks with the recorded ids),
	 * else the next recorded result of that tool in the same run. Their {@code execute_tool}
	 * spans still appear, with {@value #REPLAYED_TOOL_KEY}{@code ="true"}.
	 * @param toolNames the tools' names
	 * @return this model
	 * @throws IllegalStateException when the tool loop was not set up to consult this model
	 * (the test has no {@link AgentTracingTest @AgentTracingTest})
	 */
	public synchronized ReplayChatModel stubTools(String... toolNames) {
		requireToolStubs();
		this.stubbedTools.addAll(List.of(toolNames));
		return this;
	}

	/**
	 * Answer every tool from the recording: no tool runs.
	 * @return this model
	 * @throws IllegalStateException when the tool loop was not set up to consult this model
	 * @see #stubTools(String...)
	 */
	public synchronized ReplayChatModel stubAllTools() {
		requireToolStubs();
		this.stubAllTools = true;
		return this;
	}

	/**
	 * What a departure from the recording does: {@link #fail()} (the default), or
	 * {@link #continueWith(ChatModel)} / {@link #continueWith(ChatResponse...)}.
	 * @param onDeparture the choice
	 * @return this model
	 */
	public synchronized ReplayChatModel onDeparture(OnDeparture onDeparture) {
		this.onDeparture = Objects.requireNonNull(onDeparture, "onDeparture");
		return this;
	}

	/**
	 * A departure fails the departing model call with a {@link ReplayDepartureException}
	 * (the default).
	 * @return the choice
	 */
	public static OnDeparture fail() {
		return OnDeparture.FAIL;
	}

	/**
	 * From the departing call on, every model call is answered by another model (for
	 * instance a {@link ScriptedChatModel}), which observes its own calls.
	 * @param model the model
	 * @return the choice
	 */
	public static OnDeparture continueWith(ChatModel model) {
		return new OnDeparture(Objects.requireNonNull(model, "model"), List.of());
	}

	/**
	 * From the departing call on, the model calls get these answers in turn (made with
	 * {@link ScriptedChatModel#answer} and {@link ScriptedChatModel#toolCalls}); a call with
	 * none left fails.
	 * @param answers the answers
	 * @return the choice
	 */
	public static OnDeparture continueWith(ChatResponse... answers) {
		return new OnDeparture(null, List.of(answers));
	}

	/**
	 * The departures of the current replay, in the order they happened (with the default
	 * {@link #fail()}, at most one per failed agent call).
	 * @return the departures
	 */
	public synchronized List<ReplayDeparture> departures() {
		return List.copyOf(this.departures);
	}

	/**
	 * The first departure of the current replay.
	 * @return the departure, or empty when the run followed its recording
	 */
	public synchronized Optional<ReplayDeparture> departure() {
		return this.departures.isEmpty() ? Optional.empty() : Optional.of(this.departures.get(0));
	}

	/**
	 * The recorded model calls not replayed (yet), of every run of the recording: empty
	 * once the new run made every call the recorded one made.
	 * @return the calls, described
	 */
	public synchronized List<String> unreplayedCalls() {
		List<String> left = new ArrayList<>();
		if (this.recorded == null) {
			return left;
		}
		Map<RecordedRun, Integer> progress = new IdentityHashMap<>();
		for (Cursor cursor : this.cursors.values()) {
			progress.put(cursor.run, cursor.next);
		}
		for (RecordedRun run : this.recorded.allRuns()) {
			int next = progress.getOrDefault(run, 0);
			for (RecordedRun.ModelCall call : run.modelCalls().subList(Math.min(next, run.modelCalls().size()),
					run.modelCalls().size())) {
				left.add("run '" + nameOf(run) + "' " + call);
			}
		}
		return left;
	}

	/**
	 * The prompts received since the last {@link #replay}, tool results included.
	 * @return the prompts
	 */
	public synchronized List<Prompt> prompts() {
		return List.copyOf(this.prompts);
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().model(recordedModel()).build();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Answer answer = answer(prompt, runOf(this.registry.getCurrentObservation()));
		if (answer.delegate != null) {
			return answer.delegate.call(prompt);
		}
		return ObservedChatCalls.call(this.registry, provider(), prompt, answer::response);
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((contextView) -> {
			Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			Answer answer = answer(prompt,
					runOf((parent != null) ? parent : this.registry.getCurrentObservation()));
			if (answer.delegate != null) {
				return answer.delegate.stream(prompt);
			}
			return ObservedChatCalls.stream(this.registry, provider(), prompt, parent, answer::response);
		});
	}

	private synchronized Answer answer(Prompt prompt, @Nullable AgentRunObservationContext run) {
		RecordedRun replayed = this.recorded;
		if (replayed == null) {
			throw new IllegalStateException("The replay model has no run to replay: call replay(recordedRun) first");
		}
		this.prompts.add(prompt);
		if (this.departed) {
			return fallback(prompt);
		}
		if (!this.departures.isEmpty()) {
			// The run departed already (the agent may have caught that failure, or a tool
			// turned it into its result): the recording no longer says what comes next.
			return new Answer(null, null, new ReplayDepartureException(this.departures.get(0)));
		}
		Object key = (run != null) ? run : NO_RUN;
		Cursor cursor = this.cursors.get(key);
		if (cursor == null) {
			String agent = (run != null) ? run.getAgentName() : nameOf(replayed);
			Deque<RecordedRun> runs = this.unclaimed.get(agent);
			RecordedRun next = (runs != null) ? runs.poll() : null;
			if (next == null) {
				return depart(prompt, new ReplayDeparture(agent, 0, 0, null, actual(prompt),
						List.of("the recording has no" + ((runs != null) ? " more runs" : " run") + " of agent '" + agent
								+ "' (it has runs of " + replayed.allRuns().stream().map(ReplayChatModel::nameOf).distinct().toList()
								+ ")"),
						""));
			}
			cursor = new Cursor(next);
			this.cursors.put(key, cursor);
		}
		int index = cursor.next++;
		List<RecordedRun.ModelCall> calls = cursor.run.modelCalls();
		String agent = nameOf(cursor.run);
		if (index >= calls.size()) {
			return depart(prompt, new ReplayDeparture(agent, index, calls.size(), null, actual(prompt),
					List.of("the recording has no model call " + (index + 1) + " in run '" + agent + "': it made "
							+ calls.size()),
					""));
		}
		RecordedRun.ModelCall call = calls.get(index);
		List<String> differences = ReplayInputs.differences(call, prompt);
		if (!differences.isEmpty()) {
			return depart(prompt, new ReplayDeparture(agent, index, calls.size(), call.inputMessages(),
					actual(prompt), differences, ""));
		}
		return new Answer(call.response(), null, null);
	}

	private Answer depart(Prompt prompt, ReplayDeparture found) {
		ReplayDeparture departure = new ReplayDeparture(found.agentName(), found.callIndex(), found.recordedCalls(),
				found.recorded(), found.actual(), found.differences(), message(found));
		this.departures.add(departure);
		if (this.onDeparture == OnDeparture.FAIL) {
			return new Answer(null, null, new ReplayDepartureException(departure));
		}
		this.departed = true;
		this.scripted.addAll(this.onDeparture.answers);
		return fallback(prompt);
	}

	private Answer fallback(Prompt prompt) {
		if (this.onDeparture.model != null) {
			return new Answer(null, this.onDeparture.model, null);
		}
		ChatResponse next = this.scripted.poll();
		if (next == null) {
			return new Answer(null, null, new IllegalStateException(
					"The replay departed from its recording and the scripted answers given to continueWith(...) are"
							+ " used up; no answer left for: " + prompt.getContents()));
		}
		return new Answer(withModel(next), null, null);
	}

	private String message(ReplayDeparture departure) {
		StringBuilder message = new StringBuilder();
		message.append("The replayed run departed from its recording at model call ")
			.append(departure.callIndex() + 1)
			.append(" of agent '")
			.append(departure.agentName())
			.append("':\n");
		if (departure.recorded() != null) {
			message.append("what the model is sent now differs from what was recorded\n");
		}
		for (String difference : departure.differences()) {
			message.append("  ").append(difference).append('\n');
		}
		if (departure.recorded() != null) {
			message.append("recorded: ").append(shortened(departure.recorded())).append('\n');
		}
		message.append("now:      ").append(shortened(departure.actual())).append('\n');
		message.append("To let the run go on from here, answer with another model or with scripted answers:"
				+ " model.replay(recorded).onDeparture(continueWith(...)).");
		return message.toString();
	}

	/** The last messages of a long history: the change is usually at its end. */
	private static String shortened(String messages) {
		int max = 600;
		return (messages.length() <= max) ? messages
				: "…" + messages.substring(messages.length() - max) + " (" + messages.length() + " characters)";
	}

	private static String actual(Prompt prompt) {
		return TraceSnapshot.JSON.writeValueAsString(ReplayInputs.inputMessages(prompt));
	}

	/**
	 * The recorded result of a tool call, when the tool is answered from the recording.
	 * @param toolName the tool
	 * @param callId the id the model gave the call
	 * @param run the run the tool is called in
	 * @return the recorded result, or {@code null} when the tool runs for real
	 * @throws IllegalStateException when the tool is stubbed but the recording has no
	 * result for the call
	 */
	synchronized @Nullable RecordedToolResult stubbedResult(String toolName, @Nullable String callId,
			@Nullable AgentRunObservationContext run) {
		Cursor cursor = this.cursors.get((run != null) ? run : NO_RUN);
		if (!stubs(toolName) || cursor == null) {
			// A run this model did not answer is not replayed: its tools run.
			return null;
		}
		RecordedRun replayed = Objects.requireNonNull(this.recorded);
		List<RecordedRun> candidates = new ArrayList<>();
		candidates.add(cursor.run);
		candidates.addAll(replayed.allRuns());
		for (RecordedRun candidate : candidates) {
			for (RecordedRun.ToolExecution execution : candidate.toolExecutions()) {
				if (callId != null && callId.equals(execution.callId()) && toolName.equals(execution.toolName())
						&& this.usedToolResults.add(execution)) {
					return resultOf(candidate, execution);
				}
			}
		}
		for (RecordedRun.ToolExecution execution : cursor.run.toolExecutions()) {
			if (toolName.equals(execution.toolName()) && this.usedToolResults.add(execution)) {
				return resultOf(cursor.run, execution);
			}
		}
		throw new IllegalStateException("Tool '" + toolName + "' is answered from the recording, but the recording has"
				+ " no result left for its call" + ((callId != null) ? " " + callId : "") + " in run '"
				+ nameOf(cursor.run) + "'"
				+ ": the run has departed from its recording, or the tool was not called in it");
	}

	synchronized boolean stubs(String toolName) {
		return this.recorded != null && (this.stubAllTools || this.stubbedTools.contains(toolName));
	}

	synchronized boolean stubsAnyTool() {
		return this.recorded != null && (this.stubAllTools || !this.stubbedTools.isEmpty());
	}

	/** Called by the tool loop's wrapper that {@code @AgentTracingTest} installs. */
	synchronized void toolStubsInstalled() {
		this.toolStubsInstalled = true;
	}

	private void requireToolStubs() {
		if (!this.toolStubsInstalled) {
			throw new IllegalStateException("Tools can be answered from the recording only when Spring AI's tool loop"
					+ " consults the replay model: annotate the test with @AgentTracingTest (it wraps the"
					+ " ToolCallingManager bean) and declare the ReplayChatModel as a bean");
		}
	}

	/**
	 * The result the model saw: the recorded {@code tool_call_response} of the next model
	 * call, else the tool span's result.
	 */
	private static RecordedToolResult resultOf(RecordedRun run, RecordedRun.ToolExecution execution) {
		String seen = null;
		if (execution.callId() != null) {
			for (RecordedRun.ModelCall call : run.modelCalls()) {
				seen = responseIn(call.inputMessages(), execution.callId());
				if (seen != null) {
					break;
				}
			}
		}
		String result = (seen != null) ? seen : execution.result().orElse("");
		return new RecordedToolResult(result, execution.failed(), execution.errorType());
	}

	private static @Nullable String responseIn(@Nullable String inputMessages, String callId) {
		if (inputMessages == null) {
			return null;
		}
		JsonNode messages;
		try {
			messages = TraceSnapshot.JSON.readTree(inputMessages);
		}
		catch (JacksonException ex) {
			return null;
		}
		for (JsonNode message : messages.values()) {
			for (JsonNode part : message.path("parts").values()) {
				if ("tool_call_response".equals(part.path("type").asString(""))
						&& callId.equals(part.path("id").asString(""))) {
					JsonNode response = part.path("response");
					return response.isString() ? response.stringValue()
							: TraceSnapshot.JSON.writeValueAsString(response);
				}
			}
		}
		return null;
	}

	private static @Nullable AgentRunObservationContext runOf(@Nullable Observation observation) {
		return (observation != null) ? AgentRunObservationContext.enclosing(observation.getContextView()).orElse(null)
				: null;
	}

	private synchronized @Nullable String recordedModel() {
		if (this.recorded == null) {
			return null;
		}
		for (RecordedRun run : this.recorded.allRuns()) {
			for (SpanData span : run.trace().modelCalls()) {
				String model = span.getAttributes().get(GenAiAttributes.REQUEST_MODEL);
				if (model != null) {
					return model;
				}
			}
		}
		return null;
	}

	private synchronized String provider() {
		if (this.recorded != null) {
			for (SpanData span : this.recorded.trace().modelCalls()) {
				String provider = span.getAttributes().get(GenAiAttributes.PROVIDER_NAME);
				if (provider != null) {
					return provider;
				}
			}
		}
		return ScriptedChatModel.DEFAULT_PROVIDER;
	}

	/** Scripted answers leave the model out; they get the recorded one. */
	private ChatResponse withModel(ChatResponse response) {
		ChatResponseMetadata scripted = response.getMetadata();
		String model = recordedModel();
		if (StringUtils.hasText(scripted.getModel()) || model == null) {
			return response;
		}
		ChatResponseMetadata metadata = ChatResponseMetadata.builder()
			.id(scripted.getId())
			.model(model)
			.usage(scripted.getUsage())
			.build();
		return new ChatResponse(response.getResults(), metadata);
	}

	private static String nameOf(RecordedRun run) {
		return (run.agentName() != null) ? run.agentName() : "";
	}

	/**
	 * What a departure from the recording does; see {@link #fail()} and
	 * {@link #continueWith(ChatModel)}.
	 */
	public static final class OnDeparture {

		static final OnDeparture FAIL = new OnDeparture(null, List.of());

		private final @Nullable ChatModel model;

		private final List<ChatResponse> answers;

		private OnDeparture(@Nullable ChatModel model, List<ChatResponse> answers) {
			this.model = model;
			this.answers = answers;
		}

	}

	/** The recorded result of a stubbed tool, and whether and how the tool failed. */
	record RecordedToolResult(String result, boolean failed, @Nullable String errorType) {
	}

	/** The recorded run a new run is matched with, and its next model call. */
	private static final class Cursor {

		private final RecordedRun run;

		private int next;

		Cursor(RecordedRun run) {
			this.run = run;
		}

	}

	/** A recorded answer, a model to delegate to, or a failure. */
	private record Answer(@Nullable ChatResponse answer, @Nullable ChatModel delegate,
			@Nullable RuntimeException failure) {

		ChatResponse response() {
			if (this.failure != null) {
				throw this.failure;
			}
			return Objects.requireNonNull(this.answer);
		}

	}

}
