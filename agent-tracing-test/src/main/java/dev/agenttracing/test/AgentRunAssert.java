package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.description.TextDescription;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;

/**
 * Assertions on an agent run: its outcome, the steps it took, the tools it called (with
 * their arguments and results when content capture recorded them), its model calls and
 * tokens, budgets, events, final answer and sub-agents. Every failure message prints the
 * run as a tree.
 * <p>
 * A step is named either by its span name ({@code "execute_tool lookupPricing"},
 * {@code "chat gpt-4o"}) or by its operation alone ({@code "chat"}, {@code "retrieval"}).
 *
 * @see AgentTraceAssertions#assertThatRun(AgentRunTrace)
 */
public final class AgentRunAssert extends AbstractTraceSpanAssert<AgentRunAssert, AgentRunTrace> {

	AgentRunAssert(AgentRunTrace run) {
		super(run, AgentRunAssert.class);
	}

	@Override
	SpanData span() {
		return this.actual.span();
	}

	@Override
	AgentRunTrace run() {
		return this.actual;
	}

	@Override
	String spanName() {
		return "run " + runName(this.actual);
	}

	/**
	 * The run is of this agent ({@code gen_ai.agent.name}).
	 * @param agentName the agent's name
	 * @return this
	 */
	public AgentRunAssert hasAgentName(String agentName) {
		isNotNull();
		if (!agentName.equals(this.actual.agentName())) {
			failWithTree("Expected the run of agent %s but it is a run of %s", agentName, this.actual.agentName());
		}
		return this;
	}

	/**
	 * The run ended with this {@code agent.outcome}.
	 * @param outcome {@code success}, {@code refused} or {@code error}
	 * @return this
	 */
	public AgentRunAssert hasOutcome(String outcome) {
		isNotNull();
		if (!outcome.equals(this.actual.outcome())) {
			failWithTree("Expected %s to end with outcome %s but it ended with %s%s", spanName(), outcome,
					this.actual.outcome(), errorTypeSuffix());
		}
		return this;
	}

	/**
	 * The run succeeded: outcome {@code success} and its span not marked as an error.
	 * @return this
	 */
	public AgentRunAssert succeeded() {
		hasOutcome("success");
		return hasStatus(StatusCode.UNSET);
	}

	/**
	 * The run was refused (outcome {@code refused}), which is not an error.
	 * @return this
	 */
	public AgentRunAssert wasRefused() {
		hasOutcome("refused");
		return hasStatus(StatusCode.UNSET);
	}

	/**
	 * The run was refused for this reason ({@code agent.refusal.reason}).
	 * @param reason the reason: a programmatic reason, a refusal exception's class name,
	 * or {@code content_filter}
	 * @return this
	 */
	public AgentRunAssert wasRefused(String reason) {
		wasRefused();
		return hasAttribute(AgentAttributes.REFUSAL_REASON, reason);
	}

	/**
	 * The run failed: outcome {@code error}, its span marked as an error.
	 * @return this
	 */
	public AgentRunAssert failed() {
		hasOutcome("error");
		return hasStatus(StatusCode.ERROR);
	}

	/**
	 * The run failed with this exception ({@code error.type} is its class name).
	 * @param exceptionType the exception's class
	 * @return this
	 */
	public AgentRunAssert failedWith(Class<? extends Throwable> exceptionType) {
		failed();
		return hasAttribute(GenAiAttributes.ERROR_TYPE, exceptionType.getName());
	}

	/**
	 * The run's steps, the direct children of its span in start order, are exactly
	 * these.
	 * @param steps span names or operation names
	 * @return this
	 */
	public AgentRunAssert hasSteps(String... steps) {
		isNotNull();
		List<SpanData> actual = this.actual.steps();
		boolean matches = actual.size() == steps.length;
		for (int i = 0; matches && i < steps.length; i++) {
			matches = isStep(actual.get(i), steps[i]);
		}
		if (!matches) {
			failWithTree("Expected %s to take the steps%n  %s%nbut it took%n  %s", spanName(), Arrays.asList(steps),
					names(actual));
		}
		return this;
	}

	/**
	 * The run took these steps in this order, possibly with others between them.
	 * @param steps span names or operation names
	 * @return this
	 */
	public AgentRunAssert hasStepsInOrder(String... steps) {
		isNotNull();
		List<SpanData> actual = this.actual.steps();
		int next = 0;
		for (SpanData step : actual) {
			if (next < steps.length && isStep(step, steps[next])) {
				next++;
			}
		}
		if (next < steps.length) {
			failWithTree("Expected %s to take the steps%n  %s%nin this order, but it took%n  %s%n(%s not found in order)",
					spanName(), Arrays.asList(steps), names(actual), steps[next]);
		}
		return this;
	}

	/**
	 * The run called each of these tools at least once, in any order.
	 * @param toolNames the tools' names
	 * @return this
	 */
	public AgentRunAssert calledTools(String... toolNames) {
		isNotNull();
		List<String> called = toolNames();
		List<String> missing = Arrays.stream(toolNames).filter((name) -> !called.contains(name)).toList();
		if (!missing.isEmpty()) {
			failWithTree("Expected %s to call %s but it did not call %s; it called %s%s", spanName(),
					Arrays.asList(toolNames), missing, called, hint(missing.get(0)));
		}
		return this;
	}

	/**
	 * The run's tool calls were exactly these, in this order.
	 * @param toolNames the tools' names, one per call
	 * @return this
	 */
	public AgentRunAssert calledToolsExactly(String... toolNames) {
		isNotNull();
		List<String> called = toolNames();
		if (!called.equals(Arrays.asList(toolNames))) {
			failWithTree("Expected %s to call exactly%n  %s%nbut it called%n  %s", spanName(),
					Arrays.asList(toolNames), called);
		}
		return this;
	}

	/**
	 * The run never called this tool.
	 * @param toolName the tool's name
	 * @return this
	 */
	public AgentRunAssert didNotCallTool(String toolName) {
		isNotNull();
		int calls = this.actual.toolCalls(toolName).size();
		if (calls > 0) {
			failWithTree("Expected %s not to call %s but it called it %d time(s)", spanName(), toolName, calls);
		}
		return this;
	}

	/**
	 * The run made this many tool calls itself (sub-agents' calls not counted).
	 * @param count the number of tool calls
	 * @return this
	 */
	public AgentRunAssert hasToolCalls(int count) {
		isNotNull();
		List<String> called = toolNames();
		if (called.size() != count) {
			failWithTree("Expected %s to make %d tool call(s) but it made %d: %s", spanName(), count, called.size(),
					called);
		}
		return this;
	}

	/**
	 * None of the run's tool calls failed.
	 * @return this
	 */
	public AgentRunAssert hasNoFailedTools() {
		return hasFailedTools();
	}

	/**
	 * Exactly these tool calls of the run failed, in this order.
	 * @param toolNames the failed tools' names, one per failed call
	 * @return this
	 */
	public AgentRunAssert hasFailedTools(String... toolNames) {
		isNotNull();
		List<String> failed = this.actual.toolCalls()
			.stream()
			.filter(ToolCall::failed)
			.map((call) -> call.toolName() + " (" + call.errorType() + ")")
			.toList();
		List<String> failedNames = this.actual.toolCalls()
			.stream()
			.filter(ToolCall::failed)
			.map(ToolCall::toolName)
			.toList();
		if (!failedNames.equals(Arrays.asList(toolNames))) {
			failWithTree("Expected the failed tool calls of %s to be %s but they are %s", spanName(),
					Arrays.asList(toolNames), failed);
		}
		return this;
	}

	/**
	 * Assertions on the only call of a tool.
	 * @param toolName the tool's name
	 * @return assertions on the call
	 */
	public ToolCallAssert toolCall(String toolName) {
		isNotNull();
		List<ToolCall> calls = this.actual.toolCalls(toolName);
		if (calls.size() != 1) {
			failWithTree("Expected %s to call %s once but it called it %d time(s)%s", spanName(), toolName,
					calls.size(), (calls.size() > 1) ? "; use toolCall(name, index)" : hint(toolName));
		}
		return new ToolCallAssert(calls.get(0));
	}

	/**
	 * Assertions on one call of a tool.
	 * @param toolName the tool's name
	 * @param index which call of that tool, from 0, in start order
	 * @return assertions on the call
	 */
	public ToolCallAssert toolCall(String toolName, int index) {
		isNotNull();
		List<ToolCall> calls = this.actual.toolCalls(toolName);
		if (index < 0 || index >= calls.size()) {
			failWithTree("Expected %s to call %s at least %d time(s) but it called it %d time(s)%s", spanName(),
					toolName, index + 1, calls.size(), calls.isEmpty() ? hint(toolName) : "");
		}
		return new ToolCallAssert(calls.get(index));
	}

	/**
	 * The run made this many model calls itself (sub-agents' calls not counted).
	 * @param count the number of model calls
	 * @return this
	 */
	public AgentRunAssert hasModelCalls(int count) {
		isNotNull();
		List<SpanData> calls = this.actual.modelCalls();
		if (calls.size() != count) {
			failWithTree("Expected %s to make %d model call(s) but it made %d", spanName(), count, calls.size());
		}
		return this;
	}

	/**
	 * Assertions on one model call of the run.
	 * @param index which model call, from 0, in start order
	 * @return assertions on the model call's span
	 */
	public SpanAssert modelCall(int index) {
		isNotNull();
		List<SpanData> calls = this.actual.modelCalls();
		if (index < 0 || index >= calls.size()) {
			failWithTree("Expected %s to make at least %d model call(s) but it made %d", spanName(), index + 1,
					calls.size());
		}
		return new SpanAssert(calls.get(index), this.actual);
	}

	/**
	 * The run's total input tokens ({@code gen_ai.usage.input_tokens} on its span).
	 * @param tokens the number of tokens
	 * @return this
	 */
	public AgentRunAssert hasInputTokens(long tokens) {
		return hasAttribute(GenAiAttributes.USAGE_INPUT_TOKENS, tokens);
	}

	/**
	 * The run's total output tokens ({@code gen_ai.usage.output_tokens} on its span).
	 * @param tokens the number of tokens
	 * @return this
	 */
	public AgentRunAssert hasOutputTokens(long tokens) {
		return hasAttribute(GenAiAttributes.USAGE_OUTPUT_TOKENS, tokens);
	}

	/**
	 * The run's own input and output tokens add up to at most this many: those of its own
	 * model calls, on its span; its sub-agents' tokens are not counted (see
	 * {@link #usedAtMostTokensIncludingSubAgents(long)}).
	 * @param tokens the most tokens allowed
	 * @return this
	 */
	public AgentRunAssert usedAtMostTokens(long tokens) {
		isNotNull();
		Long input = span().getAttributes().get(GenAiAttributes.USAGE_INPUT_TOKENS);
		Long output = span().getAttributes().get(GenAiAttributes.USAGE_OUTPUT_TOKENS);
		if (input == null && output == null) {
			failWithTree("Expected %s to use at most %d tokens but it reports no token usage", spanName(), tokens);
		}
		long used = ((input != null) ? input : 0) + ((output != null) ? output : 0);
		if (used > tokens) {
			failWithTree("Expected %s to use at most %d tokens but it used %d (%s in, %s out)", spanName(), tokens,
					used, input, output);
		}
		return this;
	}

	/**
	 * The run and every run nested in it, at any depth, used at most this many input and
	 * output tokens together.
	 * @param tokens the most tokens allowed
	 * @return this
	 * @see AgentRunTrace#tokensIncludingSubAgents()
	 */
	public AgentRunAssert usedAtMostTokensIncludingSubAgents(long tokens) {
		isNotNull();
		long used = this.actual.tokensIncludingSubAgents();
		if (used > tokens) {
			List<String> byRun = new ArrayList<>();
			tokensByRun(this.actual, byRun);
			failWithTree("Expected %s and its sub-agents to use at most %d tokens but they used %d: %s", spanName(),
					tokens, used, String.join(", ", byRun));
		}
		return this;
	}

	/**
	 * The run went over a budget: its span has {@code agent.budget.exceeded=true}, or its
	 * span or one of its own spans (a step over a step budget) has an
	 * {@code agent.budget.exceeded} event.
	 * @return this
	 */
	public AgentRunAssert exceededBudget() {
		isNotNull();
		if (budgetsExceeded().isEmpty()) {
			failWithTree("Expected %s to exceed a budget but no span of it has an %s attribute or event", spanName(),
					AgentAttributes.BUDGET_EXCEEDED.getKey());
		}
		return this;
	}

	/**
	 * The run went over this budget: it is in {@code agent.budget.exceeded_names}, or an
	 * {@code agent.budget.exceeded} event of the run or of one of its own spans names it
	 * ({@code agent.budget.name}).
	 * @param budgetName the budget, as the events name it: {@code total_tokens},
	 * {@code model_calls}, {@code tool_calls}, {@code tool_call_latency}...
	 * @return this
	 */
	public AgentRunAssert exceededBudget(String budgetName) {
		isNotNull();
		List<String> exceeded = budgetsExceeded();
		if (!exceeded.contains(budgetName)) {
			failWithTree("Expected %s to exceed its %s budget but the budgets it exceeded are %s", spanName(),
					budgetName, exceeded);
		}
		return this;
	}

	/**
	 * The run stayed within its budgets: no {@code agent.budget.exceeded} attribute or
	 * event on it or on its own spans.
	 * @return this
	 */
	public AgentRunAssert stayedWithinBudget() {
		isNotNull();
		List<String> exceeded = budgetsExceeded();
		if (!exceeded.isEmpty()) {
			failWithTree("Expected %s to stay within its budgets but it exceeded %s", spanName(), exceeded);
		}
		return this;
	}

	/**
	 * No tool call of the run returned this result (compared as in
	 * {@link ToolCallAssert#hasResult(String)}): {@code hasNoToolResult("{}")} says no tool
	 * came back empty. Failed calls, which return nothing, are not counted; a successful
	 * call whose result was not captured fails the assertion, as it could not be checked.
	 * @param result the result no tool should have returned
	 * @return this
	 */
	public AgentRunAssert hasNoToolResult(String result) {
		for (ToolCall call : succeededToolCalls()) {
			new ToolCallAssert(call).doesNotHaveResult(result);
		}
		return this;
	}

	/**
	 * No result of the run's tool calls contains this text. Failed calls are not counted;
	 * a successful call whose result was not captured fails the assertion.
	 * @param text the text
	 * @return this
	 */
	public AgentRunAssert hasNoToolResultContaining(String text) {
		for (ToolCall call : succeededToolCalls()) {
			new ToolCallAssert(call).resultDoesNotContain(text);
		}
		return this;
	}

	/**
	 * Assertions on the run's final answer, the text its last model call answered (see
	 * {@link AgentRunTrace#finalAnswer()}); a failure prints the run's tree.
	 * @return AssertJ assertions on the answer's text
	 */
	public AbstractStringAssert<?> finalAnswer() {
		String answer = answer();
		return Assertions.assertThat(answer)
			.describedAs(new TextDescription("the final answer of %s, in run %s:%n%s", spanName(), runName(this.actual),
					this.actual.tree()));
	}

	/**
	 * The run's final answer contains this text.
	 * @param text the text
	 * @return this
	 */
	public AgentRunAssert answerContains(String text) {
		String answer = answer();
		if (!answer.contains(text)) {
			failWithTree("Expected the final answer of %s to contain%n  %s%nbut it was%n  %s", spanName(), text,
					answer);
		}
		return this;
	}

	/**
	 * The run's final answer does not contain this text: an amount no tool gave, a name it
	 * must not repeat.
	 * @param text the text
	 * @return this
	 */
	public AgentRunAssert answerDoesNotContain(String text) {
		String answer = answer();
		if (answer.contains(text)) {
			failWithTree("Expected the final answer of %s not to contain%n  %s%nbut it was%n  %s", spanName(), text,
					answer);
		}
		return this;
	}

	/**
	 * The runs nested directly in this one are of exactly these agents, in start order.
	 * @param agentNames the sub-agents' names (none: no sub-agent ran)
	 * @return this
	 */
	public AgentRunAssert hasSubAgents(String... agentNames) {
		isNotNull();
		List<String> actual = this.actual.subRuns().stream().map(AgentRunTrace::agentName).toList();
		if (!actual.equals(Arrays.asList(agentNames))) {
			failWithTree("Expected the sub-agents of %s to be %s but they are %s", spanName(),
					Arrays.asList(agentNames), actual);
		}
		return this;
	}

	/**
	 * Assertions on the run of a sub-agent nested in this run.
	 * @param agentName the sub-agent's name
	 * @return assertions on its run
	 */
	public AgentRunAssert subAgent(String agentName) {
		isNotNull();
		List<AgentRunTrace> runs = this.actual.subRuns()
			.stream()
			.filter((run) -> agentName.equals(run.agentName()))
			.toList();
		if (runs.size() != 1) {
			failWithTree("Expected %s to run sub-agent %s once but it ran it %d time(s)", spanName(), agentName,
					runs.size());
		}
		return new AgentRunAssert(runs.get(0));
	}

	// ---- findings: what the detectors suspected in the run ----

	/**
	 * The run has no finding: no {@code agent.finding} event on its span or its own spans,
	 * and no {@code agent.findings} on its span. A sub-agent's findings are its own: assert
	 * on them with {@code subAgent(name).hasNoFindings()}.
	 * @return this
	 */
	public AgentRunAssert hasNoFindings() {
		isNotNull();
		List<RunFinding> findings = RunFinding.of(this.actual);
		if (!findings.isEmpty()) {
			failWithTree("Expected %s to have no findings but it has %d:%s", spanName(), findings.size(),
					RunFinding.describe(findings));
		}
		return this;
	}

	/**
	 * The run has a finding of this kind: an {@code agent.finding} event with this
	 * {@code agent.finding.kind} on its span or one of its own spans, or the kind in its
	 * span's {@code agent.findings}.
	 * @param kind the finding's kind: {@code empty_tool_result}, {@code ungrounded_value},
	 * {@code tool_error_ignored}, {@code repeated_tool_call}, {@code truncated_response},
	 * {@code budget_exceeded}, {@code max_iterations}, or a kind of your own detector
	 * @return assertions on the findings of that kind: {@code onStep(...)},
	 * {@code withMessageContaining(...)}
	 */
	public FindingAssert hasFinding(String kind) {
		isNotNull();
		List<RunFinding> findings = RunFinding.of(this.actual);
		List<RunFinding> ofKind = findings.stream().filter((finding) -> finding.kind().equals(kind)).toList();
		if (ofKind.isEmpty()) {
			failWithTree("Expected %s to have a finding %s but %s%s", spanName(), kind,
					findings.isEmpty() ? "it has none" : "its findings are:" + RunFinding.describe(findings),
					subAgentWithFinding(kind));
		}
		return new FindingAssert(this.actual, kind, ofKind, "");
	}

	/** Where a finding the run lacks is: in a sub-agent's run. */
	private String subAgentWithFinding(String kind) {
		for (AgentRunTrace subRun : allSubRuns(this.actual)) {
			if (RunFinding.of(subRun).stream().anyMatch((finding) -> finding.kind().equals(kind))) {
				return String.format("%nSub-agent '%s' has one: assert on it with subAgent(\"%s\")",
						subRun.agentName(), subRun.agentName());
			}
		}
		return "";
	}

	// ---- end of findings ----

	/**
	 * Assertions on the only span of the run with this name (sub-agents' spans
	 * included).
	 * @param spanName the span's name
	 * @return assertions on the span
	 */
	public SpanAssert span(String spanName) {
		isNotNull();
		List<SpanData> spans = this.actual.named(spanName);
		if (spans.size() != 1) {
			failWithTree("Expected %s to have one span named %s but it has %d", spanName(), spanName, spans.size());
		}
		return new SpanAssert(spans.get(0), this.actual);
	}

	/**
	 * The run matches its golden trace in {@link GoldenTraces#standard()}.
	 * @param name the golden trace's name (its file name, {@code .json} optional)
	 * @return this
	 * @see GoldenTraces
	 */
	public AgentRunAssert matchesGolden(String name) {
		return matchesGolden(name, SnapshotRules.defaults());
	}

	/**
	 * The run matches its golden trace in {@link GoldenTraces#standard()}, both taken with
	 * these snapshot rules (attributes left out, more ids replaced).
	 * @param name the golden trace's name (its file name, {@code .json} optional)
	 * @param rules the snapshot rules, for instance
	 * {@code SnapshotRules.defaults().ignoringAttributes("http.*")}
	 * @return this
	 * @see GoldenTraces#withRules(SnapshotRules)
	 */
	public AgentRunAssert matchesGolden(String name, SnapshotRules rules) {
		isNotNull();
		GoldenTraces.standard().withRules(rules).assertMatches(this.actual, name);
		return this;
	}

	/**
	 * Compare the run with another, step by step (see {@link RunComparison} for the rules:
	 * ids and timings never count), for instance a replayed run with its recording:
	 * {@code assertThatRun(replayed).comparedTo(recorded).partsAt("execute_tool lookupPricing")}.
	 * @param expected the run compared with, captured in a test or loaded with
	 * {@link TraceFixtures}
	 * @return assertions on the comparison
	 */
	public RunComparisonAssert comparedTo(AgentRunTrace expected) {
		isNotNull();
		return new RunComparisonAssert(RunComparison.of(expected, this.actual));
	}

	private List<ToolCall> succeededToolCalls() {
		isNotNull();
		return this.actual.toolCalls().stream().filter((call) -> !call.failed()).toList();
	}

	/** The final answer, or a failure that says why there is none. */
	private String answer() {
		isNotNull();
		List<SpanData> calls = this.actual.modelCalls();
		if (calls.isEmpty()) {
			failWithTree("Expected %s to have a final answer but it made no model call of its own", spanName());
		}
		SpanData last = calls.get(calls.size() - 1);
		if (last.getAttributes().get(GenAiAttributes.OUTPUT_MESSAGES) == null) {
			failWithTree("The final answer of %s was not captured: its last model call '%s' has no %s attribute. "
					+ "Model output is recorded only when content capture is on for the agent "
					+ "(agent-tracing.capture.*), which it is not by default.", spanName(), last.getName(),
					GenAiAttributes.OUTPUT_MESSAGES.getKey());
		}
		Optional<String> answer = this.actual.finalAnswer();
		if (answer.isEmpty()) {
			failWithTree("Expected %s to have a final answer but its last model call '%s' answered with no text",
					spanName(), last.getName());
		}
		return answer.orElseThrow();
	}

	/**
	 * What to add to a failure about a tool the run did not call: the tool of the run with
	 * the closest name, or the sub-agent that called a tool of that name.
	 */
	private String hint(String toolName) {
		List<String> called = toolNames();
		if (!called.contains(toolName)) {
			for (AgentRunTrace subRun : allSubRuns(this.actual)) {
				if (!subRun.toolCalls(toolName).isEmpty()) {
					return String.format("; %s is a tool of sub-agent '%s': assert on it with subAgent(\"%s\")",
							toolName, subRun.agentName(), subRun.agentName());
				}
			}
		}
		return ClosestName.to(toolName, new LinkedHashSet<>(called))
			.map((closest) -> "; did you mean " + closest + "?")
			.orElse("");
	}

	private static List<AgentRunTrace> allSubRuns(AgentRunTrace run) {
		List<AgentRunTrace> runs = new ArrayList<>();
		for (AgentRunTrace subRun : run.subRuns()) {
			runs.add(subRun);
			runs.addAll(allSubRuns(subRun));
		}
		return runs;
	}

	private static void tokensByRun(AgentRunTrace run, List<String> into) {
		into.add(runName(run) + " " + run.ownTokens());
		run.subRuns().forEach((subRun) -> tokensByRun(subRun, into));
	}

	private List<String> toolNames() {
		return this.actual.toolCalls().stream().map(ToolCall::toolName).toList();
	}

	private static boolean isStep(SpanData span, String step) {
		return step.equals(span.getName()) || step.equals(AgentRunTrace.operationOf(span));
	}

	private static List<String> names(List<SpanData> spans) {
		return spans.stream().map(SpanData::getName).toList();
	}

	private String errorTypeSuffix() {
		String errorType = span().getAttributes().get(GenAiAttributes.ERROR_TYPE);
		return (errorType != null) ? " (" + errorType + ")" : "";
	}

	/**
	 * The budgets the run exceeded, by name, from the run span's attributes and the
	 * budget events of its own spans; {@code agent.budget.exceeded} alone counts as an
	 * unnamed budget.
	 */
	private List<String> budgetsExceeded() {
		Set<String> names = new LinkedHashSet<>();
		List<String> listed = span().getAttributes().get(AgentAttributes.BUDGETS_EXCEEDED);
		if (listed != null) {
			names.addAll(listed);
		}
		List<SpanData> own = new ArrayList<>();
		own.add(span());
		own.addAll(this.actual.ownSpans());
		for (SpanData span : own) {
			for (EventData event : span.getEvents()) {
				if (event.getName().equals(AgentAttributes.BUDGET_EXCEEDED_EVENT)) {
					Object name = AttributeValues.get(event.getAttributes(), AgentAttributes.BUDGET_NAME);
					names.add((name != null) ? String.valueOf(name) : "(unnamed)");
				}
			}
		}
		if (names.isEmpty() && Boolean.TRUE.equals(span().getAttributes().get(AgentAttributes.BUDGET_EXCEEDED))) {
			names.add("(unnamed)");
		}
		return List.copyOf(names);
	}

}
