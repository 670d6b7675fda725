package dev.agenttracing.run;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Ends a run that returned a {@code Mono} or {@code Flux} when the publisher terminates
 * or its subscriber cancels, and makes the run's observation the parent of the
 * observations made inside the pipeline. Loaded only when Reactor is present.
 */
final class ReactiveRuns {

	private ReactiveRuns() {
	}

	static boolean isReactive(@Nullable Object result) {
		return result instanceof Mono<?> || result instanceof Flux<?>;
	}

	static Object observe(Object result, Observation observation, Consumer<@Nullable Throwable> finish) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Consumer<SignalType> onTermination = (signal) -> finish
			.accept((signal == SignalType.CANCEL) ? AgentRunInterceptor.cancelled() : failure.get());
		if (result instanceof Mono<?> mono) {
			return mono.doOnError(failure::set)
				.doFinally(onTermination)
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
		}
		return ((Flux<?>) result).doOnError(failure::set)
			.doFinally(onTermination)
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
	}

}
