package dev.agenttracing.capture;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Sends captured content to external storage (an object store, a database) and returns a
 * reference that is put on the span as {@code agent.content.ref}: the usual production
 * set-up of the GenAI conventions, where spans stay small and content lives elsewhere.
 * Declare a bean of this type to use it.
 * <p>
 * It receives the content after redaction but before truncation, for every span whose
 * content is captured, whatever the sampling decision. It is called on the thread that
 * ends the operation: hand the upload to your own executor rather than blocking there.
 */
@FunctionalInterface
public interface ContentStore {

	/**
	 * Store the content of one span.
	 * @param traceId the span's trace id
	 * @param spanName the span's name
	 * @param content the content attributes by key, as JSON (or plain text for the
	 * retrieval query)
	 * @return a reference to the stored content, or {@code null} if nothing was stored
	 */
	@Nullable String store(String traceId, String spanName, Map<String, String> content);

}
