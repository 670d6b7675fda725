package dev.agenttracing.autoconfigure;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.agenttracing.budget.AgentBudgets;
import dev.agenttracing.budget.BudgetEnforcingAdvisor;
import dev.agenttracing.budget.BudgetGuard;
import dev.agenttracing.budget.BudgetLimits;
import dev.agenttracing.budget.BudgetListener;
import dev.agenttracing.capture.CaptureSettings;
import dev.agenttracing.capture.ContentCapture;
import dev.agenttracing.capture.ContentSerializer;
import dev.agenttracing.capture.ContentStore;
import dev.agenttracing.text.ContentTruncator;
import dev.agenttracing.chat.ChatClientConversationHandler;
import dev.agenttracing.chat.ChatModelSpanConvention;
import dev.agenttracing.chat.ChatAccountingStep;
import dev.agenttracing.chat.ChatStreamTimingAdvisor;
import dev.agenttracing.chat.ChatStreams;
import dev.agenttracing.cost.ModelPrice;
import dev.agenttracing.diagnosis.DiagnosisSettings;
import dev.agenttracing.diagnosis.DiagnosisStep;
import dev.agenttracing.diagnosis.FindingDetector;
import dev.agenttracing.cost.ModelPrices;
import dev.agenttracing.run.AgentOutcomeResolver;
import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.AgentRunInterceptor;
import dev.agenttracing.run.AgentRunObservationConvention;
import dev.agenttracing.run.AgentRunSpanConvention;
import dev.agenttracing.run.AgentRuns;
import dev.agenttracing.run.DefaultAgentOutcomeResolver;
import dev.agenttracing.run.InheritedRunContext;
import dev.agenttracing.run.RunIdGenerator;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.redaction.Redactor;
import dev.agenttracing.retrieval.VectorStoreRetrievalSpanConvention;
import dev.agenttracing.run.WorkflowRunIdMdcHandler;
import dev.agenttracing.tool.AgentTool;
import dev.agenttracing.tool.AgentToolInterceptor;
import dev.agenttracing.tool.AgentToolSpanConvention;
import dev.agenttracing.tool.FrameworkToolSpans;
import dev.agenttracing.tool.SpringAiToolSpanConvention;
import dev.agenttracing.tool.ToolFailureRecordingProcessor;
import dev.agenttracing.tool.ToolAccountingStep;
import dev.agenttracing.trace.FrameworkSpanSuppressingHandler;
import dev.agenttracing.trace.GenAiSpanConvention;
import dev.agenttracing.trace.GenAiTracingObservationHandler;
import dev.agenttracing.trace.InFlightSpans;
import dev.agenttracing.trace.InFlightSpansShutdown;
import dev.agenttracing.trace.GenAiOperationHandler;
import dev.agenttracing.trace.OperationStep;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of agent-tracing: {@code @AgentRun} and {@code @AgentTool}
 * interception, the GenAI spans of agent runs, model calls and tool executions, and the
 * suppression of Spring AI's framework spans. Ordered after Micrometer Tracing's
 * auto-configuration; without a tracer the runs are still observed (metrics, MDC), and
 * without Spring AI the annotations still work.
 */
@AutoConfiguration(after = AgentRedactionAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration" })
@ConditionalOnClass(Observation.class)
@ConditionalOnBooleanProperty(name = "agent-tracing.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ AgentTracingProperties.class, AgentBudgetProperties.class, AgentCostProperties.class,
		AgentDiagnosisProperties.class })
public final class AgentTracingAutoConfiguration {

	/**
	 * Order of the advisor that intercepts {@code @AgentRun} methods: early, so that the run
	 * span encloses other advice such as transactions.
	 */
	public static final int AGENT_RUN_ADVISOR_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	/**
	 * Order of the advisor that intercepts {@code @AgentTool} methods: just inside the run
	 * advisor.
	 */
	public static final int AGENT_TOOL_ADVISOR_ORDER = AGENT_RUN_ADVISOR_ORDER + 1;

	/**
	 * Order of {@link GenAiTracingObservationHandler} among the tracing handlers: ahead of
	 * Micrometer's default handler (and of the propagating ones, which handle other
	 * contexts), so that it makes the GenAI spans. Boot's tracing group runs only the first
	 * handler that takes a context: a tracing handler of the application's ordered ahead of
	 * this one that takes model calls or tool executions takes their run accounting,
	 * budgets and metrics away too.
	 */
	public static final int GENAI_TRACING_HANDLER_ORDER = 100;

	/**
	 * Order of {@link FrameworkSpanSuppressingHandler}: with the GenAI handler, ahead of
	 * Micrometer's default handler.
	 */
	public static final int FRAMEWORK_SPAN_HANDLER_ORDER = GENAI_TRACING_HANDLER_ORDER + 1;

	/** Order of the steps that prepare an operation (a stream's deferred end). */
	static final int PREPARE_STEP_ORDER = 0;

	/** Order of the run accounting and budget steps: before the metrics. */
	static final int ACCOUNTING_STEP_ORDER = 100;

	/**
	 * Order of the diagnosis step: after the accounting (a run's budgets are settled), before
	 * the metrics (which count its findings).
	 */
	static final int DIAGNOSIS_STEP_ORDER = 150;

	/** Order of the metrics steps: last, when the run's totals are known. */
	static final int METRICS_STEP_ORDER = 200;

	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static TracingFailures agentTracingFailures() {
		return new TracingFailures();
	}

	@Bean
	@ConditionalOnMissingBean
	ContentCapture agentContentCapture(AgentTracingProperties properties, ObjectProvider<Redactor> redactor,
			ObjectProvider<ContentStore> store, TracingFailures failures) {
		AgentTracingProperties.Capture capture = properties.getCapture();
		CaptureSettings settings = new CaptureSettings(capture.isEnabled(), capture.getAgents(), capture.getTools(),
				capture.getDestination());
		Redactor contentRedactor = redactor.getIfAvailable();
		if (!settings.anyEnabled()) {
			return ContentCapture.off();
		}
		if (contentRedactor == null) {
			throw new IllegalStateException("agent-tracing.capture is on but there is no Redactor: content is never "
					+ "captured unredacted. Keep com.google.re2j on the classpath or declare a Redactor bean.");
		}
		int limit = capture.getMaxAttributeLength();
		return new ContentCapture(settings, contentRedactor, ContentTruncator.create(limit, capture.getMaxDepth()),
				ContentSerializer.create(Math.max(limit, limit * 4)), store.getIfAvailable(), failures);
	}

	@Bean
	@ConditionalOnMissingBean
	RunLocator agentRunLocator(ObjectProvider<ObservationRegistry> observationRegistry) {
		return new RunLocator(SingletonSupplier.of(() -> observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP)));
	}

	@Bean
	@ConditionalOnMissingBean
	ModelPrices agentModelPrices(AgentCostProperties properties) {
		Map<String, ModelPrice> prices = new LinkedHashMap<>();
		properties.getModels()
			.forEach((model, price) -> prices.put(model, new ModelPrice(price.getInput(), price.getOutput(),
					(price.getCachedInput() != null) ? price.getCachedInput() : price.getInput())));
		return new ModelPrices(prices, properties.getCurrency());
	}

	@Bean
	@ConditionalOnMissingBean
	AgentBudgets agentBudgets(AgentBudgetProperties properties) {
		Map<String, BudgetLimits> agents = new LinkedHashMap<>();
		properties.getAgents().forEach((agent, limits) -> agents.put(agent, limits.toLimits()));
		return new AgentBudgets(properties.getDefaults().toLimits(), agents, properties.isEnforce());
	}

	@Bean
	@ConditionalOnMissingBean
	BudgetGuard agentBudgetGuard(AgentBudgets budgets, ObjectProvider<BudgetListener> listeners) {
		return new BudgetGuard(budgets, (agent, budget) -> listeners.orderedStream()
			.forEach((listener) -> listener.exceeded(agent, budget)));
	}

	@Bean
	@ConditionalOnMissingBean
	RunIdGenerator agentRunIdGenerator() {
		return RunIdGenerator.RANDOM_UUID;
	}

	@Bean
	@ConditionalOnMissingBean
	AgentOutcomeResolver agentOutcomeResolver(AgentTracingProperties properties) {
		return new DefaultAgentOutcomeResolver(properties.getRun().getRefusalExceptions());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ObservationRegistry.class)
	AgentRuns agentRuns(ObservationRegistry observationRegistry) {
		return new AgentRuns(observationRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "org.slf4j.MDC")
	WorkflowRunIdMdcHandler workflowRunIdMdcHandler(AgentTracingProperties properties) {
		return new WorkflowRunIdMdcHandler(properties.getRun().getMdcKey());
	}

	@Bean
	@ConditionalOnMissingBean(name = "agentRunAdvisor")
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor agentRunAdvisor(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AgentRunObservationConvention> convention, ObjectProvider<AgentOutcomeResolver> outcomeResolver,
			ObjectProvider<RunIdGenerator> runIdGenerator, ObjectProvider<InheritedRunContext> inheritedRunContext,
			ObjectProvider<BudgetGuard> budgets, TracingFailures failures) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
				new AnnotationMatchingPointcut(null, AgentRun.class, true), new AgentRunInterceptor(observationRegistry,
						convention, outcomeResolver, runIdGenerator, inheritedRunContext, budgets, failures));
		advisor.setOrder(AGENT_RUN_ADVISOR_ORDER);
		return advisor;
	}

	@Bean
	@ConditionalOnMissingBean(name = "agentToolAdvisor")
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor agentToolAdvisor(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<FrameworkToolSpans> frameworkToolSpans, TracingFailures failures) {
		FrameworkToolSpans lazySpans = lazy(frameworkToolSpans);
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
				new AnnotationMatchingPointcut(null, AgentTool.class, true),
				new AgentToolInterceptor(observationRegistry, lazySpans, failures));
		advisor.setOrder(AGENT_TOOL_ADVISOR_ORDER);
		return advisor;
	}

	@Bean
	@ConditionalOnMissingBean
	@Order(ACCOUNTING_STEP_ORDER)
	ToolAccountingStep toolAccountingStep(ObjectProvider<FrameworkToolSpans> frameworkToolSpans, BudgetGuard budgets) {
		return new ToolAccountingStep(lazy(frameworkToolSpans), budgets);
	}

	/**
	 * The operation pipeline without spans, when there is no tracing pipeline (no tracer,
	 * or no OpenTelemetry API to write typed attributes with): run accounting, budgets and
	 * metrics still happen. The nested tracing configuration is registered before this
	 * method is considered.
	 */
	@Bean
	@ConditionalOnMissingBean(type = { "dev.agenttracing.trace.GenAiTracingObservationHandler",
			"dev.agenttracing.trace.GenAiOperationHandler" })
	GenAiOperationHandler genAiOperationHandler(ObjectProvider<OperationStep> steps, RunLocator runLocator,
			TracingFailures failures) {
		return new GenAiOperationHandler(steps.orderedStream().toList(), runLocator, failures);
	}

	/**
	 * The framework tool spans, looked up when first needed (the advisor is created before
	 * them) and then kept: an {@code ObjectProvider} lookup resolves the dependency anew on
	 * every call, too slow for a check made on every observation.
	 */
	private static FrameworkToolSpans lazy(ObjectProvider<FrameworkToolSpans> frameworkToolSpans) {
		SingletonSupplier<FrameworkToolSpans> spans = SingletonSupplier
			.of(() -> frameworkToolSpans.getIfAvailable(() -> FrameworkToolSpans.NONE));
		return (context) -> spans.obtain().toolNameOf(context);
	}

	/** The span conventions agent-tracing declares itself. */
	private static final java.util.Set<String> BUILT_IN_CONVENTIONS = java.util.Set.of(
			"dev.agenttracing.run.AgentRunSpanConvention", "dev.agenttracing.tool.AgentToolSpanConvention",
			"dev.agenttracing.tool.SpringAiToolSpanConvention", "dev.agenttracing.chat.ChatModelSpanConvention",
			"dev.agenttracing.retrieval.VectorStoreRetrievalSpanConvention",
			"dev.agenttracing.mcp.McpToolSpanConvention");

	static boolean isBuiltIn(GenAiSpanConvention<?> convention) {
		return BUILT_IN_CONVENTIONS.contains(convention.getClass().getName());
	}

	/**
	 * The GenAI spans, when Micrometer Tracing has a tracer.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tracer.class, AttributeKey.class })
	@ConditionalOnBean(Tracer.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Order(GENAI_TRACING_HANDLER_ORDER)
		GenAiTracingObservationHandler genAiTracingObservationHandler(Tracer tracer,
				ObjectProvider<GenAiSpanConvention<?>> conventions, ObjectProvider<OperationStep> steps,
				RunLocator runLocator, TracingFailures failures, InFlightSpans inFlight) {
			return new GenAiTracingObservationHandler(tracer, applicationConventionsFirst(conventions),
					steps.orderedStream().toList(), runLocator, failures, inFlight);
		}

		/**
		 * The application's span conventions come before the built-in ones: a convention
		 * of the application's for a kind of operation replaces the built-in one for that
		 * kind, whatever the beans' order.
		 */
		static List<GenAiSpanConvention<?>> applicationConventionsFirst(
				ObjectProvider<GenAiSpanConvention<?>> conventions) {
			List<GenAiSpanConvention<?>> ordered = conventions.orderedStream().toList();
			List<GenAiSpanConvention<?>> result = new java.util.ArrayList<>(ordered.size());
			ordered.stream().filter((convention) -> !isBuiltIn(convention)).forEach(result::add);
			ordered.stream().filter(AgentTracingAutoConfiguration::isBuiltIn).forEach(result::add);
			return result;
		}

		@Bean
		@ConditionalOnMissingBean
		InFlightSpans agentInFlightSpans(TracingFailures failures) {
			return new InFlightSpans(failures);
		}

		/**
		 * Runs still in flight when the application closes end their spans, before the
		 * tracer provider shuts down.
		 */
		@Bean
		@ConditionalOnMissingBean
		InFlightSpansShutdown agentInFlightSpansShutdown(InFlightSpans inFlight) {
			return new InFlightSpansShutdown(inFlight);
		}

		@Bean
		@ConditionalOnMissingBean
		AgentRunSpanConvention agentRunSpanConvention(ModelPrices prices) {
			return new AgentRunSpanConvention(prices.currency());
		}

		@Bean
		@ConditionalOnMissingBean
		AgentToolSpanConvention agentToolSpanConvention(RunLocator runLocator, ContentCapture capture) {
			return new AgentToolSpanConvention(runLocator, capture);
		}

		/**
		 * Retrieval spans of Spring AI's vector stores.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(VectorStoreObservationContext.class)
		static class RetrievalSpansConfiguration {

			@Bean
			@ConditionalOnMissingBean
			VectorStoreRetrievalSpanConvention vectorStoreRetrievalSpanConvention(AgentTracingProperties properties,
					RunLocator runLocator, ContentCapture capture) {
				return new VectorStoreRetrievalSpanConvention(properties.getRetrieval().getDataSourceId(), runLocator,
						capture);
			}

		}

		/**
		 * Spans of Spring AI's observations.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(ChatModelObservationContext.class)
		static class SpringAiSpansConfiguration {

			@Bean
			@ConditionalOnMissingBean
			ChatModelSpanConvention chatModelSpanConvention(RunLocator runLocator, ContentCapture capture,
					ModelPrices prices) {
				return new ChatModelSpanConvention(runLocator, capture, prices);
			}

			@Bean
			@ConditionalOnMissingBean
			@Order(PREPARE_STEP_ORDER)
			ChatStreams agentChatStreams(TracingFailures failures) {
				return new ChatStreams(failures);
			}


			@Bean
			@ConditionalOnMissingBean
			SpringAiToolSpanConvention springAiToolSpanConvention(RunLocator runLocator, ContentCapture capture) {
				return new SpringAiToolSpanConvention(runLocator, capture);
			}

			/**
			 * The time to the first chunk of the model calls streamed by a
			 * {@code ChatClient}.
			 */
			@Configuration(proxyBeanMethods = false)
			@ConditionalOnClass(ChatClientBuilderCustomizer.class)
			static class StreamTimingConfiguration {

				@Bean
				@ConditionalOnMissingBean
				ChatStreamTimingAdvisor chatStreamTimingAdvisor(ChatStreams chatStreams) {
					return new ChatStreamTimingAdvisor(chatStreams);
				}

				@Bean
				@ConditionalOnBean(ChatStreamTimingAdvisor.class)
				ChatClientBuilderCustomizer chatStreamTimingChatClientCustomizer(ChatStreamTimingAdvisor advisor) {
					return (builder) -> builder.defaultAdvisors(advisor);
				}

			}

			@Bean
			@ConditionalOnMissingBean
			@ConditionalOnBooleanProperty(name = "agent-tracing.spans.framework-spans", havingValue = false,
					matchIfMissing = true)
			@Order(FRAMEWORK_SPAN_HANDLER_ORDER)
			FrameworkSpanSuppressingHandler frameworkSpanSuppressingHandler(Tracer tracer) {
				return new FrameworkSpanSuppressingHandler(tracer,
						(context) -> context instanceof ChatClientObservationContext
								|| context instanceof AdvisorObservationContext);
			}

		}

	}

	/**
	 * What agent-tracing adds to Spring AI's model calls and tool executions.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ChatModelObservationContext.class, ChatClientObservationContext.class })
	static class SpringAiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		FrameworkToolSpans springAiToolSpans() {
			return (context) -> (context instanceof ToolCallingObservationContext tool)
					? tool.getToolDefinition().name() : null;
		}

		@Bean
		@ConditionalOnMissingBean
		@Order(ACCOUNTING_STEP_ORDER)
		ChatAccountingStep chatAccountingStep(BudgetGuard budgets, ModelPrices prices) {
			return new ChatAccountingStep(budgets, prices);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "agent-tracing.diagnosis.enabled", matchIfMissing = true)
		@Order(DIAGNOSIS_STEP_ORDER)
		DiagnosisStep agentDiagnosisStep(AgentDiagnosisProperties properties, ObjectProvider<FindingDetector> detectors,
				ContentCapture capture, ObjectProvider<Redactor> redactor, TracingFailures failures) {
			DiagnosisSettings settings = new DiagnosisSettings(properties.getEmptyToolResult().isEnabled(),
					properties.getUngroundedValue().isEnabled(), properties.getToolErrorIgnored().isEnabled(),
					properties.getRepeatedToolCall().isEnabled(), properties.getRepeatedToolCall().getThreshold(),
					properties.getTruncatedResponse().isEnabled(), properties.getBudgetExceeded().isEnabled(),
					properties.getMaxIterations().isEnabled());
			return new DiagnosisStep(settings, detectors.orderedStream().toList(), capture, redactor.getIfAvailable(),
					failures);
		}

		@Bean
		@ConditionalOnBooleanProperty("agent-tracing.budgets.enforce")
		@ConditionalOnMissingBean
		BudgetEnforcingAdvisor budgetEnforcingAdvisor(BudgetGuard budgets, RunLocator runLocator) {
			return new BudgetEnforcingAdvisor(budgets, runLocator);
		}

		@Bean
		@ConditionalOnBean(BudgetEnforcingAdvisor.class)
		ChatClientBuilderCustomizer budgetEnforcingChatClientCustomizer(BudgetEnforcingAdvisor advisor) {
			return (builder) -> builder.defaultAdvisors(advisor);
		}

		@Bean
		@ConditionalOnMissingBean
		ChatClientConversationHandler chatClientConversationHandler(RunLocator runLocator) {
			return new ChatClientConversationHandler(runLocator);
		}

		@Bean
		static BeanPostProcessor toolFailureRecordingPostProcessor(
				ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<TracingFailures> failures) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof ToolExecutionExceptionProcessor processor
							&& !(bean instanceof ToolFailureRecordingProcessor)) {
						return new ToolFailureRecordingProcessor(processor, observationRegistry,
								failures.getIfAvailable(TracingFailures::new));
					}
					return bean;
				}
			};
		}

	}

}
