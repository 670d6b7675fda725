package dev.agenttracing.trace;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.execution.ToolExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTypesTests {

	@Test
	void errorTypeIsTheClassNameNeverTheMessage() {
		assertThat(ErrorTypes.of(new IllegalStateException("customer 42 not found")))
			.isEqualTo("java.lang.IllegalStateException");
	}

	@Test
	void wrappersAreLookedThrough() {
		IllegalArgumentException cause = new IllegalArgumentException("bad");
		assertThat(ErrorTypes.rootOfWrappers(new CompletionException(new ExecutionException(cause)))).isSameAs(cause);
		assertThat(ErrorTypes.rootOfWrappers(new InvocationTargetException(cause))).isSameAs(cause);
		ToolExecutionException tool = new ToolExecutionException(
				DefaultToolDefinition.builder().name("t").description("d").inputSchema("{}").build(), cause);
		assertThat(ErrorTypes.of(tool)).isEqualTo("java.lang.IllegalArgumentException");
	}

	@Test
	void anExceptionThatIsItsOwnCauseDoesNotLoop() {
		RuntimeException odd = new CompletionException((Throwable) null) {
			@Override
			public synchronized Throwable getCause() {
				return this;
			}
		};
		assertThat(ErrorTypes.rootOfWrappers(odd)).isSameAs(odd);
	}

}
