package dev.agenttracing.propagation;

import org.springframework.util.Assert;

/**
 * Where a message goes: the messaging system ({@code messaging.system}, for example
 * {@code kafka}, {@code rabbitmq}, {@code redis}) and the destination's name
 * ({@code messaging.destination.name}: a topic, a queue, a stream key).
 *
 * @param system the messaging system
 * @param name the destination's name
 */
public record MessagingDestination(String system, String name) {

	public MessagingDestination {
		Assert.hasText(system, "The messaging system must not be empty");
		Assert.hasText(name, "The destination name must not be empty");
	}

	/**
	 * A destination.
	 * @param system the messaging system
	 * @param name the destination's name
	 * @return the destination
	 */
	public static MessagingDestination of(String system, String name) {
		return new MessagingDestination(system, name);
	}

}
