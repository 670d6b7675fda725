package dev.agenttracing.capture;

import dev.agenttracing.text.TruncatedContent;
import dev.agenttracing.text.ContentTruncator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.agenttracing.redaction.RedactionResult;
import dev.agenttracing.redaction.Redactor;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.trace.SpanAttributes;
import dev.agenttracing.trace.TracingFailures;

/**
 * Puts captured content on spans, safely: every value goes through the {@link Redactor},
 * then through truncation that keeps JSON valid, and the span says how many values were
 * redacted ({@code agent.content.redactions}) and whether anything was cut
 * ({@code agent.content.truncated}). Content is only built when capture is on for the
 * operation, and a failure while capturing drops the content, never the span or the
 * agent's work.
 */
public final class ContentCapture {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CaptureSettings settings;

	private final Redactor redactor;

	private final ContentTruncator truncator;

	private final ContentSerializer serializer;

	private final @Nullable ContentStore store;

	private final TracingFailures failures;

	/**
	 * Create the capture.
	 * @param settings what is captured
	 * @param redactor the redactor every value goes through
	 * @param truncator the size limit of each attribute
	 * @param serializer how Java objects (tool arguments and results) become JSON
	 * @param store where full content goes, if anywhere
	 * @param failures where capture failures go
	 */
	public ContentCapture(CaptureSettings settings, Redactor redactor, ContentTruncator truncator,
			ContentSerializer serializer, @Nullable ContentStore store, TracingFailures failures) {
		this.settings = settings;
		this.redactor = redactor;
		this.truncator = truncator;
		this.serializer = serializer;
		this.store = store;
		this.failures = failures;
	}

	/**
	 * Capture that captures nothing.
	 * @return capture switched off
	 */
	public static ContentCapture off() {
		return new ContentCapture(CaptureSettings.OFF, Redactor.none(), ContentTruncator.create(1024),
				ContentSerializer.create(1024), null, new TracingFailures());
	}

	/**
	 * Whether content is captured for an operation.
	 * @param agent its run's agent, if any
	 * @param tool its tool, if any
	 * @return whether to build and record content
	 */
	public boolean enabledFor(@Nullable String agent, @Nullable String tool) {
		return this.settings.enabledFor(agent, tool);
	}

	/**
	 * Whether model-call content goes to the inference details event.
	 * @return whether to write the event
	 */
	boolean toEvent() {
		return this.settings.destination() != ContentDestination.ATTRIBUTES;
	}

	/**
	 * Whether model-call content goes to span attributes.
	 * @return whether to write attributes
	 */
	boolean toAttributes() {
		return this.settings.destination() != ContentDestination.EVENT;
	}

	/**
	 * A JSON node for text that may be JSON (tool arguments and results): parsed when it
	 * is JSON, a JSON string otherwise.
	 * @param text the text
	 * @return the node
	 */
	public JsonNode jsonOf(@Nullable String text) {
		if (text == null) {
			return JsonNodeFactory.instance.nullNode();
		}
		String trimmed = text.strip();
		if (!trimmed.isEmpty() && "{[\"".indexOf(trimmed.charAt(0)) >= 0) {
			try {
				return JSON.readTree(trimmed);
			}
			catch (RuntimeException ex) {
				// Not JSON after all: keep it as text.
			}
		}
		return JsonNodeFactory.instance.stringNode(text);
	}

	/**
	 * A JSON node for a Java object (arguments and results of tool methods): never fails,
	 * whatever the object (cycles, streams, throwing getters).
	 * @param value the object
	 * @return the node
	 */
	public JsonNode jsonOfObject(@Nullable Object value) {
		return jsonOf(this.serializer.toJson(value));
	}

	/**
	 * Start collecting the content of one span.
	 * @param traceId the span's trace id (for the external store)
	 * @param spanName the span's name (for the external store)
	 * @param inference whether the span is a model call, whose content may go to an event
	 * @return the collector
	 */
	public Content content(String traceId, String spanName, boolean inference) {
		return new Content(traceId, spanName, inference);
	}

	/**
	 * The content of one span, written in one go.
	 */
	public final class Content {

		private final String traceId;

		private final String spanName;

		private final boolean inference;

		private final Map<AttributeKey<String>, JsonNode> json = new LinkedHashMap<>();

		private final Map<AttributeKey<String>, String> text = new LinkedHashMap<>();

		private Content(String traceId, String spanName, boolean inference) {
			this.traceId = traceId;
			this.spanName = spanName;
			this.inference = inference;
		}

		/**
		 * Add a JSON attribute.
		 * @param key the attribute
		 * @param value its value, nothing when {@code null}
		 * @return this
		 */
		public Content json(AttributeKey<String> key, @Nullable JsonNode value) {
			if (value != null) {
				this.json.put(key, value);
			}
			return this;
		}

		/**
		 * Add a plain-text attribute.
		 * @param key the attribute
		 * @param value its value, nothing when {@code null}
		 * @return this
		 */
		public Content text(AttributeKey<String> key, @Nullable String value) {
			if (value != null) {
				this.text.put(key, value);
			}
			return this;
		}

		/**
		 * Redact, truncate and write the content on the span.
		 * @param span the span's attributes
		 */
		public void writeTo(SpanAttributes span) {
			if (this.json.isEmpty() && this.text.isEmpty()) {
				return;
			}
			try {
				write(span);
			}
			catch (Throwable ex) {
				ContentCapture.this.failures.record("content capture", ex);
			}
		}

		private void write(SpanAttributes span) {
			long redactions = 0;
			boolean truncated = false;
			Map<AttributeKey<String>, String> values = new LinkedHashMap<>();
			Map<String, String> full = new LinkedHashMap<>();
			for (Map.Entry<AttributeKey<String>, JsonNode> entry : this.json.entrySet()) {
				RedactionResult redacted = ContentCapture.this.redactor
					.redactJson(JSON.writeValueAsString(entry.getValue()));
				redactions += redacted.total();
				TruncatedContent cut = ContentCapture.this.truncator.truncateJson(redacted.value());
				truncated |= cut.truncated();
				values.put(entry.getKey(), cut.value());
				full.put(entry.getKey().getKey(), redacted.value());
			}
			for (Map.Entry<AttributeKey<String>, String> entry : this.text.entrySet()) {
				RedactionResult redacted = ContentCapture.this.redactor.redactText(entry.getValue());
				redactions += redacted.total();
				TruncatedContent cut = ContentCapture.this.truncator.truncateText(redacted.value());
				truncated |= cut.truncated();
				values.put(entry.getKey(), cut.value());
				full.put(entry.getKey().getKey(), redacted.value());
			}
			ContentStore store = ContentCapture.this.store;
			if (store != null) {
				span.put(AgentAttributes.CONTENT_REF, store.store(this.traceId, this.spanName, full));
			}
			boolean event = this.inference && toEvent();
			if (event) {
				AttributesBuilder attributes = Attributes.builder();
				values.forEach(attributes::put);
				span.event(GenAiAttributes.INFERENCE_DETAILS_EVENT, attributes.build());
			}
			if (!event || toAttributes()) {
				values.forEach(span::put);
			}
			span.put(AgentAttributes.CONTENT_REDACTIONS, redactions);
			if (truncated) {
				span.put(AgentAttributes.CONTENT_TRUNCATED, true);
			}
		}

	}

}
