package dev.agenttracing.propagation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Makes the span of a {@link RemoteParentContext}: a child of the context extracted from
 * its carrier (W3C trace context and baggage, through the configured propagators), with
 * a link to the span that was current where it started, as the messaging and MCP
 * conventions ask.
 */
public final class RemoteParentTracingObservationHandler
		extends PropagatingReceiverTracingObservationHandler<ReceiverContext<?>> {

	private final Tracer tracer;

	/**
	 * Create it.
	 * @param tracer the tracer
	 * @param propagator the propagator that extracts the remote context
	 */
	public RemoteParentTracingObservationHandler(Tracer tracer, Propagator propagator) {
		super(tracer, propagator);
		this.tracer = tracer;
	}

	@Override
	public Span.Builder customizeExtractedSpan(ReceiverContext<?> context, Span.Builder builder) {
		Span ambient = this.tracer.currentSpan();
		if (ambient != null) {
			builder.addLink(new Link(ambient.context()));
		}
		return builder;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof RemoteParentContext;
	}

}
