package dev.agenttracing.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a tool method of an agent. It may also be a Spring AI {@code @Tool} method.
 * <ul>
 * <li>Executed by Spring AI's tool calling, the method already runs inside Spring AI's
 * tool span: agent-tracing turns that span into the {@code execute_tool {name}} span and
 * this annotation only makes sure a failure of the method marks it as an error, even
 * when Spring AI hands the model the error text instead of throwing.</li>
 * <li>Called directly (a hand-written ReAct loop), the method gets an
 * {@code execute_tool {name}} span of its own.</li>
 * </ul>
 * The method is intercepted through a Spring AOP proxy, so it must be called on the bean.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AgentTool {

	/**
	 * The tool name ({@code gen_ai.tool.name}). Defaults to the Spring AI {@code @Tool}
	 * name when there is one, else the method name.
	 * @return the name
	 */
	String name() default "";

	/**
	 * The tool description ({@code gen_ai.tool.description}). Defaults to the Spring AI
	 * {@code @Tool} description when there is one.
	 * @return the description
	 */
	String description() default "";

}
