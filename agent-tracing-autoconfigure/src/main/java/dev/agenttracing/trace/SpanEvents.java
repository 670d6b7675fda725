package dev.agenttracing.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;

/**
 * Events with attributes waiting to be written on an observation's span. A handler that
 * learns something about an operation when it ends (a budget crossed by a model call)
 * adds an event here; the GenAI tracing handler writes it, with the time it was added,
 * before it ends the span. Events added to an observation that has no span are dropped.
 */
public final class SpanEvents {

	private final List<Pending> pending = new ArrayList<>();

	private SpanEvents() {
	}

	/**
	 * Add an event to an observation's span.
	 * @param context the observation's context
	 * @param name the event name
	 * @param attributes its attributes (String, Long/Integer, Double, Boolean or
	 * List&lt;String&gt; values)
	 */
	public static void add(Observation.Context context, String name, Map<String, Object> attributes) {
		SpanEvents events = context.computeIfAbsent(SpanEvents.class, (key) -> new SpanEvents());
		synchronized (events) {
			events.pending.add(new Pending(name, Map.copyOf(attributes), Instant.now()));
		}
	}

	static List<Pending> drain(Observation.Context context) {
		SpanEvents events = context.get(SpanEvents.class);
		if (events == null) {
			return List.of();
		}
		synchronized (events) {
			List<Pending> drained = new ArrayList<>(events.pending);
			events.pending.clear();
			return drained;
		}
	}

	record Pending(String name, Map<String, Object> attributes, Instant time) {
	}

}
