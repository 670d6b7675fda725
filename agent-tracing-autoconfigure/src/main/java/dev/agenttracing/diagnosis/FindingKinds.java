package dev.agenttracing.diagnosis;

/**
 * The kinds of the built-in detectors' findings, as written in {@code agent.finding.kind}
 * and {@code agent.findings}.
 */
public final class FindingKinds {

	/** A tool returned nothing useful (blank, {@code {}}, {@code []}, all values empty, "no results"). */
	public static final String EMPTY_TOOL_RESULT = "empty_tool_result";

	/** A final answer states a value (amount, measure, id, date) found in none of the run's inputs. */
	public static final String UNGROUNDED_VALUE = "ungrounded_value";

	/** A tool of the run failed and the final answer does not say that something went wrong. */
	public static final String TOOL_ERROR_IGNORED = "tool_error_ignored";

	/** The same tool was called with equal arguments the threshold number of times in one run. */
	public static final String REPEATED_TOOL_CALL = "repeated_tool_call";

	/** A model's answer was cut by its token limit, or asked for a tool with arguments that are not valid JSON. */
	public static final String TRUNCATED_RESPONSE = "truncated_response";

	/** The run went over one of its budgets. */
	public static final String BUDGET_EXCEEDED = "budget_exceeded";

	/** The run's loop ended on its iteration limit. */
	public static final String MAX_ITERATIONS = "max_iterations";

	private FindingKinds() {
	}

}
