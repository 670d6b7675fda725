package dev.agenttracing.propagation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.BaggageManager;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.InheritedRunContext;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.trace.TracingFailures;

/**
 * The business context of agent runs as W3C baggage. While a run's observation is in
 * scope on a thread, its {@code workflow.run_id}, user, session and conversation (those
 * among the configured keys) are baggage entries of the same name, so that every
 * instrumented client (RestClient, WebClient, message templates, MCP calls) sends them
 * with the trace context. On the receiving side {@link #valueOf(String)} reads them back,
 * as the {@link InheritedRunContext} of a top-level run.
 * <p>
 * Registered as a plain observation handler, it opens its baggage after the tracing
 * handler has put the run's span in scope, and closes it before that scope closes.
 */
public final class RunBaggage implements ObservationHandler<AgentRunObservationContext> {

	private final BaggageManager baggage;

	private final List<String> keys;

	private final TracingFailures failures;

	private final ThreadLocal<Deque<List<BaggageInScope>>> open = ThreadLocal.withInitial(ArrayDeque::new);

	/**
	 * Create it.
	 * @param baggage the tracer's baggage manager
	 * @param keys the business attributes that travel as baggage
	 * @param failures where tracing failures go
	 */
	public RunBaggage(BaggageManager baggage, List<String> keys, TracingFailures failures) {
		this.baggage = baggage;
		this.keys = List.copyOf(keys);
		this.failures = failures;
	}

	/**
	 * The value of one business attribute in the current baggage, if it is one of the
	 * configured keys.
	 * @param attribute the attribute
	 * @return the value, or {@code null}
	 */
	public @Nullable String valueOf(String attribute) {
		if (!this.keys.contains(attribute)) {
			return null;
		}
		io.micrometer.tracing.Baggage entry = this.baggage.getBaggage(attribute);
		return (entry != null) ? entry.get() : null;
	}

	@Override
	public void onScopeOpened(AgentRunObservationContext context) {
		List<BaggageInScope> scopes = new ArrayList<>(this.keys.size());
		try {
			for (Map.Entry<String, String> entry : valuesOf(context).entrySet()) {
				if (this.keys.contains(entry.getKey())) {
					scopes.add(this.baggage.createBaggageInScope(entry.getKey(), entry.getValue()));
				}
			}
		}
		catch (Throwable ex) {
			this.failures.record("run baggage", ex);
		}
		this.open.get().push(scopes);
	}

	@Override
	public void onScopeClosed(AgentRunObservationContext context) {
		Deque<List<BaggageInScope>> stack = this.open.get();
		List<BaggageInScope> scopes = stack.isEmpty() ? List.of() : stack.pop();
		for (int i = scopes.size() - 1; i >= 0; i--) {
			try {
				scopes.get(i).close();
			}
			catch (Throwable ex) {
				this.failures.record("run baggage close", ex);
			}
		}
		if (stack.isEmpty()) {
			this.open.remove();
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof AgentRunObservationContext && !this.keys.isEmpty();
	}

	private static Map<String, String> valuesOf(AgentRunObservationContext run) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put(AgentAttributes.WORKFLOW_RUN_ID.getKey(), run.getRunId());
		putIfPresent(values, AgentAttributes.USER_ID.getKey(), run.getUserId());
		putIfPresent(values, AgentAttributes.SESSION_ID.getKey(), run.getSessionId());
		putIfPresent(values, GenAiAttributes.CONVERSATION_ID.getKey(), run.getConversationId());
		return values;
	}

	private static void putIfPresent(Map<String, String> values, String key, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			values.put(key, value);
		}
	}

}
