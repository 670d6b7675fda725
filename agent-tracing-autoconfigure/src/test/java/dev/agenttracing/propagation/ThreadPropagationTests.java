package dev.agenttracing.propagation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.support.SpanTree;
import dev.agenttracing.tool.AgentTool;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run's span stays the parent of the work it hands to other threads the way a Boot
 * application does it: {@code @Async} methods, {@code CompletableFuture}s on Boot's
 * executor (platform or virtual threads), parallel tool calls, and Reactor pipelines
 * that hop schedulers.
 */
class ThreadPropagationTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private ConfigurableApplicationContext app;

	@AfterEach
	void close() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void asyncMethodsFuturesAndParallelToolsKeepTheRunAsParent() {
		start();
		this.app.getBean(ThreadedAgent.class).fanOut().join();

		SpanTree trace = trace("invoke_agent fan-out", 4);
		SpanData run = trace.one("invoke_agent fan-out");
		assertThat(trace.named("execute_tool step")).hasSize(3)
			.allSatisfy((step) -> assertThat(step.getParentSpanId()).isEqualTo(run.getSpanId()));
		assertThat(this.app.getBean(Steps.class).threads()).noneMatch((thread) -> thread.equals("main"));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsKeepTheRunAsParent() {
		start("spring.threads.virtual.enabled=true");
		this.app.getBean(ThreadedAgent.class).fanOut().join();

		SpanTree trace = trace("invoke_agent fan-out", 4);
		SpanData run = trace.one("invoke_agent fan-out");
		assertThat(trace.named("execute_tool step")).hasSize(3)
			.allSatisfy((step) -> assertThat(step.getParentSpanId()).isEqualTo(run.getSpanId()));
		assertThat(this.app.getBean(Steps.class).virtual()).contains(true).doesNotContain(false);
	}

	@Test
	void reactivePipelinesThatHopSchedulersKeepTheRunAsParent() {
		start();
		List<String> out = this.app.getBean(ThreadedAgent.class).streamed().collectList().block(Duration.ofSeconds(10));

		assertThat(out).hasSize(3);
		SpanTree trace = trace("invoke_agent streamed", 4);
		SpanData run = trace.one("invoke_agent streamed");
		assertThat(trace.named("execute_tool step")).hasSize(3)
			.allSatisfy((step) -> assertThat(step.getParentSpanId()).isEqualTo(run.getSpanId()));
	}

	@Test
	void withoutExecutorPropagationTheAsyncStepsLoseTheirParent() {
		start("agent-tracing.propagation.task-executors=false");
		this.app.getBean(ThreadedAgent.class).fanOut().join();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals("execute_tool step"))
				.count() == 3);
		SpanData run = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals("invoke_agent fan-out"))
			.findFirst()
			.orElseThrow();
		assertThat(this.exporter.getFinishedSpanItems())
			.filteredOn((span) -> span.getName().equals("execute_tool step"))
			.anyMatch((step) -> !step.getTraceId().equals(run.getTraceId()));
	}

	private void start(String... extra) {
		this.app = new SpringApplicationBuilder(ThreadedApplication.class).web(WebApplicationType.NONE)
			.initializers(new SpanProcessorSharing(SimpleSpanProcessor.create(this.exporter)))
			.properties(HttpPropagationTests.PROPERTIES)
			.properties(extra)
			.run();
	}

	private SpanTree trace(String rootName, int size) {
		return await().atMost(Duration.ofSeconds(10)).until(() -> {
			List<SpanData> spans = this.exporter.getFinishedSpanItems();
			SpanData root = spans.stream().filter((span) -> span.getName().equals(rootName)).findFirst().orElse(null);
			if (root == null) {
				return null;
			}
			List<SpanData> trace = spans.stream().filter((span) -> span.getTraceId().equals(root.getTraceId())).toList();
			return (trace.size() >= size) ? SpanTree.of(trace) : null;
		}, (tree) -> tree != null);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableAsync
	static class ThreadedApplication {

		@Bean
		Steps steps() {
			return new Steps();
		}

		@Bean
		ThreadedAgent threadedAgent(Steps steps, @Qualifier("applicationTaskExecutor") Executor executor) {
			return new ThreadedAgent(steps, executor);
		}

	}

	public static class Steps {

		private final List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final List<Boolean> virtual = new java.util.concurrent.CopyOnWriteArrayList<>();

		public List<String> threads() {
			return this.threads;
		}

		public List<Boolean> virtual() {
			return this.virtual;
		}

		@AgentTool
		public String step(String name) {
			Thread thread = Thread.currentThread();
			this.threads.add(thread.getName());
			this.virtual.add(isVirtual(thread));
			return name;
		}

		@Async
		@AgentTool(name = "step")
		public CompletableFuture<String> asyncStep(String name) {
			Thread thread = Thread.currentThread();
			this.threads.add(thread.getName());
			this.virtual.add(isVirtual(thread));
			return CompletableFuture.completedFuture(name);
		}

		private static boolean isVirtual(Thread thread) {
			try {
				return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			}
			catch (ReflectiveOperationException ex) {
				return false;
			}
		}

	}

	public static class ThreadedAgent {

		private final Steps steps;

		private final Executor executor;

		ThreadedAgent(Steps steps, Executor executor) {
			this.steps = steps;
			this.executor = executor;
		}

		/** One {@code @Async} step and two tool calls in parallel on Boot's executor. */
		@AgentRun(name = "fan-out")
		public CompletableFuture<Void> fanOut() {
			CompletableFuture<String> async = this.steps.asyncStep("async");
			CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> this.steps.step("one"),
					this.executor);
			CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> this.steps.step("two"),
					this.executor);
			return CompletableFuture.allOf(async, first, second);
		}

		@AgentRun(name = "streamed")
		public Flux<String> streamed() {
			return Flux.just("a", "b", "c")
				.publishOn(Schedulers.boundedElastic())
				.map(this.steps::step)
				.publishOn(Schedulers.parallel());
		}

	}

}
