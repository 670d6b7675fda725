package dev.agenttracing.run;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a parameter of an {@link AgentRun} method: its value (through {@code toString()})
 * becomes a string attribute of the run's span under the given key. Span only, never a
 * metric tag.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AgentTag {

	/**
	 * The attribute key.
	 * @return the key
	 */
	String value();

}
