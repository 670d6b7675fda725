package dev.agenttracing.propagation;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.AgentRuns;
import dev.agenttracing.support.SpanTree;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.Subscription;

import static dev.agenttracing.support.SpanTree.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real broker: an agent hands work to a second agent through a Redis stream (a
 * {@code redis-server} this test starts), with the trace context in the record's
 * fields. The two runs are one tree: dispatcher run, {@code send} PRODUCER span,
 * {@code process} CONSUMER span, worker run; the worker shares the dispatcher's
 * {@code workflow.run_id}.
 */
class RedisStreamPropagationTests {

	static final String STREAM = "agent-work";

	static final MessagingDestination WORK = MessagingDestination.of("redis", STREAM);

	private static final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private static RedisServer redis;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() throws Exception {
		redis = RedisServer.start();
		app = new SpringApplicationBuilder(StreamApplication.class).web(WebApplicationType.NONE)
			.initializers(new SpanProcessorSharing(SimpleSpanProcessor.create(exporter)))
			.properties(HttpPropagationTests.PROPERTIES)
			.properties("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port())
			.run();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void workHandedOverARedisStreamIsOneTraceUnderTheDispatchingAgent() {
		String runId = app.getBean(Dispatcher.class).dispatch("c-42", "refund order ORD-5512");

		Worker worker = app.getBean(Worker.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> worker.handled().contains("refund order ORD-5512"));
		SpanTree trace = await().atMost(Duration.ofSeconds(10)).until(() -> {
			List<SpanData> spans = exporter.getFinishedSpanItems();
			SpanData root = spans.stream()
				.filter((span) -> span.getName().equals("invoke_agent dispatcher"))
				.findFirst()
				.orElse(null);
			if (root == null) {
				return null;
			}
			List<SpanData> trace1 = spans.stream()
				.filter((span) -> span.getTraceId().equals(root.getTraceId()))
				.toList();
			return trace1.stream().anyMatch((span) -> span.getName().equals("invoke_agent worker"))
					? SpanTree.of(trace1) : null;
		}, (tree) -> tree != null);

		SpanData dispatcher = trace.one("invoke_agent dispatcher");
		SpanData send = trace.one("send " + STREAM);
		SpanData process = trace.one("process " + STREAM);
		SpanData workerRun = trace.one("invoke_agent worker");
		assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(send.getParentSpanId()).isEqualTo(dispatcher.getSpanId());
		assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
		assertThat(workerRun.getParentSpanId()).isEqualTo(process.getSpanId());
		for (SpanData messaging : List.of(send, process)) {
			assertThat(attr(messaging, AttributeKey.stringKey("messaging.system"))).isEqualTo("redis");
			assertThat(attr(messaging, AttributeKey.stringKey("messaging.destination.name"))).isEqualTo(STREAM);
		}
		assertThat(attr(send, AttributeKey.stringKey("messaging.operation.type"))).isEqualTo("send");
		assertThat(attr(process, AttributeKey.stringKey("messaging.operation.type"))).isEqualTo("process");
		assertThat(attr(workerRun, AttributeKey.stringKey("workflow.run_id"))).isEqualTo(runId);
		assertThat(attr(workerRun, AttributeKey.stringKey("user.id"))).isEqualTo("c-42");
		assertThat(worker.runIds()).contains(runId);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class StreamApplication {

		@Bean
		Dispatcher dispatcher(StringRedisTemplate redis, MessageTracing messages, AgentRuns runs) {
			return new Dispatcher(redis, messages, runs);
		}

		@Bean
		Worker worker(AgentRuns runs) {
			return new Worker(runs);
		}

		@Bean(destroyMethod = "stop")
		StreamMessageListenerContainer<String, MapRecord<String, String, String>> workContainer(
				RedisConnectionFactory connections, MessageTracing messages, Worker worker) {
			StreamMessageListenerContainer<String, MapRecord<String, String, String>> container = StreamMessageListenerContainer
				.create(connections, StreamMessageListenerContainer.StreamMessageListenerContainerOptions.builder()
					.pollTimeout(Duration.ofMillis(100))
					.build());
			Subscription subscription = container.receive(StreamOffset.fromStart(STREAM),
					(record) -> messages.process(WORK, record.getValue(),
							() -> worker.handle(record.getValue().get("task"))));
			container.start();
			return container;
		}

	}

	static class Dispatcher {

		private final StringRedisTemplate redis;

		private final MessageTracing messages;

		private final AgentRuns runs;

		Dispatcher(StringRedisTemplate redis, MessageTracing messages, AgentRuns runs) {
			this.redis = redis;
			this.messages = messages;
			this.runs = runs;
		}

		@AgentRun(name = "dispatcher", userId = "#customer")
		public String dispatch(String customer, String task) {
			Map<String, String> fields = new HashMap<>();
			this.messages.send(WORK, fields, () -> {
				fields.put("task", task);
				this.redis.opsForStream().add(StreamRecords.mapBacked(fields).withStreamKey(STREAM));
			});
			return this.runs.currentRunId().orElseThrow();
		}

	}

	static class Worker {

		private final List<String> handled = new CopyOnWriteArrayList<>();

		private final List<String> runIds = new CopyOnWriteArrayList<>();

		private final AgentRuns runs;

		Worker(AgentRuns runs) {
			this.runs = runs;
		}

		public List<String> handled() {
			return this.handled;
		}

		public List<String> runIds() {
			return this.runIds;
		}

		@AgentRun(name = "worker")
		public void handle(String task) {
			this.runIds.add(this.runs.currentRunId().orElse(""));
			this.handled.add(task);
		}

	}

}
