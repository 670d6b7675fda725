package dev.agenttracing.redaction;

import org.jspecify.annotations.Nullable;

/**
 * Removes personal data and secrets from content before it is recorded on a span.
 * <p>
 * The default, {@link DefaultRedactor}, is configured from a {@link RedactionConfig}.
 * Declare a bean of this type to replace it, or to extend it:
 * {@code DefaultRedactor.create(config).andThen(myRedactor)}.
 * <p>
 * Implementations must be thread-safe, must not throw (content that cannot be redacted is
 * replaced, never passed through), and should take time linear in the input.
 */
public interface Redactor {

	/**
	 * Redact plain text (a prompt, a completion, a tool result that is not JSON).
	 * @param text the text, or {@code null}
	 * @return the redacted text and what was redacted
	 */
	RedactionResult redactText(@Nullable String text);

	/**
	 * Redact a JSON document (messages, tool arguments), keeping it valid JSON: values are
	 * redacted inside strings, and object fields with sensitive names are masked whole.
	 * Input that is not valid JSON is redacted as text.
	 * @param json the document, or {@code null}
	 * @return the redacted document and what was redacted
	 */
	RedactionResult redactJson(@Nullable String json);

	/**
	 * A redactor that applies this one, then another on its output. The counts of both
	 * are added.
	 * @param next the redactor applied second
	 * @return the combined redactor
	 */
	default Redactor andThen(Redactor next) {
		Redactor first = this;
		return new Redactor() {

			@Override
			public RedactionResult redactText(@Nullable String text) {
				RedactionResult result = first.redactText(text);
				return result.followedBy(next.redactText(result.value()));
			}

			@Override
			public RedactionResult redactJson(@Nullable String json) {
				RedactionResult result = first.redactJson(json);
				return result.followedBy(next.redactJson(result.value()));
			}

		};
	}

	/**
	 * A redactor that changes nothing, for when content is captured without redaction.
	 * @return the redactor
	 */
	static Redactor none() {
		return new Redactor() {

			@Override
			public RedactionResult redactText(@Nullable String text) {
				return RedactionResult.unchanged((text != null) ? text : "");
			}

			@Override
			public RedactionResult redactJson(@Nullable String json) {
				return RedactionResult.unchanged((json != null) ? json : "null");
			}

		};
	}

}
