package dev.agenttracing.tool;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.GenAiOperations;
import dev.agenttracing.trace.ErrorTypes;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * Traces {@link AgentTool} methods: inside a framework's tool execution it marks that
 * execution failed when the method throws; elsewhere it observes the call as a tool
 * execution of its own. The method's result or exception passes through unchanged.
 */
public final class AgentToolInterceptor implements MethodInterceptor {

	private final Supplier<ObservationRegistry> registry;

	private final FrameworkToolSpans frameworkToolSpans;

	private final TracingFailures failures;

	/**
	 * Create the interceptor.
	 * @param registry the observation registry, looked up when first needed and then kept
	 * (an {@code ObjectProvider} lookup resolves the dependency anew on every call)
	 * @param frameworkToolSpans recognises framework tool executions
	 * @param failures where tracing failures go
	 */
	public AgentToolInterceptor(ObjectProvider<ObservationRegistry> registry, FrameworkToolSpans frameworkToolSpans,
			TracingFailures failures) {
		this.registry = SingletonSupplier.of(() -> registry.getIfAvailable(() -> ObservationRegistry.NOOP));
		this.frameworkToolSpans = frameworkToolSpans;
		this.failures = failures;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Observation enclosingTool;
		Observation observation;
		try {
			ObservationRegistry registry = this.registry.get();
			if (registry.isNoop()) {
				return invocation.proceed();
			}
			enclosingTool = unclaimedFrameworkTool(registry.getCurrentObservation());
			if (enclosingTool == null) {
				Method method = (invocation.getThis() != null)
						? AopUtils.getMostSpecificMethod(invocation.getMethod(), invocation.getThis().getClass())
						: invocation.getMethod();
				AgentToolObservationContext context = new AgentToolObservationContext(ToolMethods.name(method),
						ToolMethods.description(method), GenAiOperations.TOOL_TYPE_FUNCTION,
						ToolMethods.arguments(method, invocation.getArguments()));
				observation = AgentToolObservationDocumentation.AGENT_TOOL
					.observation(null, new AgentToolObservationDocumentation.DefaultConvention(), () -> context,
							registry)
					.start();
			}
			else {
				observation = null;
			}
		}
		catch (Throwable ex) {
			this.failures.record("agent tool start", ex);
			return invocation.proceed();
		}
		if (observation == null) {
			try {
				return invocation.proceed();
			}
			catch (Throwable ex) {
				markFailed(enclosingTool, ex);
				throw ex;
			}
		}
		try (Observation.Scope scope = observation.openScope()) {
			Object result = invocation.proceed();
			if (observation.getContext() instanceof AgentToolObservationContext context) {
				context.setResult(result);
			}
			return result;
		}
		catch (Throwable ex) {
			markFailed(observation, ex);
			throw ex;
		}
		finally {
			try {
				observation.stop();
			}
			catch (Throwable ex) {
				this.failures.record("agent tool stop", ex);
			}
		}
	}

	/**
	 * The framework tool execution this call is the body of: the current observation, if
	 * it is a framework tool execution no other {@code @AgentTool} call has claimed yet.
	 * A nested {@code @AgentTool} call gets a span of its own.
	 */
	private @Nullable Observation unclaimedFrameworkTool(@Nullable Observation current) {
		if (current == null || this.frameworkToolSpans.toolNameOf(current.getContext()) == null) {
			return null;
		}
		AtomicBoolean claimed = current.getContext().computeIfAbsent(Claim.class, (key) -> new Claim()).claimed;
		return claimed.compareAndSet(false, true) ? current : null;
	}

	private void markFailed(Observation observation, Throwable error) {
		try {
			observation.error(ErrorTypes.rootOfWrappers(error));
		}
		catch (Throwable ex) {
			this.failures.record("agent tool error", ex);
		}
	}

	private static final class Claim {

		private final AtomicBoolean claimed = new AtomicBoolean();

	}

}
