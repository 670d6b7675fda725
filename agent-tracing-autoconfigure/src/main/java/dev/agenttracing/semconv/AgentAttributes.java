package dev.agenttracing.semconv;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes and events agent-tracing adds beyond the GenAI conventions, plus the
 * general-purpose OpenTelemetry keys it uses for business context. Each is documented in
 * the README's attribute reference with its type.
 */
public final class AgentAttributes {

	/** {@code success}, {@code error} or {@code refused}; see {@code AgentOutcome}. */
	public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("agent.outcome");

	/** Why a run was refused: a configured exception type, a programmatic reason, or the model's content filter. */
	public static final AttributeKey<String> REFUSAL_REASON = AttributeKey.stringKey("agent.refusal.reason");

	/** The id shared by a top-level run and every run nested in it. */
	public static final AttributeKey<String> WORKFLOW_RUN_ID = AttributeKey.stringKey("workflow.run_id");

	/** OpenTelemetry general attribute: the end user on whose behalf the run happens. */
	public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");

	/** OpenTelemetry general attribute: the user's session. */
	public static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("session.id");

	/** Number of model calls the run made itself (nested runs count their own). */
	public static final AttributeKey<Long> MODEL_CALLS = AttributeKey.longKey("agent.model_calls");

	/** Number of tool executions the run made itself (nested runs count their own). */
	public static final AttributeKey<Long> TOOL_CALLS = AttributeKey.longKey("agent.tool_calls");

	/** On a retrieval span: how many documents the query returned. */
	public static final AttributeKey<Long> RETRIEVAL_DOCUMENT_COUNT = AttributeKey
		.longKey("agent.retrieval.document_count");

	/** On a chat span: the answer was cut by the token budget (finish reason {@code length}). */
	public static final AttributeKey<Boolean> RESPONSE_TRUNCATED = AttributeKey.booleanKey("agent.response.truncated");

	/** Event on a chat span whose answer was cut by the token budget. */
	public static final String RESPONSE_TRUNCATED_EVENT = "agent.response.truncated";

	/**
	 * On a streamed chat span: its subscriber cancelled the stream before the model
	 * finished. A cancellation is not a failure of the model call: no {@code error.type}.
	 */
	public static final AttributeKey<Boolean> RESPONSE_CANCELLED = AttributeKey.booleanKey("agent.response.cancelled");

	/** On a run span: the run went over one of its budgets. */
	public static final AttributeKey<Boolean> BUDGET_EXCEEDED = AttributeKey.booleanKey("agent.budget.exceeded");

	/** On a run span: the names of the budgets the run went over. */
	public static final AttributeKey<java.util.List<String>> BUDGETS_EXCEEDED = AttributeKey
		.stringArrayKey("agent.budget.exceeded_names");

	/** Event on the span where a budget was exceeded (the step's span, or the run's). */
	public static final String BUDGET_EXCEEDED_EVENT = "agent.budget.exceeded";

	/** On the budget event: which budget. */
	public static final String BUDGET_NAME = "agent.budget.name";

	/** On the budget event: its limit (seconds for latencies and wall time). */
	public static final String BUDGET_LIMIT = "agent.budget.limit";

	/** On the budget event: the value that went over it. */
	public static final String BUDGET_ACTUAL = "agent.budget.actual";

	/** Event on a run span per round of the agent loop. */
	public static final String ITERATION_EVENT = "agent.iteration";

	/** On the iteration event: the round's number, from 1. */
	public static final String ITERATION_NUMBER = "agent.iteration.number";

	/** On the iteration event: the tools the model asked for in that round. */
	public static final String ITERATION_TOOL_CALLS = "agent.iteration.tool_calls";

	/** On the iteration event: input tokens of the run so far. */
	public static final String ITERATION_INPUT_TOKENS = "agent.iteration.input_tokens";

	/** On the iteration event: output tokens of the run so far. */
	public static final String ITERATION_OUTPUT_TOKENS = "agent.iteration.output_tokens";

	/** Event on a run span when its loop ends. */
	public static final String LOOP_TERMINATED_EVENT = "agent.loop_terminated";

	/** On the loop event: why it ended ({@code final_answer}, {@code max_iterations}, ...). */
	public static final String LOOP_TERMINATION_REASON = "agent.loop.termination_reason";

	/** On the loop event: how many rounds it had. */
	public static final String LOOP_ITERATIONS = "agent.loop.iterations";

	/** Cost of a model call (chat span) or of a run's model calls (run span), from the price table. */
	public static final AttributeKey<Double> COST = AttributeKey.doubleKey("agent.cost");

	/** Currency of {@code agent.cost}. */
	public static final AttributeKey<String> COST_CURRENCY = AttributeKey.stringKey("agent.cost.currency");

	/** On the run spans of a trace kept by tail sampling: why it was kept. */
	public static final AttributeKey<String> SAMPLING_REASON = AttributeKey.stringKey("agent.sampling.reason");

	/** On a span with captured content: how many values the redactor removed from it. */
	public static final AttributeKey<Long> CONTENT_REDACTIONS = AttributeKey.longKey("agent.content.redactions");

	/** On a span with captured content: some content was cut to the size limit. */
	public static final AttributeKey<Boolean> CONTENT_TRUNCATED = AttributeKey.booleanKey("agent.content.truncated");

	/** On a span whose full content went to external storage: the reference it returned. */
	public static final AttributeKey<String> CONTENT_REF = AttributeKey.stringKey("agent.content.ref");

	/**
	 * On a run span: the kinds of the run's findings (suspicions of its diagnosis), each
	 * once, in the order first found. Absent when there is none.
	 */
	public static final AttributeKey<java.util.List<String>> FINDINGS = AttributeKey.stringArrayKey("agent.findings");

	/** On a run span: the number of the run's findings. Absent when there is none. */
	public static final AttributeKey<Long> FINDING_COUNT = AttributeKey.longKey("agent.finding.count");

	/** Event on the span of the step a finding concerns (the run's span for a finding about the run). */
	public static final String FINDING_EVENT = "agent.finding";

	/** On the finding event: its kind ({@code empty_tool_result}, ...). */
	public static final String FINDING_KIND = "agent.finding.kind";

	/** On the finding event: one line for a human, naming values only when content is captured. */
	public static final String FINDING_MESSAGE = "agent.finding.message";

	/** Prefix of what a detector measured, on the finding event ({@code agent.finding.repeats}, ...). */
	public static final String FINDING_PREFIX = "agent.finding.";

	/** Event on an invoke_agent span when the run is refused. */
	public static final String REFUSED_EVENT = "agent.refused";

	private AgentAttributes() {
	}

}
