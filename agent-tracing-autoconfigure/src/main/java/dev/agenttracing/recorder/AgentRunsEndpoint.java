package dev.agenttracing.recorder;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code agentruns} actuator endpoint: the runs held by the {@link FlightRecorder}.
 * {@code GET /actuator/agentruns} lists them, newest first, filtered by the optional
 * parameters; {@code GET /actuator/agentruns/{traceId}} returns one run as a tree.
 *
 * <p>
 * Like Spring Boot's other endpoints it is not exposed over HTTP until
 * {@code management.endpoints.web.exposure.include} lists it, and once exposed it is
 * secured like them, by the application's Spring Security rules for actuator endpoints.
 * Recorded runs hold what was exported: user ids, and captured prompts and tool
 * arguments when content capture is on.
 */
@Endpoint(id = AgentRunsEndpoint.ID)
public class AgentRunsEndpoint {

	/** The endpoint id. */
	public static final String ID = "agentruns";

	private final FlightRecorder recorder;

	/**
	 * The endpoint of a recorder.
	 * @param recorder the recorder
	 */
	public AgentRunsEndpoint(FlightRecorder recorder) {
		this.recorder = recorder;
	}

	/**
	 * The recorded runs that match, newest first. See {@link RunQuery} for each parameter.
	 * @param agent the run or a nested run is this agent
	 * @param outcome {@code success}, {@code error} or {@code refused}
	 * @param finding {@code any} (the run has a finding) or a finding kind
	 * ({@code empty_tool_result}...) that the run's {@code agent.findings} lists
	 * @param user the run's {@code user.id}
	 * @param conversation the run's {@code gen_ai.conversation.id}
	 * @param workflowRunId the run's {@code workflow.run_id}
	 * @param from started at or after (ISO-8601 instant)
	 * @param to started before (ISO-8601 instant)
	 * @param limit most runs listed
	 * @return the runs and the recorder's state
	 */
	@ReadOperation
	public RunList runs(@Nullable String agent, @Nullable String outcome, @Nullable String finding,
			@Nullable String user, @Nullable String conversation, @Nullable String workflowRunId,
			@Nullable Instant from, @Nullable Instant to, @Nullable Integer limit) {
		return this.recorder
			.runs(RunQuery.of(agent, outcome, finding, user, conversation, workflowRunId, from, to, limit));
	}

	/**
	 * One run as a tree.
	 * @param traceId the run's trace id
	 * @return the run, or {@code null} (404) when it is not held
	 */
	@ReadOperation
	public @Nullable RunTree run(@Selector String traceId) {
		return this.recorder.run(traceId).orElse(null);
	}

}
