package dev.agenttracing.run;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Builds the {@link AgentRunObservationContext} of a call from its annotation and its
 * arguments. A business-context value that cannot be read (a missing argument, a
 * {@code null} on the way, a {@code toString()} that throws) is left out, and the
 * failure is logged once per expression; the run is traced without it.
 */
final class RunContextFactory {

	private final Supplier<RunIdGenerator> runIdGenerator;

	private final Supplier<InheritedRunContext> inherited;

	private final TracingFailures failures;

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<String, Expression> expressions = new ConcurrentHashMap<>();

	/**
	 * The parameter annotations of each {@code @AgentRun} method, read once: the JDK parses
	 * them anew on every {@code getParameterAnnotations()} call (about 5 KB per run).
	 */
	private final Map<Method, Annotation[][]> parameterAnnotations = new ConcurrentHashMap<>();

	RunContextFactory(Supplier<RunIdGenerator> runIdGenerator, TracingFailures failures) {
		this(runIdGenerator, () -> InheritedRunContext.NONE, failures);
	}

	RunContextFactory(Supplier<RunIdGenerator> runIdGenerator, Supplier<InheritedRunContext> inherited,
			TracingFailures failures) {
		this.runIdGenerator = runIdGenerator;
		this.inherited = inherited;
		this.failures = failures;
	}

	AgentRunObservationContext create(MethodInvocation invocation, AgentRun annotation,
			@Nullable AgentRunObservationContext enclosing) {
		Method method = invocation.getMethod();
		Object[] arguments = invocation.getArguments();
		Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
				: method.getDeclaringClass();
		String agentName = StringUtils.hasText(annotation.name()) ? annotation.name()
				: ClassUtils.getUserClass(targetClass).getSimpleName();
		String description = StringUtils.hasText(annotation.description()) ? annotation.description() : null;
		Arguments values = new Arguments(method, arguments);
		Inherited inherited = new Inherited(enclosing);

		String conversationId = firstNonNull(values.annotated(ConversationId.class),
				values.evaluate(annotation.conversationId(), "conversationId"),
				(enclosing != null) ? enclosing.getConversationId() : inherited.get(GenAiAttributes.CONVERSATION_ID.getKey()));
		String userId = firstNonNull(values.annotated(UserId.class), values.evaluate(annotation.userId(), "userId"),
				(enclosing != null) ? enclosing.getUserId() : inherited.get(AgentAttributes.USER_ID.getKey()));
		String sessionId = firstNonNull(values.annotated(SessionId.class),
				values.evaluate(annotation.sessionId(), "sessionId"),
				(enclosing != null) ? enclosing.getSessionId() : inherited.get(AgentAttributes.SESSION_ID.getKey()));
		Map<String, String> tags = new LinkedHashMap<>();
		for (String declaration : annotation.tags()) {
			int separator = declaration.indexOf('=');
			if (separator <= 0) {
				this.failures.record("tag declaration '" + declaration + "' on " + method,
						new IllegalArgumentException("An @AgentRun tag must read \"key=expression\""));
				continue;
			}
			String key = declaration.substring(0, separator).trim();
			String value = values.evaluate(declaration.substring(separator + 1).trim(), "tag " + key);
			if (value != null) {
				tags.put(key, value);
			}
		}
		tags.putAll(values.annotatedTags());
		String runId = (enclosing != null) ? enclosing.getRunId()
				: firstNonNull(inherited.get(AgentAttributes.WORKFLOW_RUN_ID.getKey()),
						this.runIdGenerator.get().nextRunId());
		return new AgentRunObservationContext(agentName, description, runId, enclosing, conversationId, userId,
				sessionId, tags);
	}

	private static @Nullable String firstNonNull(@Nullable String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * What a top-level run inherits from its caller; a nested run inherits from its
	 * enclosing run instead, so the caller's context is never read for it.
	 */
	private final class Inherited {

		private final @Nullable InheritedRunContext context;

		Inherited(@Nullable AgentRunObservationContext enclosing) {
			InheritedRunContext context = null;
			if (enclosing == null) {
				try {
					context = RunContextFactory.this.inherited.get();
				}
				catch (Exception ex) {
					RunContextFactory.this.failures.record("inherited run context", ex);
				}
			}
			this.context = context;
		}

		@Nullable String get(String attribute) {
			if (this.context == null) {
				return null;
			}
			try {
				String value = this.context.valueOf(attribute);
				return (value != null && !value.isBlank()) ? value : null;
			}
			catch (Exception ex) {
				RunContextFactory.this.failures.record("inherited " + attribute, ex);
				return null;
			}
		}

	}

	private final class Arguments {

		private final Method method;

		private final Object[] arguments;

		private @Nullable MethodBasedEvaluationContext evaluationContext;

		Arguments(Method method, Object[] arguments) {
			this.method = method;
			this.arguments = arguments;
		}

		@Nullable String annotated(Class<? extends Annotation> marker) {
			Annotation[][] annotations = RunContextFactory.this.parameterAnnotations.computeIfAbsent(this.method,
					Method::getParameterAnnotations);
			for (int i = 0; i < annotations.length && i < this.arguments.length; i++) {
				for (Annotation annotation : annotations[i]) {
					if (marker.isInstance(annotation)) {
						return text(this.arguments[i], "@" + marker.getSimpleName() + " parameter " + i);
					}
				}
			}
			return null;
		}

		Map<String, String> annotatedTags() {
			Map<String, String> tags = new LinkedHashMap<>();
			Annotation[][] annotations = RunContextFactory.this.parameterAnnotations.computeIfAbsent(this.method,
					Method::getParameterAnnotations);
			for (int i = 0; i < annotations.length && i < this.arguments.length; i++) {
				for (Annotation annotation : annotations[i]) {
					if (annotation instanceof AgentTag tag) {
						String value = text(this.arguments[i], "@AgentTag(\"" + tag.value() + "\") parameter " + i);
						if (value != null) {
							tags.put(tag.value(), value);
						}
					}
				}
			}
			return tags;
		}

		@Nullable String evaluate(String expression, String what) {
			if (!StringUtils.hasText(expression)) {
				return null;
			}
			Object value;
			try {
				Expression parsed = RunContextFactory.this.expressions.computeIfAbsent(expression,
						RunContextFactory.this.parser::parseExpression);
				value = parsed.getValue(evaluationContext());
			}
			catch (Exception ex) {
				RunContextFactory.this.failures.record(
						"@AgentRun " + what + " expression '" + expression + "' on " + this.method, ex);
				return null;
			}
			return text(value, "@AgentRun " + what + " expression '" + expression + "'");
		}

		private MethodBasedEvaluationContext evaluationContext() {
			if (this.evaluationContext == null) {
				this.evaluationContext = new MethodBasedEvaluationContext(null, this.method, this.arguments,
						RunContextFactory.this.parameterNames);
			}
			return this.evaluationContext;
		}

		private @Nullable String text(@Nullable Object value, String what) {
			if (value == null) {
				return null;
			}
			try {
				return String.valueOf(value);
			}
			catch (Exception ex) {
				RunContextFactory.this.failures.record(what + " on " + this.method + " (toString)", ex);
				return null;
			}
		}

	}

}
