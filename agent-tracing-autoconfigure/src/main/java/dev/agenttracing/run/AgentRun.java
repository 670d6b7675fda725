package dev.agenttracing.run;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that runs an agent. Each call becomes an
 * {@code invoke_agent {name}} span (kind INTERNAL) that holds the model calls and tool
 * executions of the run; an {@code @AgentRun} method called inside another is a
 * sub-agent, a child span of the same trace with the same {@code workflow.run_id}.
 * <p>
 * Business context comes from the arguments: either annotate parameters with
 * {@link ConversationId}, {@link UserId}, {@link SessionId} or {@link AgentTag}, or give
 * SpEL expressions over the arguments here (for example
 * {@code userId = "#ticket.customerId"}). A parameter annotation wins over an
 * expression; a nested run inherits what it does not set from the run around it.
 * <p>
 * The method is intercepted through a Spring AOP proxy, so it must be called on the bean
 * (not from inside the same class) and must not be {@code private} or {@code final}.
 * Methods returning {@code CompletionStage}, {@code Mono} or {@code Flux} end their span
 * when the result completes, fails or is cancelled.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AgentRun {

	/**
	 * The agent's name ({@code gen_ai.agent.name}); low cardinality. Defaults to the simple
	 * name of the bean's class.
	 * @return the agent name
	 */
	String name() default "";

	/**
	 * Free-form description of the agent ({@code gen_ai.agent.description}).
	 * @return the description
	 */
	String description() default "";

	/**
	 * SpEL expression over the method arguments giving {@code gen_ai.conversation.id}.
	 * @return the expression, empty for none
	 */
	String conversationId() default "";

	/**
	 * SpEL expression over the method arguments giving {@code user.id}.
	 * @return the expression, empty for none
	 */
	String userId() default "";

	/**
	 * SpEL expression over the method arguments giving {@code session.id}.
	 * @return the expression, empty for none
	 */
	String sessionId() default "";

	/**
	 * Extra span attributes as {@code "key=SpEL expression"}, for example
	 * {@code "ticket.priority=#ticket.priority"}. They go on the span only, never on
	 * metrics.
	 * @return the tag declarations
	 */
	String[] tags() default {};

}
