package dev.agenttracing.propagation;

/**
 * The OpenTelemetry messaging attribute keys and values the message spans carry (all
 * strings).
 */
public final class MessagingAttributes {

	public static final String SYSTEM = "messaging.system";

	public static final String DESTINATION_NAME = "messaging.destination.name";

	public static final String OPERATION_TYPE = "messaging.operation.type";

	public static final String OPERATION_NAME = "messaging.operation.name";

	/** {@code messaging.operation.type} of the span that sends a message. */
	public static final String SEND = "send";

	/** {@code messaging.operation.type} of the span that processes a received message. */
	public static final String PROCESS = "process";

	private MessagingAttributes() {
	}

}
