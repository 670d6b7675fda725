package dev.agenttracing.test;

/**
 * Entry point of the assertions on agent runs.
 * <pre class="code">
 * assertThatRun(traces.lastRun())
 *     .succeeded()
 *     .hasSteps("chat", "execute_tool lookupPricing", "chat")
 *     .hasModelCalls(2);
 * </pre>
 */
public final class AgentTraceAssertions {

	private AgentTraceAssertions() {
	}

	/**
	 * Assertions on a run.
	 * @param run the run, from {@link AgentTraces} or {@link TraceFixtures}
	 * @return the assertions
	 */
	public static AgentRunAssert assertThatRun(AgentRunTrace run) {
		return new AgentRunAssert(run);
	}

}
