package dev.agenttracing.test;

import java.util.List;
import java.util.Objects;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions every span of a run shares: typed attributes, events, kind, status and
 * parent. A failure message names the span and prints the whole run as a tree.
 *
 * @param <SELF> the assertion type
 * @param <ACTUAL> what is asserted on
 */
public abstract class AbstractTraceSpanAssert<SELF extends AbstractTraceSpanAssert<SELF, ACTUAL>, ACTUAL>
		extends AbstractAssert<SELF, ACTUAL> {

	AbstractTraceSpanAssert(ACTUAL actual, Class<?> selfType) {
		super(actual, selfType);
	}

	/** The span asserted on. */
	abstract SpanData span();

	/** The run the span belongs to, printed on failure. */
	abstract AgentRunTrace run();

	/**
	 * The span has this attribute with this value and type. Whole numbers match long
	 * attributes, decimal numbers double attributes, arrays and lists array attributes:
	 * {@code hasAttribute("agent.model_calls", 3)} fails on the string {@code "3"}.
	 * @param key the attribute key
	 * @param expected the value
	 * @return this
	 */
	public SELF hasAttribute(String key, Object expected) {
		isNotNull();
		Object actual = AttributeValues.get(span().getAttributes(), key);
		if (!AttributeValues.matches(actual, expected)) {
			failWithTree("Expected %s to have %s = %s but %s", spanName(), key, AttributeValues.describe(expected),
					(actual != null) ? "it was " + AttributeValues.describe(actual) : "it has no such attribute");
		}
		return this.myself;
	}

	/**
	 * The span has this typed attribute with this value.
	 * @param <T> the attribute's type
	 * @param key the attribute key
	 * @param expected the value
	 * @return this
	 */
	public <T> SELF hasAttribute(AttributeKey<T> key, T expected) {
		isNotNull();
		T actual = span().getAttributes().get(key);
		if (!Objects.equals(actual, expected)) {
			Object untyped = AttributeValues.get(span().getAttributes(), key.getKey());
			failWithTree("Expected %s to have %s = %s but %s", spanName(), key.getKey(),
					AttributeValues.describe(expected),
					(untyped != null) ? "it was " + AttributeValues.describe(untyped) : "it has no such attribute");
		}
		return this.myself;
	}

	/**
	 * The span has a string attribute that contains this text: for content such as
	 * {@code gen_ai.input.messages} or {@code gen_ai.output.messages}.
	 * @param key the attribute key
	 * @param text the text
	 * @return this
	 */
	public SELF hasAttributeContaining(String key, String text) {
		isNotNull();
		Object actual = AttributeValues.get(span().getAttributes(), key);
		if (!(actual instanceof String string) || !string.contains(text)) {
			failWithTree("Expected %s to have %s containing%n  %s%nbut %s", spanName(), key, text,
					(actual != null) ? "it was " + AttributeValues.describe(actual) : "it has no such attribute");
		}
		return this.myself;
	}

	/**
	 * The span has no attribute with this key that contains this text: for content that
	 * must not appear, such as a secret in {@code gen_ai.input.messages}. The span may lack
	 * the attribute altogether.
	 * @param key the attribute key
	 * @param text the text
	 * @return this
	 */
	public SELF doesNotHaveAttributeContaining(String key, String text) {
		isNotNull();
		Object actual = AttributeValues.get(span().getAttributes(), key);
		if (actual instanceof String string && string.contains(text)) {
			failWithTree("Expected %s not to have %s containing%n  %s%nbut it was %s", spanName(), key, text,
					AttributeValues.describe(actual));
		}
		return this.myself;
	}

	/**
	 * The span has no attribute with this key.
	 * @param key the attribute key
	 * @return this
	 */
	public SELF doesNotHaveAttribute(String key) {
		isNotNull();
		Object actual = AttributeValues.get(span().getAttributes(), key);
		if (actual != null) {
			failWithTree("Expected %s to have no %s but it was %s", spanName(), key, AttributeValues.describe(actual));
		}
		return this.myself;
	}

	/**
	 * The span has an event of this name.
	 * @param name the event name
	 * @return this
	 */
	public SELF hasEvent(String name) {
		isNotNull();
		if (events(name).isEmpty()) {
			failWithTree("Expected %s to have an event %s but it has %s", spanName(), name, eventNames());
		}
		return this.myself;
	}

	/**
	 * The span has an event of this name carrying this attribute value (typed as in
	 * {@link #hasAttribute(String, Object)}).
	 * @param name the event name
	 * @param key the event attribute key
	 * @param expected the value
	 * @return this
	 */
	public SELF hasEvent(String name, String key, Object expected) {
		hasEvent(name);
		List<EventData> events = events(name);
		if (events.stream().noneMatch((event) -> AttributeValues.matches(AttributeValues.get(event.getAttributes(), key), expected))) {
			failWithTree("Expected %s to have an event %s with %s = %s but its %s events carry %s", spanName(), name,
					key, AttributeValues.describe(expected), name,
					events.stream().map((event) -> AttributeValues.describe(AttributeValues.get(event.getAttributes(), key))).toList());
		}
		return this.myself;
	}

	/**
	 * The span has no event of this name.
	 * @param name the event name
	 * @return this
	 */
	public SELF doesNotHaveEvent(String name) {
		isNotNull();
		if (!events(name).isEmpty()) {
			failWithTree("Expected %s to have no event %s but it has %s", spanName(), name, eventNames());
		}
		return this.myself;
	}

	/**
	 * The span is of this kind.
	 * @param kind the kind
	 * @return this
	 */
	public SELF hasKind(SpanKind kind) {
		isNotNull();
		if (span().getKind() != kind) {
			failWithTree("Expected %s to be a %s span but it is %s", spanName(), kind, span().getKind());
		}
		return this.myself;
	}

	/**
	 * The span's status code is this one. Successful GenAI spans leave it UNSET.
	 * @param status the status code
	 * @return this
	 */
	public SELF hasStatus(StatusCode status) {
		isNotNull();
		if (span().getStatus().getStatusCode() != status) {
			failWithTree("Expected %s to have status %s but it has %s", spanName(), status,
					span().getStatus().getStatusCode());
		}
		return this.myself;
	}

	/**
	 * The span's parent is a span of this name.
	 * @param spanName the parent's name
	 * @return this
	 */
	public SELF hasParent(String spanName) {
		isNotNull();
		String parent = run().parentOf(span()).map(SpanData::getName).orElse(null);
		if (!spanName.equals(parent)) {
			failWithTree("Expected %s to be a child of %s but %s", spanName(), spanName,
					(parent != null) ? "its parent is " + parent : "its parent was not captured");
		}
		return this.myself;
	}

	/**
	 * Fail with a message (a {@link String#format} pattern) followed by the run's tree.
	 * @param message the message pattern
	 * @param arguments its arguments
	 */
	final void failWithTree(String message, Object... arguments) {
		String text = String.format(message, arguments) + "\n\nin run " + runName(run()) + ":\n" + run().tree();
		failWithMessage("%s", text);
	}

	String spanName() {
		return "span '" + span().getName() + "'";
	}

	static String runName(AgentRunTrace run) {
		return "'" + ((run.agentName() != null) ? run.agentName() : run.span().getName()) + "'";
	}

	private List<EventData> events(String name) {
		return span().getEvents().stream().filter((event) -> event.getName().equals(name)).toList();
	}

	private List<String> eventNames() {
		return span().getEvents().stream().map(EventData::getName).toList();
	}

}
