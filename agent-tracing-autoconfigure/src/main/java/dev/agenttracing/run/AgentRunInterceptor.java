package dev.agenttracing.run;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.budget.BudgetGuard;
import dev.agenttracing.trace.ErrorTypes;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Runs each {@link AgentRun} method inside an agent run observation. The method's return
 * value or exception passes through unchanged; a failure of the tracing itself is
 * recorded and the method runs untraced.
 */
public final class AgentRunInterceptor implements MethodInterceptor {

	private static final String BUDGET_EXCEPTION = "dev.agenttracing.budget.AgentBudgetExceededException";

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			AgentRunInterceptor.class.getClassLoader());

	private final Supplier<ObservationRegistry> registry;

	private final Supplier<Optional<AgentRunObservationConvention>> convention;

	private final Supplier<Optional<AgentOutcomeResolver>> outcomeResolver;

	private final RunContextFactory contextFactory;

	private final TracingFailures failures;

	private final Supplier<Optional<BudgetGuard>> budgets;

	/**
	 * Create the interceptor. Its collaborators are looked up when first needed (the
	 * interceptor is created with the proxy infrastructure, before them) and then kept: an
	 * {@code ObjectProvider} lookup resolves the dependency anew on every call, which would
	 * cost more than the rest of the tracing of a run.
	 * @param registry the observation registry
	 * @param convention a custom convention, if any
	 * @param outcomeResolver the outcome resolver
	 * @param runIdGenerator the run id generator (the default when none is available)
	 * @param inherited what a top-level run inherits from its caller (nothing when none is
	 * available)
	 * @param budgets checks a run's budgets when it ends
	 * @param failures where tracing failures go
	 */
	public AgentRunInterceptor(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<AgentRunObservationConvention> convention, ObjectProvider<AgentOutcomeResolver> outcomeResolver,
			ObjectProvider<RunIdGenerator> runIdGenerator, @Nullable ObjectProvider<InheritedRunContext> inherited,
			ObjectProvider<BudgetGuard> budgets, TracingFailures failures) {
		this.budgets = SingletonSupplier.of(() -> Optional.ofNullable(budgets.getIfAvailable()));
		this.registry = SingletonSupplier.of(() -> registry.getIfAvailable(() -> ObservationRegistry.NOOP));
		this.convention = SingletonSupplier.of(() -> Optional.ofNullable(convention.getIfAvailable()));
		this.outcomeResolver = SingletonSupplier.of(() -> Optional.ofNullable(outcomeResolver.getIfAvailable()));
		this.contextFactory = new RunContextFactory(
				SingletonSupplier.of(() -> runIdGenerator.getIfAvailable(() -> RunIdGenerator.RANDOM_UUID)),
				SingletonSupplier.of(() -> (inherited != null)
						? inherited.getIfAvailable(() -> InheritedRunContext.NONE) : InheritedRunContext.NONE),
				failures);
		this.failures = failures;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Observation observation;
		AgentRunObservationContext context;
		try {
			ObservationRegistry registry = this.registry.get();
			AgentRun annotation = AnnotatedElementUtils.findMergedAnnotation(invocation.getMethod(), AgentRun.class);
			if (registry.isNoop() || annotation == null) {
				return invocation.proceed();
			}
			Observation current = registry.getCurrentObservation();
			AgentRunObservationContext enclosing = AgentRunObservationContext
				.enclosing((current != null) ? current.getContextView() : null)
				.orElse(null);
			// Looked up now, while the application context is surely open: a run still in
			// flight when it closes ends after it, when no bean can be created any more.
			this.outcomeResolver.get();
			this.budgets.get();
			context = this.contextFactory.create(invocation, annotation, enclosing);
			AgentRunObservationContext created = context;
			observation = AgentRunObservationDocumentation.AGENT_RUN.observation(this.convention.get().orElse(null),
					new DefaultAgentRunObservationConvention(), () -> created, registry);
			created.observedBy(observation);
			observation.start();
		}
		catch (Throwable ex) {
			this.failures.record("agent run start", ex);
			return invocation.proceed();
		}
		Object result;
		try (Observation.Scope scope = observation.openScope()) {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			finishWhenQuiet(observation, context, ex);
			throw ex;
		}
		return whenDone(observation, context, result);
	}

	private @Nullable Object whenDone(Observation observation, AgentRunObservationContext context,
			@Nullable Object result) {
		try {
			if (result instanceof CompletionStage<?> stage) {
				stage.whenComplete((value, error) -> finishWhenQuiet(observation, context, error));
				return result;
			}
			if (REACTOR_PRESENT && ReactiveRuns.isReactive(result)) {
				return ReactiveRuns.observe(result, observation,
						(error) -> finishWhenQuiet(observation, context, error));
			}
		}
		catch (Throwable ex) {
			this.failures.record("agent run completion", ex);
		}
		finishWhenQuiet(observation, context, null);
		return result;
	}

	/**
	 * End the run once its result is done and none of its model calls or tool executions
	 * is still open. A method that returned (or threw) can leave one open: the model call
	 * of a stream it blocked on stops after the stream delivered its last signal, on the
	 * stream's thread, and its usage, cost, iteration and refusal would otherwise miss the
	 * run's span.
	 */
	private void finishWhenQuiet(Observation observation, AgentRunObservationContext context,
			@Nullable Throwable thrown) {
		context.finishWhenOperationsEnd(() -> finish(observation, context, thrown));
	}

	/**
	 * End the run once: settle its outcome and stop its observation.
	 */
	private void finish(Observation observation, AgentRunObservationContext context, @Nullable Throwable thrown) {
		if (!context.claimFinish()) {
			return;
		}
		try {
			Throwable error = (thrown != null) ? ErrorTypes.rootOfWrappers(thrown) : null;
			AgentOutcome outcome = resolveOutcome(context, error);
			context.settle(outcome, error);
			BudgetGuard budgetGuard = this.budgets.get().orElse(null);
			if (budgetGuard != null) {
				budgetGuard.runProgressed(context);
			}
			if (context.hadLoop()) {
				context.terminateLoop(termination(outcome, error));
			}
			if (outcome == AgentOutcome.ERROR && error != null) {
				observation.error(error);
			}
		}
		catch (Throwable ex) {
			this.failures.record("agent run outcome", ex);
		}
		finally {
			try {
				observation.stop();
			}
			catch (Throwable ex) {
				this.failures.record("agent run stop", ex);
			}
		}
	}

	private static LoopTermination termination(AgentOutcome outcome, @Nullable Throwable error) {
		if (error != null && error.getClass().getName().equals(BUDGET_EXCEPTION)) {
			return LoopTermination.BUDGET;
		}
		return switch (outcome) {
			case SUCCESS -> LoopTermination.FINAL_ANSWER;
			case REFUSED -> LoopTermination.REFUSAL;
			case ERROR -> LoopTermination.ERROR;
		};
	}

	private AgentOutcome resolveOutcome(AgentRunObservationContext context, @Nullable Throwable error) {
		try {
			AgentOutcomeResolver resolver = this.outcomeResolver.get().orElse(null);
			if (resolver != null) {
				AgentOutcome outcome = resolver.resolve(context, error);
				if (outcome != null) {
					return outcome;
				}
			}
		}
		catch (Throwable ex) {
			this.failures.record("agent outcome resolver", ex);
		}
		if (error != null) {
			return AgentOutcome.ERROR;
		}
		return context.isRefused() ? AgentOutcome.REFUSED : AgentOutcome.SUCCESS;
	}

	/**
	 * The exception a cancelled asynchronous run ends with.
	 * @return a new cancellation exception
	 */
	static CancellationException cancelled() {
		return new CancellationException("The agent run's result was cancelled before it completed");
	}

}
