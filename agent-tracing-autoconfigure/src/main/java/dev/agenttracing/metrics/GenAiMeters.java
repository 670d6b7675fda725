package dev.agenttracing.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.budget.Budget;
import dev.agenttracing.budget.BudgetListener;

/**
 * The GenAI conventions' metrics (section 6), with their units and explicit bucket
 * boundaries, plus agent-tracing's run and budget counters. Every meter has the same tag
 * keys whatever the outcome ({@code error.type} is {@code none} on success) and only
 * low-cardinality values: class names, agent, tool and model names, never messages or
 * user data.
 */
public final class GenAiMeters implements BudgetListener {

	/** Bucket boundaries of durations in seconds ({@code gen_ai.client.operation.duration}, ...). */
	public static final double[] DURATION_BUCKETS = { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
			10.24, 20.48, 40.96, 81.92 };

	/** Bucket boundaries of token counts ({@code gen_ai.client.token.usage}). */
	public static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
			4194304, 16777216, 67108864 };

	/** Bucket boundaries of agent run durations in seconds ({@code gen_ai.invoke_agent.duration}). */
	public static final double[] AGENT_DURATION_BUCKETS = { 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2,
			102.4, 204.8, 409.6 };

	/** Bucket boundaries of calls per run ({@code gen_ai.invoke_agent.inference_calls}, {@code .tool_calls}). */
	public static final double[] CALL_COUNT_BUCKETS = { 1, 2, 4, 8, 16, 32, 64, 128 };

	/** Tag value of {@code error.type} and of unknown values. */
	public static final String NONE = "none";

	private final MeterRegistry registry;

	/**
	 * Create the meters.
	 * @param registry where they are registered
	 */
	public GenAiMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * A model call ended.
	 * @param operation {@code gen_ai.operation.name}
	 * @param provider {@code gen_ai.provider.name}
	 * @param requestModel the model asked for
	 * @param responseModel the model that answered
	 * @param errorType the error type, {@code null} on success
	 * @param seconds its duration
	 * @param inputTokens input tokens, {@code null} when not reported
	 * @param outputTokens output tokens, {@code null} when not reported
	 */
	public void modelCall(String operation, @Nullable String provider, @Nullable String requestModel,
			@Nullable String responseModel, @Nullable String errorType, double seconds, @Nullable Long inputTokens,
			@Nullable Long outputTokens) {
		Tags tags = Tags.of("gen_ai.operation.name", operation, "gen_ai.provider.name", value(provider),
				"gen_ai.request.model", value(requestModel), "gen_ai.response.model", value(responseModel));
		summary("gen_ai.client.operation.duration", "s", "Duration of GenAI client operations",
				DURATION_BUCKETS, tags.and("error.type", value(errorType)))
			.record(seconds);
		if (inputTokens != null) {
			summary("gen_ai.client.token.usage", "{token}", "Tokens used by GenAI client operations", TOKEN_BUCKETS,
					tags.and("gen_ai.token.type", "input"))
				.record(inputTokens);
		}
		if (outputTokens != null) {
			summary("gen_ai.client.token.usage", "{token}", "Tokens used by GenAI client operations", TOKEN_BUCKETS,
					tags.and("gen_ai.token.type", "output"))
				.record(outputTokens);
		}
	}

	/**
	 * A tool execution ended.
	 * @param toolName the tool
	 * @param toolType its type
	 * @param agentName the agent whose run executed it
	 * @param errorType the error type, {@code null} on success
	 * @param seconds its duration
	 */
	public void toolCall(String toolName, @Nullable String toolType, @Nullable String agentName,
			@Nullable String errorType, double seconds) {
		summary("gen_ai.execute_tool.duration", "s", "Duration of tool executions", DURATION_BUCKETS,
				Tags.of("gen_ai.tool.name", toolName, "gen_ai.tool.type", value(toolType), "gen_ai.agent.name",
						value(agentName), "error.type", value(errorType)))
			.record(seconds);
	}

	/**
	 * An agent run ended.
	 * @param agentName the agent
	 * @param outcome its outcome
	 * @param errorType the error type, {@code null} unless it failed
	 * @param seconds its duration
	 * @param modelCalls its own model calls
	 * @param toolCalls its own tool executions
	 */
	public void run(String agentName, String outcome, @Nullable String errorType, double seconds, long modelCalls,
			long toolCalls) {
		Tags agent = Tags.of("gen_ai.agent.name", agentName);
		summary("gen_ai.invoke_agent.duration", "s", "Duration of agent runs", AGENT_DURATION_BUCKETS,
				agent.and("error.type", value(errorType)))
			.record(seconds);
		summary("gen_ai.invoke_agent.inference_calls", "{inference_call}", "Model calls per agent run",
				CALL_COUNT_BUCKETS, agent)
			.record(modelCalls);
		summary("gen_ai.invoke_agent.tool_calls", "{tool_call}", "Tool executions per agent run", CALL_COUNT_BUCKETS,
				agent)
			.record(toolCalls);
		Counter.builder("agent.runs")
			.description("Agent runs by agent and outcome")
			.tags(agent.and("agent.outcome", outcome))
			.register(this.registry)
			.increment();
	}

	/**
	 * Findings of a run's diagnosis.
	 * @param agentName the agent
	 * @param kind the findings' kind
	 * @param count how many of that kind
	 */
	public void findings(String agentName, String kind, long count) {
		Counter.builder("agent.findings")
			.description("Findings of the runs' diagnosis, by agent and kind")
			.tags("gen_ai.agent.name", agentName, "kind", kind)
			.register(this.registry)
			.increment(count);
	}

	@Override
	public void exceeded(String agent, Budget budget) {
		Counter.builder("agent.budget.exceeded")
			.description("Budgets gone over, by agent and budget")
			.tags("gen_ai.agent.name", agent, "agent.budget.name", budget.value())
			.register(this.registry)
			.increment();
	}

	private DistributionSummary summary(String name, String unit, String description, double[] buckets, Tags tags) {
		return DistributionSummary.builder(name)
			.baseUnit(unit)
			.description(description)
			.serviceLevelObjectives(buckets)
			.tags(tags)
			.register(this.registry);
	}

	private static String value(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : NONE;
	}

}
