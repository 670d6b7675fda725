package dev.agenttracing.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.slf4j.MDC;

/**
 * Puts the {@code workflow.run_id} in the logging MDC while a run's observation is in
 * scope on a thread, and restores what was there before when the scope closes. Because
 * it follows observation scopes, the id also follows a run onto the threads Micrometer's
 * context propagation carries it to.
 */
public final class WorkflowRunIdMdcHandler implements ObservationHandler<AgentRunObservationContext> {

	private final String key;

	private final ThreadLocal<Deque<Optional<String>>> previous = ThreadLocal.withInitial(ArrayDeque::new);

	/**
	 * Create the handler.
	 * @param key the MDC key
	 */
	public WorkflowRunIdMdcHandler(String key) {
		this.key = key;
	}

	@Override
	public void onScopeOpened(AgentRunObservationContext context) {
		this.previous.get().push(Optional.ofNullable(MDC.get(this.key)));
		MDC.put(this.key, context.getRunId());
	}

	@Override
	public void onScopeClosed(AgentRunObservationContext context) {
		Deque<Optional<String>> stack = this.previous.get();
		Optional<String> before = stack.isEmpty() ? Optional.empty() : stack.pop();
		if (before.isPresent()) {
			MDC.put(this.key, before.get());
		}
		else {
			MDC.remove(this.key);
		}
		if (stack.isEmpty()) {
			this.previous.remove();
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof AgentRunObservationContext && !this.key.isBlank();
	}

}
