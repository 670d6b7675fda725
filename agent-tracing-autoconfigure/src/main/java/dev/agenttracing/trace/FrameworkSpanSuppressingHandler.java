package dev.agenttracing.trace;

import java.util.function.Predicate;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * Keeps framework observations that only add noise to an agent trace (Spring AI's
 * {@code spring_ai chat_client} span and one span per advisor, including the
 * {@code "tool _calling "} one) out of the trace, without switching the observations
 * off: their metrics stay, and the observations nested in them (model calls, tool
 * executions) become children of the span around them. The suppressed observation
 * carries its parent's span, so scopes opened on other threads keep the right parent.
 */
public final class FrameworkSpanSuppressingHandler implements TracingObservationHandler<Observation.Context> {

	private final Tracer tracer;

	private final Predicate<Observation.Context> suppressed;

	/**
	 * Create the handler.
	 * @param tracer the tracer
	 * @param suppressed which observations get no span of their own
	 */
	public FrameworkSpanSuppressingHandler(Tracer tracer, Predicate<Observation.Context> suppressed) {
		this.tracer = tracer;
		this.suppressed = suppressed;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.suppressed.test(context);
	}

	@Override
	public void onStart(Observation.Context context) {
		Span parent = getParentSpan(context);
		getTracingContext(context).setSpan((parent != null) ? parent : this.tracer.currentSpan());
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
	}

	@Override
	public void onError(Observation.Context context) {
	}

	@Override
	public void onStop(Observation.Context context) {
		// The span belongs to an enclosing observation: it is neither tagged nor ended here.
	}

	@Override
	public Tracer getTracer() {
		return this.tracer;
	}

}
