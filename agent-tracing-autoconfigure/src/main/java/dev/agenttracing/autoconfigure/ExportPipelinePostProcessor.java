package dev.agenttracing.autoconfigure;

import java.util.List;

import io.opentelemetry.sdk.trace.SpanProcessor;

import dev.agenttracing.redaction.RedactingSpanProcessor;
import dev.agenttracing.redaction.Redactor;
import dev.agenttracing.sampling.TraceSampling;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;

/**
 * Puts tail sampling and the redaction safety net in front of the span processors of
 * Boot's tracer provider, whoever declared them: Boot's own {@link SpanProcessors} (every
 * {@code SpanProcessor} bean: the batch export, the flight recorder...) or the
 * application's. The processors are wrapped, never replaced, so an application that
 * declares its own {@code SpanProcessors} keeps sampling and the safety net.
 */
final class ExportPipelinePostProcessor implements BeanPostProcessor {

	private final ObjectProvider<AgentTracingProperties> properties;

	private final ObjectProvider<Redactor> redactor;

	private final ObjectProvider<TraceSampling> sampling;

	private final ObjectProvider<TracingFailures> failures;

	ExportPipelinePostProcessor(ObjectProvider<AgentTracingProperties> properties, ObjectProvider<Redactor> redactor,
			ObjectProvider<TraceSampling> sampling, ObjectProvider<TracingFailures> failures) {
		this.properties = properties;
		this.redactor = redactor;
		this.sampling = sampling;
		this.failures = failures;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof SpanProcessors processors && !(bean instanceof Guarded)) {
			return new Guarded(guard(processors.list()));
		}
		return bean;
	}

	private SpanProcessor guard(List<SpanProcessor> processors) {
		TracingFailures failureSink = this.failures.getIfAvailable(TracingFailures::new);
		SpanProcessor chain = SpanProcessor.composite(processors);
		AgentTracingProperties tracing = this.properties.getIfAvailable(AgentTracingProperties::new);
		List<String> safetyNet = tracing.getRedaction().getSafetyNet();
		Redactor safetyNetRedactor = this.redactor.getIfAvailable();
		if (!safetyNet.isEmpty() && safetyNetRedactor != null) {
			chain = new RedactingSpanProcessor(chain, safetyNet, safetyNetRedactor, failureSink);
		}
		TraceSampling tailSampling = this.sampling.getIfAvailable();
		if (tailSampling != null) {
			chain = tailSampling.inFrontOf(chain, failureSink);
		}
		return chain;
	}

	/**
	 * The span processors once guarded: one chain, sampling first.
	 */
	private record Guarded(SpanProcessor chain) implements SpanProcessors {

		@Override
		public List<SpanProcessor> list() {
			return List.of(this.chain);
		}

	}

}
