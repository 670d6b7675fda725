package dev.agenttracing.trace;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The low-cardinality {@code error.type} of an exception: the class name of the failure
 * that matters, never a message. Wrappers that only carry another exception are looked
 * through.
 */
public final class ErrorTypes {

	private ErrorTypes() {
	}

	/**
	 * The error type of a failure.
	 * @param error the failure
	 * @return the fully-qualified class name of the cause that matters
	 */
	public static String of(Throwable error) {
		return rootOfWrappers(error).getClass().getName();
	}

	/**
	 * The failure behind wrapper exceptions ({@code CompletionException},
	 * {@code ExecutionException}, reflection wrappers, Spring AI's
	 * {@code ToolExecutionException}).
	 * @param error the failure
	 * @return the wrapped failure, or {@code error} itself
	 */
	public static Throwable rootOfWrappers(Throwable error) {
		Throwable current = error;
		for (int depth = 0; depth < 8; depth++) {
			Throwable cause = current.getCause();
			if (cause == null || cause == current || !isWrapper(current)) {
				return current;
			}
			current = cause;
		}
		return current;
	}

	private static boolean isWrapper(Throwable error) {
		return error instanceof CompletionException || error instanceof ExecutionException
				|| error instanceof InvocationTargetException || error instanceof UndeclaredThrowableException
				|| error.getClass().getName().equals("org.springframework.ai.tool.execution.ToolExecutionException");
	}

}
