package dev.agenttracing.run;

import java.util.Map;

import io.micrometer.observation.Observation;

/**
 * An event of an agent run with attributes (Micrometer's own events carry none): the GenAI
 * tracing handler writes it on the run's span with its attributes.
 *
 * @param name the event name
 * @param attributes its attributes (String, Long/Integer, Double, Boolean or
 * List&lt;String&gt; values)
 */
public record AgentEvent(String name, Map<String, Object> attributes) implements Observation.Event {

	public AgentEvent {
		attributes = Map.copyOf(attributes);
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName() {
		return this.name;
	}

}
