package dev.agenttracing.propagation;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * Carries the trace through a message broker that has no instrumentation of its own
 * (Redis Streams, a database queue, a file drop): the producer sends inside a
 * {@code send {destination}} PRODUCER span whose context (W3C {@code traceparent},
 * {@code tracestate} and {@code baggage}, with the run's business context) is written
 * into the message's headers; the consumer processes inside a
 * {@code process {destination}} CONSUMER span that continues the trace from those
 * headers, so an agent that picks the message up joins the sender's trace, under the
 * sender's span.
 * <pre class="code">
 * Map&lt;String, String&gt; headers = new HashMap&lt;&gt;();
 * messages.send(WORK, headers, () -&gt; queue.add(payload, headers));
 * // elsewhere, maybe in another service
 * messages.process(WORK, message.headers(), () -&gt; agent.handle(message.payload()));
 * </pre>
 * Spring's {@code MessageHeaders} are a map and work as they are on the consumer side.
 */
public class MessageTracing {

	private final ObservationRegistry registry;

	/**
	 * Create it.
	 * @param registry the observation registry
	 */
	public MessageTracing(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Send a message inside a PRODUCER span. The trace context is written into
	 * {@code headers} before {@code send} runs: build the message from them there.
	 * @param destination where the message goes
	 * @param headers the message's headers, written to
	 * @param send what sends the message
	 * @param <T> what sending returns
	 * @return what {@code send} returned
	 */
	public <T> @Nullable T send(MessagingDestination destination, Map<String, String> headers, Supplier<T> send) {
		SenderContext<Map<String, String>> context = new SenderContext<>(Map::put, Kind.PRODUCER);
		context.setCarrier(headers);
		context.setRemoteServiceName(destination.system());
		return observation("messaging.send", MessagingAttributes.SEND, destination, context).observe(send);
	}

	/**
	 * Send a message inside a PRODUCER span.
	 * @param destination where the message goes
	 * @param headers the message's headers, written to
	 * @param send what sends the message
	 */
	public void send(MessagingDestination destination, Map<String, String> headers, Runnable send) {
		send(destination, headers, () -> {
			send.run();
			return null;
		});
	}

	/**
	 * Process a received message inside a CONSUMER span that continues the trace of its
	 * sender. Agent runs inside it join that trace and inherit the sender's run id,
	 * user, session and conversation from the baggage.
	 * @param destination where the message came from
	 * @param headers the message's headers (plain strings, byte arrays, or any map such as
	 * Spring's {@code MessageHeaders})
	 * @param process what processes the message
	 * @param <T> what processing returns
	 * @return what {@code process} returned
	 */
	public <T> @Nullable T process(MessagingDestination destination, Map<String, ?> headers, Supplier<T> process) {
		RemoteParentContext context = new RemoteParentContext(headers, Kind.CONSUMER);
		context.setRemoteServiceName(destination.system());
		return observation("messaging.process", MessagingAttributes.PROCESS, destination, context).observe(process);
	}

	/**
	 * Process a received message inside a CONSUMER span that continues the trace of its
	 * sender.
	 * @param destination where the message came from
	 * @param headers the message's headers
	 * @param process what processes the message
	 */
	public void process(MessagingDestination destination, Map<String, ?> headers, Runnable process) {
		process(destination, headers, () -> {
			process.run();
			return null;
		});
	}

	private Observation observation(String name, String operation, MessagingDestination destination,
			Observation.Context context) {
		return Observation.createNotStarted(name, () -> context, this.registry)
			.contextualName(operation + " " + destination.name())
			.lowCardinalityKeyValue(MessagingAttributes.SYSTEM, destination.system())
			.lowCardinalityKeyValue(MessagingAttributes.DESTINATION_NAME, destination.name())
			.lowCardinalityKeyValue(MessagingAttributes.OPERATION_TYPE, operation)
			.lowCardinalityKeyValue(MessagingAttributes.OPERATION_NAME, operation);
	}

}
