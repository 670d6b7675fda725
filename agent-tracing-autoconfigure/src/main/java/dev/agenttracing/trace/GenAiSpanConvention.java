package dev.agenttracing.trace;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import org.jspecify.annotations.Nullable;

/**
 * How one kind of observation becomes a GenAI span: its kind, its name and its typed
 * attributes. Implementations know where to read the facts (Spring AI's contexts, ours);
 * the attribute keys they write come from the {@code semconv} package.
 *
 * @param <C> the observation context type
 */
public interface GenAiSpanConvention<C extends Observation.Context> {

	/**
	 * The context type this convention turns into spans.
	 * @return the context type
	 */
	Class<C> contextType();

	/**
	 * Whether this convention handles the given context; by default any instance of
	 * {@link #contextType()}.
	 * @param context the context
	 * @return whether it is handled
	 */
	default boolean supports(Observation.Context context) {
		return contextType().isInstance(context);
	}

	/**
	 * The kind of the span, fixed at its creation.
	 * @param context the context
	 * @return the span kind, {@code null} for INTERNAL (Micrometer has no constant for it)
	 */
	Span.@Nullable Kind spanKind(C context);

	/**
	 * The span's name.
	 * @param context the context
	 * @return the name
	 */
	String spanName(C context);

	/**
	 * Attributes known when the operation starts (the sampling-relevant ones among them).
	 * @param context the context
	 * @param attributes where to write
	 */
	void onStart(C context, SpanAttributes attributes);

	/**
	 * Attributes and events known when the operation ends; the span is still open.
	 * @param context the context
	 * @param attributes where to write
	 */
	void onStop(C context, SpanAttributes attributes);

	/**
	 * The low-cardinality {@code error.type} for a failure of this operation.
	 * @param context the context
	 * @param error the failure
	 * @return the error type
	 */
	default String errorType(C context, Throwable error) {
		return ErrorTypes.of(error);
	}

	/**
	 * Whether a string key-value of the observation (from its observation convention or
	 * an {@code ObservationFilter}) is copied onto the span as well. Conventions for
	 * Spring AI's observations leave out Spring AI's own keys, which follow an older
	 * dialect of the conventions and are replaced by typed attributes.
	 * @param key the key
	 * @return whether to copy it
	 */
	default boolean copiesKeyValue(String key) {
		return true;
	}

}
