package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;

/**
 * One agent run as its trace shows it: the {@code invoke_agent} span and the spans under
 * it, whether captured in a test ({@link AgentTraces}) or loaded from a file
 * ({@link TraceFixtures}).
 * <p>
 * The run's <em>steps</em> are the direct children of its span, in start order. Its
 * <em>tool calls</em> and <em>model calls</em> are the {@code execute_tool} and
 * {@code chat} spans it made itself, at any depth but not inside a sub-agent's run, as
 * {@code agent.tool_calls} and {@code agent.model_calls} count them. Its
 * <em>sub-agents</em> are the runs nested in it, in-process or reached over HTTP, MCP or a
 * queue in the same trace.
 * <p>
 * {@link #toString()} prints the run as a tree; every failing assertion on a run prints
 * it too.
 */
public final class AgentRunTrace {

	/** The operation names of model calls in the GenAI conventions. */
	private static final Set<String> MODEL_OPERATIONS = Set.of(GenAiOperations.CHAT, "text_completion",
			"generate_content");

	private static final Comparator<SpanData> START_ORDER = Comparator.comparingLong(SpanData::getStartEpochNanos)
		.thenComparingLong(SpanData::getEndEpochNanos)
		.thenComparing(SpanData::getName);

	private final SpanData span;

	private final List<SpanData> traceSpans;

	private final Map<String, SpanData> byId;

	private final Map<String, List<SpanData>> childrenById;

	private AgentRunTrace(SpanData span, Collection<SpanData> traceSpans) {
		this.span = span;
		this.traceSpans = traceSpans.stream()
			.filter((candidate) -> candidate.getTraceId().equals(span.getTraceId()))
			.sorted(START_ORDER)
			.toList();
		this.byId = new HashMap<>();
		this.childrenById = new HashMap<>();
		for (SpanData candidate : this.traceSpans) {
			this.byId.put(candidate.getSpanId(), candidate);
			this.childrenById.computeIfAbsent(candidate.getParentSpanId(), (id) -> new ArrayList<>()).add(candidate);
		}
	}

	/**
	 * The run of an {@code invoke_agent} span.
	 * @param runSpan the run's span
	 * @param spans spans of its trace (spans of other traces are ignored)
	 * @return the run
	 * @throws IllegalArgumentException if the span is not an {@code invoke_agent} span
	 */
	public static AgentRunTrace of(SpanData runSpan, Collection<SpanData> spans) {
		if (!isRun(runSpan)) {
			throw new IllegalArgumentException("Not an invoke_agent span: " + runSpan.getName());
		}
		return new AgentRunTrace(runSpan, spans);
	}

	/**
	 * The top-level runs among some spans: each {@code invoke_agent} span with no
	 * {@code invoke_agent} span above it, in the order the runs ended.
	 * @param spans spans of any number of traces
	 * @return the runs
	 */
	public static List<AgentRunTrace> topLevelRunsIn(Collection<SpanData> spans) {
		Map<String, SpanData> byId = new HashMap<>();
		for (SpanData span : spans) {
			byId.put(span.getTraceId() + "/" + span.getSpanId(), span);
		}
		return spans.stream()
			.filter(AgentRunTrace::isRun)
			.filter((span) -> enclosingRun(span, (id) -> byId.get(span.getTraceId() + "/" + id)) == null)
			.sorted(Comparator.comparingLong(SpanData::getEndEpochNanos))
			.map((span) -> new AgentRunTrace(span, spans))
			.toList();
	}

	/**
	 * Every run among some spans, nested ones included, in the order they ended.
	 * @param spans spans of any number of traces
	 * @return the runs
	 */
	public static List<AgentRunTrace> allRunsIn(Collection<SpanData> spans) {
		return spans.stream()
			.filter(AgentRunTrace::isRun)
			.sorted(Comparator.comparingLong(SpanData::getEndEpochNanos))
			.map((span) -> new AgentRunTrace(span, spans))
			.toList();
	}

	/**
	 * The run's {@code invoke_agent} span.
	 * @return the span
	 */
	public SpanData span() {
		return this.span;
	}

	/**
	 * The agent's name, {@code gen_ai.agent.name}.
	 * @return the name, or {@code null} when the span has none
	 */
	public @Nullable String agentName() {
		return this.span.getAttributes().get(GenAiAttributes.AGENT_NAME);
	}

	/**
	 * How the run ended, {@code agent.outcome}: {@code success}, {@code refused} or
	 * {@code error}.
	 * @return the outcome, or {@code null} when the span has none
	 */
	public @Nullable String outcome() {
		return this.span.getAttributes().get(AgentAttributes.OUTCOME);
	}

	/**
	 * The run's {@code workflow.run_id}.
	 * @return the id, or {@code null} when the span has none
	 */
	public @Nullable String runId() {
		return this.span.getAttributes().get(AgentAttributes.WORKFLOW_RUN_ID);
	}

	/**
	 * The run's span and every span under it, sub-agents' included, in start order.
	 * @return the spans
	 */
	public List<SpanData> spans() {
		List<SpanData> spans = new ArrayList<>();
		collect(this.span, spans);
		spans.sort(START_ORDER);
		return spans;
	}

	/**
	 * Every captured span of the run's trace, including those above the run (an HTTP
	 * server span, a caller's run).
	 * @return the spans, in start order
	 */
	public List<SpanData> traceSpans() {
		return this.traceSpans;
	}

	/**
	 * The direct children of the run's span, in start order.
	 * @return the steps
	 */
	public List<SpanData> steps() {
		return childrenOf(this.span);
	}

	/**
	 * The tool executions of the run itself, in start order.
	 * @return the tool calls
	 */
	public List<ToolCall> toolCalls() {
		return ownSpans().stream()
			.filter((span) -> GenAiOperations.EXECUTE_TOOL.equals(operationOf(span)))
			.map((span) -> new ToolCall(span, this))
			.toList();
	}

	/**
	 * The tool executions of the run itself for one tool, in start order.
	 * @param toolName the tool's name
	 * @return the tool calls
	 */
	public List<ToolCall> toolCalls(String toolName) {
		return toolCalls().stream().filter((call) -> toolName.equals(call.toolName())).toList();
	}

	/**
	 * The model calls of the run itself ({@code chat}, {@code text_completion},
	 * {@code generate_content} spans), in start order.
	 * @return the spans of the model calls
	 */
	public List<SpanData> modelCalls() {
		return ownSpans().stream().filter((span) -> {
			String operation = operationOf(span);
			return operation != null && MODEL_OPERATIONS.contains(operation);
		}).toList();
	}

	/**
	 * The run's final answer: the text the run's last model call answered (the text parts
	 * of its {@code gen_ai.output.messages}). It is recorded only when content capture is on
	 * for the agent.
	 * @return the answer; empty when the run made no model call of its own, when the last
	 * one's output was not captured, or when it answered with tool calls only
	 */
	public Optional<String> finalAnswer() {
		List<SpanData> calls = modelCalls();
		if (calls.isEmpty()) {
			return Optional.empty();
		}
		String output = calls.get(calls.size() - 1).getAttributes().get(GenAiAttributes.OUTPUT_MESSAGES);
		return (output != null) ? textOf(output) : Optional.empty();
	}

	/**
	 * The tokens of the run's own model calls: the input and output tokens on its span
	 * ({@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens}), which do
	 * not count its sub-agents' model calls.
	 * @return the tokens, 0 when the span reports none
	 */
	public long ownTokens() {
		Long input = this.span.getAttributes().get(GenAiAttributes.USAGE_INPUT_TOKENS);
		Long output = this.span.getAttributes().get(GenAiAttributes.USAGE_OUTPUT_TOKENS);
		return ((input != null) ? input : 0) + ((output != null) ? output : 0);
	}

	/**
	 * The tokens of the whole tree: the run's own ({@link #ownTokens()}) and those of every
	 * run nested in it, at any depth.
	 * @return the tokens
	 */
	public long tokensIncludingSubAgents() {
		long tokens = ownTokens();
		for (AgentRunTrace subRun : subRuns()) {
			tokens += subRun.tokensIncludingSubAgents();
		}
		return tokens;
	}

	/**
	 * The runs nested directly in this one (not their own nested runs), in start order.
	 * @return the sub-agents' runs
	 */
	public List<AgentRunTrace> subRuns() {
		return descendantsUntilRun(this.span).stream()
			.filter(AgentRunTrace::isRun)
			.map((span) -> new AgentRunTrace(span, this.traceSpans))
			.toList();
	}

	/**
	 * The nested run of one sub-agent.
	 * @param agentName the sub-agent's name
	 * @return the run, if the run has exactly one sub-agent run of that name
	 */
	public Optional<AgentRunTrace> subRun(String agentName) {
		List<AgentRunTrace> runs = subRuns().stream().filter((run) -> agentName.equals(run.agentName())).toList();
		return (runs.size() == 1) ? Optional.of(runs.get(0)) : Optional.empty();
	}

	/**
	 * The spans of the run (sub-agents' included) with this name, in start order.
	 * @param spanName the span name
	 * @return the spans
	 */
	public List<SpanData> named(String spanName) {
		return spans().stream().filter((span) -> span.getName().equals(spanName)).toList();
	}

	/**
	 * The children of a span of the run's trace, in start order.
	 * @param parent the span
	 * @return its children
	 */
	public List<SpanData> childrenOf(SpanData parent) {
		List<SpanData> children = new ArrayList<>(
				this.childrenById.getOrDefault(parent.getSpanId(), List.of()));
		children.sort(START_ORDER);
		return children;
	}

	/**
	 * The parent of a span, when it was captured.
	 * @param child a span of the run's trace
	 * @return its parent
	 */
	public Optional<SpanData> parentOf(SpanData child) {
		return Optional.ofNullable(this.byId.get(child.getParentSpanId()));
	}

	/**
	 * The run as an indented tree of its spans with their kinds, statuses, attributes
	 * and events.
	 * @return the tree
	 */
	public String tree() {
		return RunTreeText.render(this.span, this::childrenOf);
	}

	@Override
	public String toString() {
		return tree();
	}

	static boolean isRun(SpanData span) {
		return GenAiOperations.INVOKE_AGENT.equals(operationOf(span));
	}

	static @Nullable String operationOf(SpanData span) {
		return span.getAttributes().get(GenAiAttributes.OPERATION_NAME);
	}

	/** Spans under the run that belong to it, not to a nested run, in start order. */
	List<SpanData> ownSpans() {
		List<SpanData> own = new ArrayList<>();
		for (SpanData span : descendantsUntilRun(this.span)) {
			if (!isRun(span)) {
				own.add(span);
			}
		}
		return own;
	}

	/** Descendants of a span, down to and including nested runs but not below them. */
	private List<SpanData> descendantsUntilRun(SpanData root) {
		List<SpanData> found = new ArrayList<>();
		for (SpanData child : this.childrenById.getOrDefault(root.getSpanId(), List.of())) {
			found.add(child);
			if (!isRun(child)) {
				found.addAll(descendantsUntilRun(child));
			}
		}
		found.sort(START_ORDER);
		return found;
	}

	/** The text parts of captured output messages, joined; empty when there are none. */
	private static Optional<String> textOf(String outputMessages) {
		JsonNode messages;
		try {
			messages = TraceSnapshot.JSON.readTree(outputMessages);
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode message : messages.values()) {
			for (JsonNode part : message.path("parts").values()) {
				if ("text".equals(part.path("type").asString("")) && part.path("content").isString()) {
					text.append(part.path("content").stringValue());
				}
			}
		}
		return (text.length() > 0) ? Optional.of(text.toString()) : Optional.empty();
	}

	private void collect(SpanData span, List<SpanData> into) {
		into.add(span);
		for (SpanData child : this.childrenById.getOrDefault(span.getSpanId(), List.of())) {
			collect(child, into);
		}
	}

	private static @Nullable SpanData enclosingRun(SpanData span, Function<String, @Nullable SpanData> byId) {
		SpanData parent = byId.apply(span.getParentSpanId());
		// A bound, in case a corrupt fixture has a cycle of parents.
		for (int depth = 0; parent != null && depth < 10_000; depth++) {
			if (isRun(parent)) {
				return parent;
			}
			parent = byId.apply(parent.getParentSpanId());
		}
		return null;
	}

}
