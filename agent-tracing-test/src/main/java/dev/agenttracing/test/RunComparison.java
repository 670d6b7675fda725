package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;

/**
 * A structural diff of two runs: where a run (the <em>actual</em> one, a replay for
 * instance) parts from another (the <em>expected</em> one, a recording), and every way it
 * differs from it.
 * <p>
 * The rules, which the flight recorder viewer's "Compare" follows as well (its
 * {@code viewer.js} mirrors this class):
 * <ol>
 * <li>A run's <em>steps</em> are the spans under its span that carry a
 * {@code gen_ai.operation.name} (model calls, tool executions, nested runs, retrievals...),
 * depth first in start order; the spans of a nested run follow its {@code invoke_agent}
 * step. Other spans (HTTP, advisors) are looked through, not compared. Steps are numbered
 * from 1.</li>
 * <li>The two step lists are aligned on the steps' span names and nesting (a longest
 * common subsequence), so that a step the actual run added or left out shows as such
 * rather than shifting every later step.</li>
 * <li>Aligned steps are compared on what they did, each an {@link Aspect}: a model call on
 * the tool calls it asked for (names and arguments), the text it answered, its finish
 * reasons and its tokens; a tool execution on its arguments and its result; a nested run
 * on its outcome; every step on its error ({@code error.type}) and its findings (the
 * kinds of its {@code agent.finding} events, in order). Then the run itself: its outcome,
 * error, refusal reason, findings and tokens (its sub-agents' included).</li>
 * <li>JSON is compared as JSON (key order never matters, JSON held in strings is compared
 * as JSON). Ids (trace, span, run, response and tool call ids), timings and every other
 * attribute are ignored. Content (arguments, results, answered text) is on the spans only
 * when content capture was on; a value absent from both runs is the same.</li>
 * <li>The runs <em>part</em> at the first step where they differ: the steps before it are
 * the same in both runs, so it has the same number in both. When every step is the same
 * and the runs differ only in the run's own aspects, they part at the run's end
 * ({@link #partingStep()} is the number after the last step).</li>
 * </ol>
 * Comparisons are immutable; the {@code ignoring} methods return new ones.
 *
 * @see AgentRunAssert#comparedTo(AgentRunTrace)
 */
public final class RunComparison {

	/** Event that carries a finding of a run's diagnosis. */
	static final String FINDING_EVENT = "agent.finding";

	/** The kind of a finding, on its event. */
	static final String FINDING_KIND = "agent.finding.kind";

	/** The kinds of a run's findings, on its span. */
	static final AttributeKey<List<String>> RUN_FINDINGS = AttributeKey.stringArrayKey("agent.findings");

	/** Characters of a value shown in a difference. */
	private static final int SHOWN_VALUE_LENGTH = 160;

	/** Steps beyond which the runs are aligned position by position: the alignment is quadratic. */
	private static final int ALIGNED_STEPS = 2_000;

	/**
	 * What two runs can differ in. {@link #key()} is the name the viewer and failure
	 * messages use.
	 */
	public enum Aspect {

		/** A step that only one of the runs took. */
		STEPS("step"),
		/** The tool calls a model call asked for: names, and arguments unless content is ignored. */
		TOOL_CALLS("tool calls"),
		/** The text a model call answered. Content. */
		ANSWER("answer"),
		/** A model call's {@code gen_ai.response.finish_reasons}. */
		FINISH_REASONS("finish reasons"),
		/** A tool execution's arguments. Content. */
		ARGUMENTS("arguments"),
		/** A tool execution's result. Content. */
		RESULT("result"),
		/** A run's {@code agent.outcome} (and its refusal reason). */
		OUTCOME("outcome"),
		/** A step's or the run's error: {@code error.type}, or none. */
		ERROR("error"),
		/** The kinds of the {@code agent.finding} events of a step or of the run. */
		FINDINGS("findings"),
		/** A model call's input and output tokens, and the run's total. */
		TOKENS("tokens");

		private final String key;

		Aspect(String key) {
			this.key = key;
		}

		/**
		 * The aspect's name in failure messages and in the viewer.
		 * @return the name
		 */
		public String key() {
			return this.key;
		}

	}

	/**
	 * One step of a run.
	 *
	 * @param number its place in the run, from 1
	 * @param depth 0 for a step of the run itself, 1 for a step of a run nested in it...
	 * @param name its span name, after the names of the nested runs it belongs to
	 * ({@code billing-specialist › chat gpt-4o})
	 * @param span its span
	 */
	public record Step(int number, int depth, String name, SpanData span) {

		@Override
		public String toString() {
			return this.number + " " + this.name;
		}

	}

	/**
	 * One way the runs differ.
	 *
	 * @param aspect what differs
	 * @param step the number of the step it concerns (the same in both runs up to the parting
	 * step; for a step only one run took, its number in that run), or the number after the
	 * last step for the run's own aspects
	 * @param stepName the step's name ({@link Step#name()}), or {@code null} for the run's own
	 * aspects
	 * @param expected the expected run's value (shortened), or {@code (none)}
	 * @param actual the actual run's value (shortened), or {@code (none)}
	 */
	public record Difference(Aspect aspect, int step, @Nullable String stepName, String expected, String actual) {

		/**
		 * Where the runs differ, as failure messages print it.
		 * @return {@code step 3 execute_tool lookupPricing}, or {@code the run}
		 */
		public String where() {
			return (this.stepName != null) ? "step " + this.step + " " + this.stepName : "the run";
		}

		@Override
		public String toString() {
			return where() + ", " + this.aspect.key() + ":\n    expected: " + this.expected + "\n    actual:   "
					+ this.actual;
		}

	}

	private final AgentRunTrace expected;

	private final AgentRunTrace actual;

	private final Set<Aspect> ignored;

	private final boolean ignoringContent;

	private final Result result;

	private RunComparison(AgentRunTrace expected, AgentRunTrace actual, Set<Aspect> ignored, boolean ignoringContent) {
		this.expected = expected;
		this.actual = actual;
		this.ignored = ignored;
		this.ignoringContent = ignoringContent;
		this.result = compare();
	}

	/**
	 * Compare a run with another.
	 * @param expected the run compared with (a recording, a run before a change)
	 * @param actual the run compared (a replay, a run after a change)
	 * @return the comparison, ignoring ids and timings only
	 */
	public static RunComparison of(AgentRunTrace expected, AgentRunTrace actual) {
		return new RunComparison(expected, actual, EnumSet.noneOf(Aspect.class), false);
	}

	/**
	 * This comparison, with these aspects ignored as well.
	 * @param aspects the aspects
	 * @return the new comparison
	 */
	public RunComparison ignoring(Aspect... aspects) {
		Set<Aspect> ignored = EnumSet.noneOf(Aspect.class);
		ignored.addAll(this.ignored);
		ignored.addAll(List.of(aspects));
		return new RunComparison(this.expected, this.actual, ignored, this.ignoringContent);
	}

	/**
	 * This comparison, ignoring tokens.
	 * @return the new comparison
	 */
	public RunComparison ignoringTokens() {
		return ignoring(Aspect.TOKENS);
	}

	/**
	 * This comparison, ignoring content: the answers, the tools' arguments and results,
	 * and the arguments of the tool calls a model asked for (their names still count).
	 * @return the new comparison
	 */
	public RunComparison ignoringContent() {
		RunComparison comparison = ignoring(Aspect.ANSWER, Aspect.ARGUMENTS, Aspect.RESULT);
		return new RunComparison(this.expected, this.actual, comparison.ignored, true);
	}

	/**
	 * The run compared with.
	 * @return the expected run
	 */
	public AgentRunTrace expected() {
		return this.expected;
	}

	/**
	 * The run compared.
	 * @return the actual run
	 */
	public AgentRunTrace actual() {
		return this.actual;
	}

	/**
	 * Whether the runs are the same under this comparison's rules.
	 * @return whether there is no difference
	 */
	public boolean same() {
		return differences().isEmpty();
	}

	/**
	 * Every way the runs differ: step by step in the aligned order, then the run's own
	 * aspects.
	 * @return the differences, empty when the runs are the same
	 */
	public List<Difference> differences() {
		return this.result.differences;
	}

	/**
	 * Where the runs part: the number of the first step that differs.
	 * @return the step's number, from 1 (the number after the last step when only the
	 * run's own aspects differ), or empty when the runs are the same
	 */
	public Optional<Integer> partingStep() {
		List<Difference> differences = differences();
		return differences.isEmpty() ? Optional.empty() : Optional.of(differences.get(0).step());
	}

	/**
	 * The steps of a run, as this comparison numbers and names them.
	 * @param run a run
	 * @return its steps
	 */
	public static List<Step> stepsOf(AgentRunTrace run) {
		List<Step> steps = new ArrayList<>();
		collectSteps(run, run.span(), 0, "", steps);
		return steps;
	}

	/**
	 * The comparison as failure messages print it: where the runs part, the two step lists
	 * side by side ({@code =} the same, {@code ≠} differs, {@code -} only in the expected
	 * run, {@code +} only in the actual run), then every difference.
	 * @return the report
	 */
	public String report() {
		Result result = this.result;
		StringBuilder text = new StringBuilder();
		if (result.differences.isEmpty()) {
			text.append("Run ").append(runName(this.actual)).append(" is the same as the expected run ")
				.append(runName(this.expected)).append(ignoredText()).append('\n');
		}
		else {
			Difference first = result.differences.get(0);
			text.append("Run ").append(runName(this.actual)).append(" parts from the expected run ")
				.append(runName(this.expected)).append(" at ")
				.append((first.stepName() != null) ? "step " + first.step() + " " + first.stepName()
						: "the run's end, after its steps")
				.append(": ").append(first.aspect().key())
				.append(first.aspect().key().endsWith("s") ? " differ" : " differs").append(ignoredText()).append('\n');
		}
		text.append("Steps (expected | actual):\n");
		int width = 8;
		for (Row row : result.rows) {
			width = Math.max(width, label(row.expected).length());
		}
		boolean partingShown = false;
		for (Row row : result.rows) {
			String mark = (row.expected == null) ? "+" : (row.actual == null) ? "-" : row.aspects.isEmpty() ? "=" : "≠";
			text.append("  ").append(mark).append(' ');
			text.append(pad(label(row.expected), width)).append(" | ").append(label(row.actual));
			if (!row.aspects.isEmpty()) {
				text.append("   (").append(String.join(", ", row.aspects)).append(')');
			}
			if (!mark.equals("=") && !partingShown) {
				text.append("   <- the runs part here");
				partingShown = true;
			}
			text.append('\n');
		}
		if (!result.differences.isEmpty()) {
			text.append("Differences:\n");
			for (Difference difference : result.differences) {
				text.append("  ").append(difference).append('\n');
			}
		}
		return text.toString();
	}

	@Override
	public String toString() {
		return report();
	}

	private String ignoredText() {
		List<String> names = new ArrayList<>();
		if (this.ignoringContent) {
			names.add("content");
		}
		for (Aspect aspect : this.ignored) {
			if (!(this.ignoringContent && (aspect == Aspect.ANSWER || aspect == Aspect.ARGUMENTS
					|| aspect == Aspect.RESULT))) {
				names.add(aspect.key());
			}
		}
		return names.isEmpty() ? "" : " (ignoring ids, timings, " + String.join(", ", names) + ")";
	}

	// ---- the comparison ----

	private Result compare() {
		List<Step> expectedSteps = stepsOf(this.expected);
		List<Step> actualSteps = stepsOf(this.actual);
		List<Row> rows = align(expectedSteps, actualSteps);
		List<Difference> differences = new ArrayList<>();
		for (Row row : rows) {
			if (row.expected == null || row.actual == null) {
				Step only = (row.expected != null) ? row.expected : row.actual;
				row.aspects.add(Aspect.STEPS.key());
				differences.add(new Difference(Aspect.STEPS, only.number(), only.name(),
						(row.expected != null) ? row.expected.name() : "(none)",
						(row.actual != null) ? row.actual.name() : "(none)"));
				continue;
			}
			compareFacts(stepFacts(row.expected), stepFacts(row.actual), row.actual.number(), row.actual.name(),
					row.aspects, differences);
		}
		int end = Math.max(expectedSteps.size(), actualSteps.size()) + 1;
		if (!Objects.equals(this.expected.agentName(), this.actual.agentName())) {
			differences.add(new Difference(Aspect.STEPS, end, null, String.valueOf(this.expected.agentName()),
					String.valueOf(this.actual.agentName())));
		}
		compareFacts(runFacts(this.expected), runFacts(this.actual), end, null, new ArrayList<>(), differences);
		return new Result(rows, List.copyOf(differences));
	}

	private void compareFacts(Map<Aspect, String> expected, Map<Aspect, String> actual, int step,
			@Nullable String stepName,
			List<String> aspects, List<Difference> differences) {
		Set<Aspect> keys = EnumSet.noneOf(Aspect.class);
		keys.addAll(expected.keySet());
		keys.addAll(actual.keySet());
		for (Aspect aspect : keys) {
			if (this.ignored.contains(aspect)) {
				continue;
			}
			String expectedValue = expected.get(aspect);
			String actualValue = actual.get(aspect);
			if (!Objects.equals(expectedValue, actualValue)) {
				aspects.add(aspect.key());
				differences.add(new Difference(aspect, step, stepName, shown(expectedValue), shown(actualValue)));
			}
		}
	}

	/** The steps aligned on their keys (depth and name), by a longest common subsequence. */
	private static List<Row> align(List<Step> expected, List<Step> actual) {
		int n = expected.size();
		int m = actual.size();
		List<Row> rows = new ArrayList<>();
		if ((long) n * m > (long) ALIGNED_STEPS * ALIGNED_STEPS) {
			for (int i = 0; i < Math.max(n, m); i++) {
				Step e = (i < n) ? expected.get(i) : null;
				Step a = (i < m) ? actual.get(i) : null;
				if (e != null && a != null && !key(e).equals(key(a))) {
					rows.add(new Row(e, null));
					rows.add(new Row(null, a));
				}
				else {
					rows.add(new Row(e, a));
				}
			}
			return rows;
		}
		int[][] common = new int[n + 1][m + 1];
		for (int i = n - 1; i >= 0; i--) {
			for (int j = m - 1; j >= 0; j--) {
				common[i][j] = key(expected.get(i)).equals(key(actual.get(j))) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		int i = 0;
		int j = 0;
		while (i < n || j < m) {
			if (i < n && j < m && key(expected.get(i)).equals(key(actual.get(j)))) {
				rows.add(new Row(expected.get(i++), actual.get(j++)));
			}
			else if (j < m && (i == n || common[i][j + 1] >= common[i + 1][j])) {
				rows.add(new Row(null, actual.get(j++)));
			}
			else {
				rows.add(new Row(expected.get(i++), null));
			}
		}
		return rows;
	}

	private static String key(Step step) {
		return step.depth() + "|" + step.name();
	}

	// ---- what a step did ----

	private static void collectSteps(AgentRunTrace run, SpanData parent, int depth, String prefix, List<Step> into) {
		for (SpanData child : run.childrenOf(parent)) {
			String operation = AgentRunTrace.operationOf(child);
			if (operation == null) {
				collectSteps(run, child, depth, prefix, into);
				continue;
			}
			into.add(new Step(into.size() + 1, depth, prefix + child.getName(), child));
			if (AgentRunTrace.isRun(child)) {
				String agent = child.getAttributes().get(GenAiAttributes.AGENT_NAME);
				collectSteps(run, child, depth + 1, prefix + ((agent != null) ? agent : child.getName()) + " › ",
						into);
			}
			else {
				collectSteps(run, child, depth, prefix, into);
			}
		}
	}

	private Map<Aspect, String> stepFacts(Step step) {
		SpanData span = step.span();
		Map<Aspect, String> facts = new LinkedHashMap<>();
		String operation = AgentRunTrace.operationOf(span);
		if (GenAiOperations.EXECUTE_TOOL.equals(operation)) {
			putIfPresent(facts, Aspect.ARGUMENTS, json(span.getAttributes().get(GenAiAttributes.TOOL_CALL_ARGUMENTS)));
			putIfPresent(facts, Aspect.RESULT, json(span.getAttributes().get(GenAiAttributes.TOOL_CALL_RESULT)));
		}
		else if (AgentRunTrace.isRun(span)) {
			putIfPresent(facts, Aspect.OUTCOME, outcome(span));
		}
		else {
			modelFacts(span, facts);
		}
		facts.put(Aspect.ERROR, error(span));
		putIfPresent(facts, Aspect.FINDINGS, findings(span.getEvents()));
		return facts;
	}

	private void modelFacts(SpanData span, Map<Aspect, String> facts) {
		String output = span.getAttributes().get(GenAiAttributes.OUTPUT_MESSAGES);
		JsonNode messages = (output != null) ? JsonComparison.heldJson(output) : null;
		if (messages != null) {
			List<String> calls = new ArrayList<>();
			StringBuilder answer = new StringBuilder();
			for (JsonNode message : messages.values()) {
				for (JsonNode part : message.path("parts").values()) {
					String type = part.path("type").asString("");
					if (type.equals("tool_call")) {
						String name = part.path("name").asString("?");
						String arguments = json(part.get("arguments"));
						calls.add((this.ignoringContent || arguments == null) ? name : name + " " + arguments);
					}
					else if (type.equals("text") && part.path("content").isString()) {
						answer.append(part.path("content").stringValue());
					}
				}
			}
			facts.put(Aspect.TOOL_CALLS, calls.isEmpty() ? "(none)" : String.join(", ", calls));
			facts.put(Aspect.ANSWER, answer.isEmpty() ? "(none)" : answer.toString());
		}
		List<String> finishReasons = span.getAttributes().get(GenAiAttributes.RESPONSE_FINISH_REASONS);
		if (finishReasons != null) {
			facts.put(Aspect.FINISH_REASONS, String.join(", ", finishReasons));
		}
		Long input = span.getAttributes().get(GenAiAttributes.USAGE_INPUT_TOKENS);
		Long outputTokens = span.getAttributes().get(GenAiAttributes.USAGE_OUTPUT_TOKENS);
		if (input != null || outputTokens != null) {
			facts.put(Aspect.TOKENS, "input " + ((input != null) ? input : 0) + ", output "
					+ ((outputTokens != null) ? outputTokens : 0));
		}
	}

	private static Map<Aspect, String> runFacts(AgentRunTrace run) {
		Map<Aspect, String> facts = new LinkedHashMap<>();
		putIfPresent(facts, Aspect.OUTCOME, outcome(run.span()));
		facts.put(Aspect.ERROR, error(run.span()));
		List<String> listed = run.span().getAttributes().get(RUN_FINDINGS);
		putIfPresent(facts, Aspect.FINDINGS,
				(listed != null) ? (listed.isEmpty() ? null : String.join(", ", listed)) : findings(run.span().getEvents()));
		facts.put(Aspect.TOKENS, String.valueOf(run.tokensIncludingSubAgents()));
		return facts;
	}

	private static @Nullable String outcome(SpanData span) {
		String outcome = span.getAttributes().get(AgentAttributes.OUTCOME);
		String reason = span.getAttributes().get(AgentAttributes.REFUSAL_REASON);
		return (outcome != null && reason != null) ? outcome + " (" + reason + ")" : outcome;
	}

	private static String error(SpanData span) {
		String type = span.getAttributes().get(GenAiAttributes.ERROR_TYPE);
		if (type != null) {
			return type;
		}
		return (span.getStatus().getStatusCode() == StatusCode.ERROR) ? "failed" : "(none)";
	}

	private static @Nullable String findings(List<EventData> events) {
		List<String> kinds = new ArrayList<>();
		for (EventData event : events) {
			if (event.getName().equals(FINDING_EVENT)) {
				Object kind = AttributeValues.get(event.getAttributes(), FINDING_KIND);
				kinds.add((kind != null) ? String.valueOf(kind) : "(no kind)");
			}
		}
		return kinds.isEmpty() ? null : String.join(", ", kinds);
	}

	/** A JSON value written canonically (keys sorted, JSON in strings as JSON); other text as it is. */
	private static @Nullable String json(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof JsonNode node) {
			JsonNode held = node.isString() ? JsonComparison.heldJson(node.stringValue()) : node;
			return (held != null) ? TraceSnapshot.JSON.writeValueAsString(JsonComparison.canonical(held))
					: node.asString(TraceSnapshot.JSON.writeValueAsString(node));
		}
		String text = String.valueOf(value);
		JsonNode held = JsonComparison.heldJson(text);
		return (held != null) ? TraceSnapshot.JSON.writeValueAsString(JsonComparison.canonical(held)) : text;
	}

	private static void putIfPresent(Map<Aspect, String> facts, Aspect aspect, @Nullable String value) {
		if (value != null) {
			facts.put(aspect, value);
		}
	}

	private static String shown(@Nullable String value) {
		if (value == null) {
			return "(none)";
		}
		String text = value.replace("\n", "\\n");
		return (text.length() <= SHOWN_VALUE_LENGTH) ? text
				: text.substring(0, SHOWN_VALUE_LENGTH) + "... (" + text.length() + " characters)";
	}

	private static String label(@Nullable Step step) {
		return (step != null) ? step.toString() : "";
	}

	private static String pad(String text, int width) {
		return text + " ".repeat(Math.max(0, width - text.length()));
	}

	static String runName(AgentRunTrace run) {
		return (run.agentName() != null) ? run.agentName() : run.span().getName();
	}

	/** One line of the aligned step lists. */
	private static final class Row {

		private final @Nullable Step expected;

		private final @Nullable Step actual;

		private final List<String> aspects = new ArrayList<>();

		Row(@Nullable Step expected, @Nullable Step actual) {
			this.expected = expected;
			this.actual = actual;
		}

	}

	private record Result(List<Row> rows, List<Difference> differences) {
	}

}
