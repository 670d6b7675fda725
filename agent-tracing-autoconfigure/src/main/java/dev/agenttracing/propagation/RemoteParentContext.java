package dev.agenttracing.propagation;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * An operation that continues a trace from a context carried in a map of string entries
 * (message headers, an MCP request's {@code params._meta}). Its span is the child of
 * that remote context, and links the span that was current where the operation started
 * (the transport's own context, a poller's span) when there is one.
 */
public class RemoteParentContext extends ReceiverContext<Map<String, ?>> {

	/**
	 * Create it.
	 * @param carrier the entries that carry the remote context
	 * @param kind the span kind ({@code CONSUMER}, {@code SERVER})
	 */
	public RemoteParentContext(Map<String, ?> carrier, Kind kind) {
		super(RemoteParentContext::entry, kind);
		setCarrier(carrier);
	}

	private static String entry(Map<String, ?> carrier, String key) {
		Object value = carrier.get(key);
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return (value != null) ? value.toString() : null;
	}

}
