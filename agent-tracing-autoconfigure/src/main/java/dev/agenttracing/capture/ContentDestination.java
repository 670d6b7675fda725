package dev.agenttracing.capture;

/**
 * Where a model call's captured content goes.
 */
public enum ContentDestination {

	/** Span attributes ({@code gen_ai.input.messages}, ...). */
	ATTRIBUTES,

	/**
	 * A {@code gen_ai.client.inference.operation.details} span event carrying the same
	 * attributes; tool and retrieval content, which that event does not cover, stays on
	 * the span.
	 */
	EVENT,

	/** Both. */
	BOTH

}
