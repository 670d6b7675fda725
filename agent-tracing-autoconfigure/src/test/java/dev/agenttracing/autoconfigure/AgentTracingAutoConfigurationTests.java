package dev.agenttracing.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import dev.agenttracing.capture.ContentCapture;
import dev.agenttracing.chat.ChatClientConversationHandler;
import dev.agenttracing.chat.ChatModelSpanConvention;
import dev.agenttracing.chat.ChatAccountingStep;
import dev.agenttracing.chat.ChatStreamTimingAdvisor;
import dev.agenttracing.chat.ChatStreams;
import dev.agenttracing.run.AgentOutcome;
import dev.agenttracing.run.AgentOutcomeResolver;
import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.AgentRunObservationConvention;
import dev.agenttracing.run.AgentRunSpanConvention;
import dev.agenttracing.run.AgentRuns;
import dev.agenttracing.run.DefaultAgentRunObservationConvention;
import dev.agenttracing.run.RunIdGenerator;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.run.WorkflowRunIdMdcHandler;
import dev.agenttracing.tool.AgentToolSpanConvention;
import dev.agenttracing.tool.FrameworkToolSpans;
import dev.agenttracing.tool.SpringAiToolSpanConvention;
import dev.agenttracing.tool.ToolFailureRecordingProcessor;
import dev.agenttracing.tool.ToolAccountingStep;
import dev.agenttracing.trace.FrameworkSpanSuppressingHandler;
import dev.agenttracing.trace.GenAiOperationHandler;
import dev.agenttracing.trace.GenAiTracingObservationHandler;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every condition and override of {@link AgentTracingAutoConfiguration}.
 */
class AgentTracingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, AopAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class, ToolCallingAutoConfiguration.class,
				AgentTracingAutoConfiguration.class, AgentRunsFallbackAutoConfiguration.class));

	@Test
	void withTracingAndSpringAiEveryPartIsThere() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(GenAiTracingObservationHandler.class)
				.doesNotHaveBean(GenAiOperationHandler.class)
				.hasSingleBean(FrameworkSpanSuppressingHandler.class)
				.hasSingleBean(AgentRunSpanConvention.class)
				.hasSingleBean(AgentToolSpanConvention.class)
				.hasSingleBean(ChatModelSpanConvention.class)
				.hasSingleBean(ChatStreams.class)
				.hasSingleBean(ChatStreamTimingAdvisor.class)
				.hasBean("chatStreamTimingChatClientCustomizer")
				.hasSingleBean(SpringAiToolSpanConvention.class)
				.hasSingleBean(ChatAccountingStep.class)
				.hasSingleBean(ChatClientConversationHandler.class)
				.hasSingleBean(ToolAccountingStep.class)
				.hasSingleBean(FrameworkToolSpans.class)
				.hasSingleBean(AgentRuns.class)
				.hasSingleBean(RunLocator.class)
				.hasSingleBean(RunIdGenerator.class)
				.hasSingleBean(AgentOutcomeResolver.class)
				.hasSingleBean(WorkflowRunIdMdcHandler.class)
				.hasSingleBean(TracingFailures.class)
				.hasBean("agentRunAdvisor")
				.hasBean("agentToolAdvisor");
			assertThat(context.getBean(ToolExecutionExceptionProcessor.class))
				.isInstanceOf(ToolFailureRecordingProcessor.class);
		});
	}

	@Test
	void withoutSpringAiChatClientStreamedModelCallsAreNotTimedButStillTraced() {
		this.runner.withClassLoader(new FilteredClassLoader(ChatClientBuilderCustomizer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ChatModelSpanConvention.class)
				.doesNotHaveBean(ChatStreamTimingAdvisor.class)
				.doesNotHaveBean("chatStreamTimingChatClientCustomizer"));
	}

	@Test
	void switchedOffByPropertyCreatesNothing() {
		this.runner.withPropertyValues("agent-tracing.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(GenAiTracingObservationHandler.class)
				.doesNotHaveBean(TracingFailures.class)
				.doesNotHaveBean("agentRunAdvisor");
			assertThat(context.getBean(ToolExecutionExceptionProcessor.class))
				.isNotInstanceOf(ToolFailureRecordingProcessor.class);
		});
	}

	/**
	 * An application written like the Quick start injects {@code AgentRuns}: switched off,
	 * it still starts, and every call is a no-op.
	 */
	@Test
	void switchedOffTheQuickStartApplicationStillStartsWithANoOpAgentRuns() {
		this.runner.withPropertyValues("agent-tracing.enabled=false")
			.withUserConfiguration(QuickStartAgent.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AgentRuns.class);
				AgentRuns runs = context.getBean(QuickStartAgent.class).runs;
				assertThat(runs.current()).isEmpty();
				assertThat(runs.currentRunId()).isEmpty();
				assertThat(runs.refuse("no")).isFalse();
				assertThat(runs.tag("k", "v")).isFalse();
			});
	}

	@Test
	void withoutAnObservationRegistryAgentRunsIsStillInjectable() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AgentTracingAutoConfiguration.class,
					AgentRunsFallbackAutoConfiguration.class))
			.withUserConfiguration(QuickStartAgent.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(AgentRuns.class));
	}

	@Test
	void withoutATracerRunsAreStillObservedButNoSpansAreMade() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, AopAutoConfiguration.class,
					AgentTracingAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GenAiTracingObservationHandler.class)
				.doesNotHaveBean(FrameworkSpanSuppressingHandler.class)
				.hasBean("agentRunAdvisor")
				.hasSingleBean(AgentRuns.class)
				.hasSingleBean(GenAiOperationHandler.class)
				.hasSingleBean(ChatAccountingStep.class));
	}

	@Test
	void withoutMicrometerTracingOnTheClasspathTheRestStillWorks() {
		this.runner.withClassLoader(new FilteredClassLoader(Tracer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GenAiTracingObservationHandler.class)
				.hasSingleBean(GenAiOperationHandler.class)
				.hasBean("agentRunAdvisor")
				.hasSingleBean(AgentRuns.class));
	}

	/**
	 * With a tracer but without the OpenTelemetry API (Brave, say), no GenAI span is made,
	 * and the run accounting, budgets and metrics still run, without spans.
	 */
	@Test
	void withATracerButNoOpenTelemetryApiTheStepsStillRun() {
		this.runner.withClassLoader(new FilteredClassLoader(io.opentelemetry.api.common.AttributeKey.class))
			.withBean(Tracer.class, () -> Tracer.NOOP)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GenAiTracingObservationHandler.class)
				.hasSingleBean(GenAiOperationHandler.class)
				.hasSingleBean(ChatAccountingStep.class)
				.hasSingleBean(ToolAccountingStep.class));
	}

	@Test
	void withoutSpringAiOnlyTheAnnotationsAreTraced() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, AopAutoConfiguration.class,
					OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
					MicrometerTracingAutoConfiguration.class, AgentTracingAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.ai"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(GenAiTracingObservationHandler.class)
				.hasSingleBean(AgentRunSpanConvention.class)
				.hasSingleBean(AgentToolSpanConvention.class)
				.doesNotHaveBean(ChatModelSpanConvention.class)
				.doesNotHaveBean(SpringAiToolSpanConvention.class)
				.doesNotHaveBean(FrameworkSpanSuppressingHandler.class)
				.doesNotHaveBean(FrameworkToolSpans.class)
				.hasBean("agentRunAdvisor"));
	}

	@Test
	void frameworkSpansCanBeKeptByProperty() {
		this.runner.withPropertyValues("agent-tracing.spans.framework-spans=true")
			.run((context) -> assertThat(context).doesNotHaveBean(FrameworkSpanSuppressingHandler.class)
				.hasSingleBean(GenAiTracingObservationHandler.class));
	}

	@Test
	void userBeansReplaceTheDefaults() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(RunIdGenerator.class)).isSameAs(UserBeans.RUN_IDS);
			assertThat(context.getBean(AgentOutcomeResolver.class)).isSameAs(UserBeans.OUTCOMES);
			assertThat(context).hasSingleBean(ChatModelSpanConvention.class)
				.getBean(ChatModelSpanConvention.class)
				.isSameAs(context.getBean("myChatConvention"));
			assertThat(context).hasSingleBean(TracingFailures.class)
				.getBean(TracingFailures.class)
				.isSameAs(context.getBean("myFailures"));
		});
	}

	@Test
	void refusalExceptionsAreBoundFromProperties() {
		this.runner
			.withPropertyValues("agent-tracing.run.refusal-exceptions=java.lang.SecurityException,"
					+ "java.lang.UnsupportedOperationException")
			.run((context) -> {
				AgentOutcomeResolver resolver = context.getBean(AgentOutcomeResolver.class);
				AgentRunObservationContext run = new AgentRunObservationContext("a", null, "r", null, null, null,
						null, java.util.Map.of());
				assertThat(resolver.resolve(run, new SecurityException())).isEqualTo(AgentOutcome.REFUSED);
				assertThat(resolver.resolve(run, new IllegalStateException())).isEqualTo(AgentOutcome.ERROR);
				assertThat(resolver.resolve(run, null)).isEqualTo(AgentOutcome.SUCCESS);
			});
	}

	@Test
	void agentRunIsObservedWithoutAspectJOnTheClasspath() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, AopAutoConfiguration.class,
					AgentTracingAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.withUserConfiguration(RecordingAgent.class)
			.run((context) -> {
				RecordingAgent.Agent agent = context.getBean(RecordingAgent.Agent.class);
				assertThat(agent.run("hi")).isEqualTo("HI");
				RecordingAgent.Recorder recorder = context.getBean(RecordingAgent.Recorder.class);
				assertThat(recorder.runs).extracting(AgentRunObservationContext::getAgentName).containsExactly("echo");
				assertThat(recorder.runs.get(0).getOutcome()).isEqualTo(AgentOutcome.SUCCESS);
			});
	}

	@Test
	void failingUserConventionAndResolverNeverChangeWhatTheAgentReturnsOrThrows() {
		this.runner.withUserConfiguration(RecordingAgent.class, ThrowingExtensions.class).run((context) -> {
			RecordingAgent.Agent agent = context.getBean(RecordingAgent.Agent.class);
			TracingFailures failures = context.getBean(TracingFailures.class);
			assertThat(agent.run("ok")).isEqualTo("OK");
			assertThatThrownBy(() -> agent.run("boom")).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("boom is not allowed");
			assertThat(failures.count("agent outcome resolver")).isEqualTo(2);
			assertThat(failures.count("agent run stop")).isEqualTo(2);
			assertThat(failures.total()).isEqualTo(4);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final RunIdGenerator RUN_IDS = () -> "fixed";

		static final AgentOutcomeResolver OUTCOMES = (context, error) -> AgentOutcome.SUCCESS;

		@Bean
		RunIdGenerator myRunIds() {
			return RUN_IDS;
		}

		@Bean
		AgentOutcomeResolver myOutcomes() {
			return OUTCOMES;
		}

		@Bean
		ChatModelSpanConvention myChatConvention(RunLocator runs) {
			return new ChatModelSpanConvention(runs, ContentCapture.off(), dev.agenttracing.cost.ModelPrices.none());
		}

		@Bean
		TracingFailures myFailures() {
			return new TracingFailures();
		}

	}

	@Configuration(proxyBeanMethods = false)
	public static class RecordingAgent {

		@Bean
		Agent echoAgent() {
			return new Agent();
		}

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		public static class Agent {

			@AgentRun(name = "echo")
			public String run(String text) {
				if (text.equals("boom")) {
					throw new IllegalArgumentException("boom is not allowed");
				}
				return text.toUpperCase();
			}

		}

		static class Recorder implements ObservationHandler<AgentRunObservationContext> {

			final List<AgentRunObservationContext> runs = new CopyOnWriteArrayList<>();

			@Override
			public void onStop(AgentRunObservationContext context) {
				this.runs.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof AgentRunObservationContext;
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingExtensions {

		@Bean
		AgentOutcomeResolver throwingResolver() {
			return (context, error) -> {
				throw new IllegalStateException("resolver bug");
			};
		}

		@Bean
		AgentRunObservationConvention throwingConvention() {
			return new ThrowingOnStopConvention();
		}

	}

	static class ThrowingOnStopConvention extends DefaultAgentRunObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(AgentRunObservationContext context) {
			if (context.getOutcome() != null) {
				throw new IllegalStateException("convention bug");
			}
			return super.getLowCardinalityKeyValues(context);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QuickStartAgent {

		final AgentRuns runs;

		QuickStartAgent(AgentRuns runs) {
			this.runs = runs;
		}

	}

}
