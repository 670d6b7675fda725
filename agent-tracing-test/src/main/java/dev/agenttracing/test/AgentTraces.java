package dev.agenttracing.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The spans a test captured, in memory, and the agent runs they hold.
 * <p>
 * In a {@code @SpringBootTest} annotated with {@link AgentTracingTest} one instance is a
 * bean whose {@link #spanProcessor()} is registered with Boot's OpenTelemetry tracer
 * provider, so it sees every span the application ends, exactly as the starter's real
 * configuration makes them; it is emptied before each test. Elsewhere, create one and add
 * {@link #spanProcessor()} to the tracer provider yourself.
 * <p>
 * Spans are kept as they end. A run is complete once its {@code invoke_agent} span has
 * ended: for a run on another thread, {@link #awaitRun(String, Duration)} waits for it.
 * Tests that run concurrently against one instance see each other's spans.
 */
public final class AgentTraces {

	private final Object lock = new Object();

	private final List<SpanData> spans = new ArrayList<>();

	private final SpanProcessor spanProcessor = new CapturingSpanProcessor();

	/**
	 * An empty capture.
	 */
	public AgentTraces() {
	}

	/**
	 * Runs over spans that were captured elsewhere or loaded from a file.
	 * @param spans the spans
	 * @return the traces
	 * @see TraceFixtures
	 */
	public static AgentTraces of(Collection<SpanData> spans) {
		AgentTraces traces = new AgentTraces();
		traces.spans.addAll(spans);
		return traces;
	}

	/**
	 * The span processor that captures ended spans into this object.
	 * @return the processor
	 */
	public SpanProcessor spanProcessor() {
		return this.spanProcessor;
	}

	/**
	 * Forget every captured span.
	 */
	public void reset() {
		synchronized (this.lock) {
			this.spans.clear();
		}
	}

	/**
	 * Every captured span, in the order they ended.
	 * @return the spans
	 */
	public List<SpanData> spans() {
		synchronized (this.lock) {
			return List.copyOf(this.spans);
		}
	}

	/**
	 * The top-level runs: runs not nested in another captured run. A nested run (a
	 * sub-agent's) is reached from its caller with {@link AgentRunTrace#subRuns()} or
	 * {@link AgentRunTrace#subRun(String)}, or by its agent's name with
	 * {@link #runs(String)} and {@link #lastRun(String)}, which include nested runs.
	 * @return the runs, in the order they ended
	 */
	public List<AgentRunTrace> runs() {
		return AgentRunTrace.topLevelRunsIn(spans());
	}

	/**
	 * Every run of one agent, nested ones included.
	 * @param agentName the agent's name ({@code gen_ai.agent.name})
	 * @return the runs, in the order they ended
	 */
	public List<AgentRunTrace> runs(String agentName) {
		return AgentRunTrace.allRunsIn(spans()).stream().filter((run) -> agentName.equals(run.agentName())).toList();
	}

	/**
	 * The top-level run that ended last.
	 * @return the run
	 * @throws AssertionError if no run was captured
	 */
	public AgentRunTrace lastRun() {
		List<AgentRunTrace> runs = runs();
		if (runs.isEmpty()) {
			throw new AssertionError("No agent run was captured. " + describeCapture());
		}
		return runs.get(runs.size() - 1);
	}

	/**
	 * The run of one agent that ended last, nested or not.
	 * @param agentName the agent's name ({@code gen_ai.agent.name})
	 * @return the run
	 * @throws AssertionError if no run of that agent was captured
	 */
	public AgentRunTrace lastRun(String agentName) {
		List<AgentRunTrace> runs = runs(agentName);
		if (runs.isEmpty()) {
			throw new AssertionError("No run of agent '" + agentName + "' was captured. " + describeCapture());
		}
		return runs.get(runs.size() - 1);
	}

	/**
	 * Wait until a run of an agent has ended, for runs on other threads (an HTTP request,
	 * a queue listener, a reactive or asynchronous run).
	 * @param agentName the agent's name ({@code gen_ai.agent.name})
	 * @param timeout how long to wait at most
	 * @return the run of that agent that ended last
	 * @throws AssertionError if no run of that agent ended in time
	 */
	public AgentRunTrace awaitRun(String agentName, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			while (runs(agentName).isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("No run of agent '" + agentName + "' ended within " + timeout + ". "
							+ describeCapture());
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.lock, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted while waiting for a run of agent '" + agentName + "'", ex);
				}
			}
		}
		return lastRun(agentName);
	}

	@Override
	public String toString() {
		List<AgentRunTrace> runs = runs();
		return runs.isEmpty() ? describeCapture()
				: runs.stream().map(AgentRunTrace::tree).collect(Collectors.joining("\n"));
	}

	private String describeCapture() {
		List<SpanData> captured = spans();
		if (captured.isEmpty()) {
			return "No span was captured: is the test's tracer provider given AgentTraces.spanProcessor() "
					+ "(@AgentTracingTest does it), with sampling probability 1.0?";
		}
		return "Captured spans: " + captured.stream().map(SpanData::getName).toList();
	}

	private final class CapturingSpanProcessor implements SpanProcessor {

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			SpanData data = span.toSpanData();
			synchronized (AgentTraces.this.lock) {
				AgentTraces.this.spans.add(data);
				AgentTraces.this.lock.notifyAll();
			}
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public String toString() {
			return "AgentTraces.spanProcessor";
		}

	}

}
