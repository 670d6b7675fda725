package dev.agenttracing.run;

import org.jspecify.annotations.Nullable;

/**
 * The business context a top-level run inherits from its caller when it has none of its
 * own: a run started by a request or a message from another service takes that
 * service's {@code workflow.run_id}, user, session and conversation. A value the run
 * gets from its own annotation or arguments, or from an enclosing run in the same
 * process, always wins.
 * <p>
 * agent-tracing's propagation support implements it with W3C baggage; declare a bean of
 * this type to read the caller's context from somewhere else.
 */
@FunctionalInterface
public interface InheritedRunContext {

	/** Nothing is inherited. */
	InheritedRunContext NONE = (key) -> null;

	/**
	 * The inherited value of one business attribute.
	 * @param attribute the span attribute the value is for: {@code workflow.run_id},
	 * {@code user.id}, {@code session.id} or {@code gen_ai.conversation.id}
	 * @return the value, or {@code null} when the caller sent none
	 */
	@Nullable String valueOf(String attribute);

}
