package dev.agenttracing.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.AgentAttributes;

/**
 * The facts of one agent run, carried by its observation: who runs, for whom, and what
 * happened. Model calls and tool executions inside the run add to its totals while it
 * is open, so the totals are on the span before it ends.
 */
public class AgentRunObservationContext extends Observation.Context {

	private final String agentName;

	private final @Nullable String agentDescription;

	private final String runId;

	private final @Nullable AgentRunObservationContext parentRun;

	private volatile @Nullable String conversationId;

	private final @Nullable String userId;

	private final @Nullable String sessionId;

	private final Map<String, String> tags = Collections.synchronizedMap(new LinkedHashMap<>());

	private final AtomicLong inputTokens = new AtomicLong();

	private final AtomicLong outputTokens = new AtomicLong();

	private final AtomicBoolean usageReported = new AtomicBoolean();

	private final AtomicLong modelCalls = new AtomicLong();

	private final AtomicLong toolCalls = new AtomicLong();

	private final AtomicBoolean finished = new AtomicBoolean();

	private final AtomicInteger openOperations = new AtomicInteger();

	private @Nullable Runnable pendingFinish;

	private java.util.concurrent.@Nullable ScheduledFuture<?> finishDeadline;

	private volatile @Nullable String refusalReason;

	private volatile @Nullable AgentOutcome outcome;

	private volatile @Nullable Throwable failure;

	private final long startNanos = System.nanoTime();

	private final java.util.concurrent.atomic.DoubleAdder cost = new java.util.concurrent.atomic.DoubleAdder();

	private final AtomicBoolean costReported = new AtomicBoolean();

	private final AtomicInteger iterations = new AtomicInteger();

	private final AtomicBoolean loopTerminated = new AtomicBoolean();

	private final java.util.Set<String> budgetsExceeded = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private volatile @Nullable Observation observation;

	private volatile @Nullable RunLedger ledger;

	private volatile @Nullable LoopTermination loopTermination;

	/**
	 * Create the context of a run.
	 * @param agentName the agent's name
	 * @param agentDescription its description, if any
	 * @param runId the workflow run id (the enclosing run's for a nested run)
	 * @param parentRun the enclosing run, if any
	 * @param conversationId the conversation id, if any
	 * @param userId the user id, if any
	 * @param sessionId the session id, if any
	 * @param tags extra span attributes
	 */
	public AgentRunObservationContext(String agentName, @Nullable String agentDescription, String runId,
			@Nullable AgentRunObservationContext parentRun, @Nullable String conversationId, @Nullable String userId,
			@Nullable String sessionId, Map<String, String> tags) {
		this.agentName = agentName;
		this.agentDescription = agentDescription;
		this.runId = runId;
		this.parentRun = parentRun;
		this.conversationId = conversationId;
		this.userId = userId;
		this.sessionId = sessionId;
		this.tags.putAll(tags);
	}

	/**
	 * The innermost run around an observation, found through its parent observations.
	 * @param context the observation's context
	 * @return the run, or empty outside any run
	 */
	public static Optional<AgentRunObservationContext> enclosing(Observation.@Nullable ContextView context) {
		Observation.ContextView current = context;
		int depth = 0;
		while (current != null && depth++ < 256) {
			if (current instanceof AgentRunObservationContext run) {
				return Optional.of(run);
			}
			AgentRunObservationContext remembered = current.get(RunKey.class);
			if (remembered != null) {
				return Optional.of(remembered);
			}
			ObservationView parent = current.getParentObservation();
			current = (parent != null) ? parent.getContextView() : null;
		}
		return Optional.empty();
	}

	/**
	 * Remember on an observation which run it belongs to, for the observations nested in
	 * it whose parent chain is incomplete.
	 * @param context the observation's context
	 * @param run its run
	 */
	static void remember(Observation.Context context, AgentRunObservationContext run) {
		if (context != run) {
			context.put(RunKey.class, run);
		}
	}

	public String getAgentName() {
		return this.agentName;
	}

	public @Nullable String getAgentDescription() {
		return this.agentDescription;
	}

	public String getRunId() {
		return this.runId;
	}

	public @Nullable AgentRunObservationContext getParentRun() {
		return this.parentRun;
	}

	public @Nullable String getConversationId() {
		return this.conversationId;
	}

	/**
	 * Set the conversation id if the run has none yet (for example from Spring AI's chat
	 * memory). An id given by the application is never replaced.
	 * @param conversationId the id
	 */
	public void conversationIdIfAbsent(@Nullable String conversationId) {
		if (this.conversationId == null && conversationId != null && !conversationId.isBlank()) {
			this.conversationId = conversationId;
		}
	}

	public @Nullable String getUserId() {
		return this.userId;
	}

	public @Nullable String getSessionId() {
		return this.sessionId;
	}

	/**
	 * The extra span attributes, in declaration order.
	 * @return a snapshot of the tags
	 */
	public Map<String, String> getTags() {
		synchronized (this.tags) {
			return new LinkedHashMap<>(this.tags);
		}
	}

	/**
	 * Add an extra span attribute while the run is open.
	 * @param key the key
	 * @param value the value
	 */
	public void tag(String key, String value) {
		this.tags.put(key, value);
	}

	/**
	 * The run's observation, so that events with attributes can be written on its span.
	 * @param observation the observation
	 */
	void observedBy(Observation observation) {
		this.observation = observation;
	}

	/**
	 * Write an event with attributes on the run's span (and to every observation handler).
	 * @param name the event name
	 * @param attributes its attributes
	 */
	public void event(String name, Map<String, Object> attributes) {
		Observation current = this.observation;
		if (current != null) {
			current.event(new AgentEvent(name, attributes));
		}
	}

	/**
	 * Whether the run had an agent loop (model calls or recorded iterations).
	 * @return whether to write its loop-terminated event
	 */
	public boolean hadLoop() {
		return getModelCalls() > 0 || getIterations() > 0;
	}

	/**
	 * Nanoseconds since the run started.
	 * @return the elapsed time
	 */
	public long elapsedNanos() {
		return System.nanoTime() - this.startNanos;
	}

	/**
	 * Add the cost of one model call.
	 * @param amount the cost
	 */
	public void recordCost(double amount) {
		this.cost.add(amount);
		this.costReported.set(true);
	}

	/**
	 * The run's cost so far.
	 * @return the summed cost of its model calls
	 */
	public double getCost() {
		return this.cost.sum();
	}

	/**
	 * Whether any model call of the run had a price.
	 * @return whether {@link #getCost()} is meaningful
	 */
	public boolean isCostReported() {
		return this.costReported.get();
	}

	/**
	 * Count one more round of the agent loop.
	 * @return the round's number, from 1
	 */
	public int nextIteration() {
		return this.iterations.incrementAndGet();
	}

	public int getIterations() {
		return this.iterations.get();
	}

	/**
	 * Record one round of the agent loop: an {@code agent.iteration} event on the run.
	 * @param toolCalls the tools the model asked for in that round
	 */
	public void recordIteration(java.util.List<String> toolCalls) {
		int number = nextIteration();
		event(AgentAttributes.ITERATION_EVENT,
				Map.of(AgentAttributes.ITERATION_NUMBER, (long) number, AgentAttributes.ITERATION_TOOL_CALLS,
						java.util.List.copyOf(toolCalls), AgentAttributes.ITERATION_INPUT_TOKENS, getInputTokens(),
						AgentAttributes.ITERATION_OUTPUT_TOKENS, getOutputTokens()));
	}

	/**
	 * Record the end of the agent loop, once: an {@code agent.loop_terminated} event.
	 * @param reason why it ended
	 * @return whether this call recorded it
	 */
	public boolean terminateLoop(LoopTermination reason) {
		if (!this.loopTerminated.compareAndSet(false, true)) {
			return false;
		}
		this.loopTermination = reason;
		event(AgentAttributes.LOOP_TERMINATED_EVENT, Map.of(AgentAttributes.LOOP_TERMINATION_REASON, reason.value(),
				AgentAttributes.LOOP_ITERATIONS, (long) getIterations()));
		return true;
	}

	/**
	 * Why the run's loop ended, once recorded.
	 * @return the reason, or {@code null} while the loop goes on
	 */
	public @Nullable LoopTermination getLoopTermination() {
		return this.loopTermination;
	}

	/**
	 * The diagnosis ledger of the run, made when first asked for. Internal: not part of
	 * agent-tracing's API.
	 * @return the ledger
	 */
	public RunLedger ledger() {
		RunLedger current = this.ledger;
		if (current == null) {
			synchronized (this) {
				current = this.ledger;
				if (current == null) {
					current = new RunLedger();
					this.ledger = current;
				}
			}
		}
		return current;
	}

	/**
	 * The read-only view of this run that applications see.
	 * @return the view
	 */
	public CurrentRun view() {
		return new CurrentRun(this);
	}

	/**
	 * The kinds of the run's findings so far, each once, in the order first found.
	 * @return the kinds, empty when there is none
	 */
	public java.util.List<String> getFindingKinds() {
		RunLedger current = this.ledger;
		return (current != null) ? current.findingKinds() : java.util.List.of();
	}

	/**
	 * The number of the run's findings so far.
	 * @return the count
	 */
	public long getFindingCount() {
		RunLedger current = this.ledger;
		return (current != null) ? current.findingCount() : 0;
	}

	/**
	 * Note that a budget was exceeded.
	 * @param budget the budget's name
	 * @return whether this is the first time for that budget
	 */
	public boolean budgetExceeded(String budget) {
		return this.budgetsExceeded.add(budget);
	}

	/**
	 * The budgets exceeded so far.
	 * @return their names
	 */
	public java.util.List<String> getBudgetsExceeded() {
		return this.budgetsExceeded.stream().sorted().toList();
	}

	/**
	 * Record one model call of this run.
	 */
	public void recordModelCall() {
		this.modelCalls.incrementAndGet();
	}

	/**
	 * Record the token usage of one model call of this run.
	 * @param input input tokens, or {@code null} when not reported
	 * @param output output tokens, or {@code null} when not reported
	 */
	public void recordUsage(@Nullable Number input, @Nullable Number output) {
		if (input != null) {
			this.inputTokens.addAndGet(input.longValue());
			this.usageReported.set(true);
		}
		if (output != null) {
			this.outputTokens.addAndGet(output.longValue());
			this.usageReported.set(true);
		}
	}

	/**
	 * Record one tool execution of this run.
	 */
	public void recordToolCall() {
		this.toolCalls.incrementAndGet();
	}

	public long getInputTokens() {
		return this.inputTokens.get();
	}

	public long getOutputTokens() {
		return this.outputTokens.get();
	}

	/**
	 * Whether any model call of the run reported token usage.
	 * @return whether usage totals are meaningful
	 */
	public boolean isUsageReported() {
		return this.usageReported.get();
	}

	public long getModelCalls() {
		return this.modelCalls.get();
	}

	public long getToolCalls() {
		return this.toolCalls.get();
	}

	/**
	 * Mark the run refused while it runs; the first reason given is kept.
	 * @param reason why
	 */
	public void refuse(String reason) {
		if (this.refusalReason == null) {
			this.refusalReason = reason;
		}
	}

	public boolean isRefused() {
		return this.refusalReason != null;
	}

	public @Nullable String getRefusalReason() {
		return this.refusalReason;
	}

	public @Nullable AgentOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * What the run threw, if it failed or was refused by an exception.
	 * @return the failure, unwrapped
	 */
	public @Nullable Throwable getFailure() {
		return this.failure;
	}

	/**
	 * Settle the outcome, once.
	 * @param outcome the outcome
	 * @param failure what was thrown, if anything
	 */
	void settle(AgentOutcome outcome, @Nullable Throwable failure) {
		this.outcome = outcome;
		this.failure = failure;
		if (outcome == AgentOutcome.REFUSED && failure != null) {
			refuse(failure.getClass().getName());
		}
	}

	/**
	 * Record that a model call or tool execution of this run started.
	 */
	public void operationStarted() {
		this.openOperations.incrementAndGet();
	}

	/**
	 * Record that a model call or tool execution of this run ended; a run whose result
	 * already completed finishes now if this was the last one.
	 */
	public void operationEnded() {
		if (this.openOperations.decrementAndGet() <= 0) {
			runPendingFinish();
		}
	}

	private void runPendingFinish() {
		Runnable finish;
		java.util.concurrent.ScheduledFuture<?> deadline;
		synchronized (this) {
			finish = this.pendingFinish;
			deadline = this.finishDeadline;
			this.pendingFinish = null;
			this.finishDeadline = null;
		}
		if (deadline != null) {
			deadline.cancel(false);
		}
		if (finish != null) {
			finish.run();
		}
	}

	/**
	 * Finish the run now, or, when model calls or tool executions of it are still open
	 * (a reactive pipeline signals completion downstream before its inner observations
	 * stop, also to a caller that blocks on it), when the last of them ends, so that their
	 * usage is on the run's span.
	 * @param finish what finishes the run
	 */
	void finishWhenOperationsEnd(Runnable finish) {
		finishWhenOperationsEnd(finish, RunEndDeadline.GRACE);
	}

	/**
	 * As {@link #finishWhenOperationsEnd(Runnable)}, ending the run anyway when its open
	 * operations have not all ended within the grace period.
	 * @param finish what finishes the run
	 * @param grace how long to wait for the open operations
	 */
	void finishWhenOperationsEnd(Runnable finish, java.time.Duration grace) {
		synchronized (this) {
			if (this.openOperations.get() > 0) {
				this.pendingFinish = finish;
				this.finishDeadline = RunEndDeadline.schedule(this::runPendingFinish, grace);
				return;
			}
		}
		finish.run();
	}

	/**
	 * Claim the right to finish the run; true exactly once.
	 * @return whether the caller finishes the run
	 */
	boolean claimFinish() {
		return this.finished.compareAndSet(false, true);
	}

	/** The key under which an observation remembers its run. */
	private static final class RunKey {

	}

}
