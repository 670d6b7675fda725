package dev.agenttracing.test;

import io.opentelemetry.sdk.trace.SpanProcessor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Empties the captured spans before each test and resolves {@link AgentTraces} test
 * method parameters.
 * <p>
 * Declared by {@link AgentTracingTest}, it uses the {@code AgentTraces} bean of the test's
 * Spring application context. Without Spring, register a standalone one and give its span
 * processor to your tracer provider:
 * <pre class="code">
 * &#64;RegisterExtension
 * static final AgentTraceExtension agentTraces = AgentTraceExtension.standalone();
 *
 * SdkTracerProvider.builder().addSpanProcessor(agentTraces.spanProcessor())...
 * </pre>
 */
public final class AgentTraceExtension implements BeforeEachCallback, ParameterResolver {

	private final @Nullable AgentTraces traces;

	/**
	 * The extension of {@link AgentTracingTest}: the traces are the Spring test context's
	 * {@link AgentTraces} bean.
	 */
	public AgentTraceExtension() {
		this(null);
	}

	private AgentTraceExtension(@Nullable AgentTraces traces) {
		this.traces = traces;
	}

	/**
	 * An extension with its own {@link AgentTraces}, for tests without a Spring test
	 * context.
	 * @return the extension
	 */
	public static AgentTraceExtension standalone() {
		return new AgentTraceExtension(new AgentTraces());
	}

	/**
	 * The traces of a standalone extension.
	 * @return the traces
	 * @throws IllegalStateException if the extension uses the Spring context's traces
	 */
	public AgentTraces traces() {
		if (this.traces == null) {
			throw new IllegalStateException("This extension uses the AgentTraces bean of the Spring test context");
		}
		return this.traces;
	}

	/**
	 * The span processor of a standalone extension's traces, for the tracer provider.
	 * @return the span processor
	 */
	public SpanProcessor spanProcessor() {
		return traces().spanProcessor();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		tracesOf(context).reset();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		// An @Autowired parameter is Spring's to resolve; two resolvers would conflict.
		return parameterContext.getParameter().getType() == AgentTraces.class
				&& !parameterContext.isAnnotated(Autowired.class);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		try {
			return tracesOf(extensionContext);
		}
		catch (IllegalStateException ex) {
			throw new ParameterResolutionException(ex.getMessage(), ex);
		}
	}

	private AgentTraces tracesOf(ExtensionContext context) {
		if (this.traces != null) {
			return this.traces;
		}
		ApplicationContext applicationContext;
		try {
			applicationContext = SpringExtension.getApplicationContext(context);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("@AgentTracingTest needs a Spring test context (add @SpringBootTest), "
					+ "or register AgentTraceExtension.standalone() with @RegisterExtension", ex);
		}
		return applicationContext.getBean(AgentTraces.class);
	}

}
