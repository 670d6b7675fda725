package dev.agenttracing.tool;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.agenttracing.trace.ErrorTypes;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Wraps Spring AI's {@link ToolExecutionExceptionProcessor} so that a tool failure the
 * processor turns into a message for the model still marks the tool's span as failed.
 * What the processor returns or throws is unchanged.
 */
public final class ToolFailureRecordingProcessor implements ToolExecutionExceptionProcessor {

	private final ToolExecutionExceptionProcessor delegate;

	private final ObjectProvider<ObservationRegistry> registry;

	private final TracingFailures failures;

	/**
	 * Wrap a processor.
	 * @param delegate the processor that decides what the model sees
	 * @param registry the observation registry, looked up lazily
	 * @param failures where tracing failures go
	 */
	public ToolFailureRecordingProcessor(ToolExecutionExceptionProcessor delegate,
			ObjectProvider<ObservationRegistry> registry, TracingFailures failures) {
		this.delegate = delegate;
		this.registry = registry;
		this.failures = failures;
	}

	@Override
	public String process(ToolExecutionException exception) {
		try {
			ObservationRegistry registry = this.registry.getIfAvailable();
			Observation current = (registry != null) ? registry.getCurrentObservation() : null;
			if (current != null && current.getContext() instanceof ToolCallingObservationContext) {
				current.error(ErrorTypes.rootOfWrappers(exception));
			}
		}
		catch (Throwable ex) {
			this.failures.record("tool failure recording", ex);
		}
		return this.delegate.process(exception);
	}

	/**
	 * The processor this one wraps.
	 * @return the delegate
	 */
	public ToolExecutionExceptionProcessor getDelegate() {
		return this.delegate;
	}

}
