package dev.agenttracing.propagation;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.AgentRuns;
import dev.agenttracing.run.ConversationId;
import dev.agenttracing.run.SessionId;
import dev.agenttracing.sampling.SamplingStats;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.support.SpanTree;
import dev.agenttracing.support.TracedAgentApplication;
import dev.agenttracing.tool.AgentTool;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.ScriptedChatModel.call;
import static dev.agenttracing.support.ScriptedChatModel.toolCalls;
import static dev.agenttracing.support.SpanTree.attr;
import static dev.agenttracing.support.SpanTree.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thousand agent runs at once in one Boot application, half of them blocking their
 * caller's thread and half returned as a {@code Mono} still running, each with a streamed
 * {@code ChatClient} call whose tool round Spring AI runs on Reactor's boundedElastic
 * (and whose tool fans out to two tools in parallel on Boot's executor), two more tool
 * calls in parallel on Boot's executor, and an {@code @Async} step. Every exported span
 * must be in its own run's trace under the right parent, and no value of one run (its
 * ids, its prompt, its tool arguments, its {@code workflow.run_id}) may show up anywhere
 * on another run's spans. Content capture is on, so that prompts, tool arguments and
 * results are attributes in which a leak would show; tail sampling is on, as it is by
 * default, and keeps every trace (share 1.0).
 */
class ConcurrentRunPropagationLoadTests {

	private static final int RUNS = 1_000;

	private static final int CALLER_THREADS = 200;

	/** Every run's own values carry its token: {@code t0042z} for run 42. */
	private static final Pattern TOKEN = Pattern.compile("t(\\d{4})z");

	private static final Pattern UUID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final String RUN = "invoke_agent order-agent";

	private static final String CHAT = "chat " + ScriptedChatModel.MODEL;

	private static final String LOOKUP = "execute_tool lookupOrders";

	/** The spans of one run, by name: what each run must export, no more, no less. */
	private static final Map<String, Integer> SPANS_PER_RUN = Map.of(RUN, 1, CHAT, 2, LOOKUP, 1,
			"execute_tool orderHistory", 1, "execute_tool loyaltyPoints", 1, "execute_tool checkInventory", 2,
			"execute_tool audit", 1);

	private static final int SPANS_PER_RUN_TOTAL = SPANS_PER_RUN.values().stream().mapToInt(Integer::intValue).sum();

	private ConfigurableApplicationContext app;

	private ExecutorService callers;

	@AfterEach
	void close() {
		if (this.callers != null) {
			this.callers.shutdownNow();
		}
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void aThousandConcurrentRunsEachExportOnlyTheirOwnTreeWithOnlyTheirOwnValues() throws Exception {
		this.app = new SpringApplicationBuilder(TracedAgentApplication.class, LoadAgents.class)
			.web(WebApplicationType.NONE)
			.properties(TracedAgentApplication.PROPERTIES)
			.properties("agent-tracing.capture.enabled=true", "spring.main.banner-mode=off",
					"logging.level.root=WARN", "management.otlp.metrics.export.enabled=false")
			.run();
		InMemorySpanExporter exporter = this.app.getBean(InMemorySpanExporter.class);
		this.app.getBean(ScriptedChatModel.class).respondWith(ConcurrentRunPropagationLoadTests::respond);
		OrderAgent agent = this.app.getBean(OrderAgent.class);
		exporter.reset();

		long start = System.nanoTime();
		long cpuStart = processCpuNanos();
		AtomicInteger callerThreads = new AtomicInteger();
		this.callers = Executors.newFixedThreadPool(CALLER_THREADS,
				(task) -> new Thread(task, "load-caller-" + callerThreads.incrementAndGet()));
		CountDownLatch go = new CountDownLatch(1);
		List<CompletableFuture<Outcome>> results = IntStream.range(0, RUNS)
			.mapToObj((run) -> CompletableFuture.supplyAsync(() -> {
				awaitUninterruptibly(go);
				return (run % 2 == 0) ? CompletableFuture.completedFuture(agent.handle(new Customer(user(run)),
						conversation(run), session(run)))
						: agent.handleReactively(new Customer(user(run)), conversation(run), session(run)).toFuture();
			}, this.callers).thenCompose(Function.identity()))
			.toList();
		go.countDown();
		List<Outcome> outcomes = new ArrayList<>(RUNS);
		for (CompletableFuture<Outcome> result : results) {
			outcomes.add(result.get(2, TimeUnit.MINUTES));
		}
		long runsDone = System.nanoTime();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> exporter.getFinishedSpanItems().size(), (finished) -> finished >= RUNS * SPANS_PER_RUN_TOTAL);
		long spansDone = System.nanoTime();
		long cpu = processCpuNanos() - cpuStart;
		List<SpanData> spans = exporter.getFinishedSpanItems();

		assertThat(agent.peakInFlight()).as("runs in flight at once").isGreaterThanOrEqualTo(CALLER_THREADS);
		assertThat(countByName(spans)).as("exported spans by name")
			.isEqualTo(SPANS_PER_RUN.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue() * RUNS)));
		SamplingStats sampling = this.app.getBean(SamplingStats.class);
		assertThat(sampling.spansDropped()).as(sampling.toString()).isZero();
		Map<String, Integer> runOfRunId = new HashMap<>();
		for (int run = 0; run < RUNS; run++) {
			Outcome outcome = outcomes.get(run);
			assertThat(outcome.runId()).as("run id seen by run %d", run).isNotNull();
			assertThat(runOfRunId.put(outcome.runId(), run)).as("other run with the run id of run %d", run).isNull();
		}
		Map<String, List<SpanData>> traces = spans.stream().collect(Collectors.groupingBy(SpanData::getTraceId));
		assertThat(countByName(traces.values()
			.stream()
			.filter((trace) -> trace.stream().noneMatch((span) -> span.getName().equals(RUN)))
			.flatMap(List::stream)
			.toList())).as("spans in a trace without a run, by name").isEmpty();
		assertThat(traces.size()).as("traces").isEqualTo(RUNS);
		Set<Integer> tracedRuns = new HashSet<>();
		for (List<SpanData> trace : traces.values()) {
			SpanTree tree = SpanTree.of(trace);
			int run = index(attr(tree.one(RUN), AgentAttributes.USER_ID));
			assertThat(tracedRuns.add(run)).as("run %d has one trace", run).isTrue();
			assertRunTree(run, outcomes.get(run), tree);
			assertNoValueOfAnotherRun(run, runOfRunId, tree);
		}
		long endingAfterTheirRun = traces.values().stream().filter((trace) -> {
			long runEnd = SpanTree.of(trace).one(RUN).getEndEpochNanos();
			return trace.stream().anyMatch((span) -> span.getEndEpochNanos() > runEnd);
		}).count();
		System.out.printf("%d runs on %d caller threads, at most %d in flight: runs %d ms, spans exported %d ms after"
				+ " (process CPU %d ms for both), checks %d ms; %d runs with a span ending after the run; %s%n", RUNS,
				CALLER_THREADS, agent.peakInFlight(), millis(runsDone - start), millis(spansDone - runsDone),
				millis(cpu), millis(System.nanoTime() - spansDone), endingAfterTheirRun, sampling);
	}

	/**
	 * One root run; the model calls, the @Async step, the parallel tools and the tool of
	 * the streamed round under it; the two tools that tool fans out to under that tool.
	 */
	private static void assertRunTree(int run, Outcome outcome, SpanTree tree) {
		SpanData root = tree.one(RUN);
		assertThat(root.getParentSpanContext().isValid()).as("run %d is a root%n%s", run, tree).isFalse();
		assertThat(countByName(tree.spans())).as("spans of run %d%n%s", run, tree)
			.isEqualTo(SPANS_PER_RUN);
		SpanData lookup = tree.one(LOOKUP);
		for (SpanData span : tree.spans()) {
			if (span == root) {
				continue;
			}
			SpanData expectedParent = span.getName().equals("execute_tool orderHistory")
					|| span.getName().equals("execute_tool loyaltyPoints") ? lookup : root;
			assertThat(tree.parentOf(span).getSpanId()).as("parent of %s in run %d%n%s", span.getName(), run, tree)
				.isEqualTo(expectedParent.getSpanId());
		}
		assertThat(attr(root, AgentAttributes.USER_ID)).isEqualTo(user(run));
		assertThat(attr(root, AgentAttributes.SESSION_ID)).isEqualTo(session(run));
		assertThat(attr(root, GenAiAttributes.CONVERSATION_ID)).isEqualTo(conversation(run));
		assertThat(attr(root, AgentAttributes.WORKFLOW_RUN_ID)).as("run id of run %d", run)
			.isEqualTo(outcome.runId())
			.isEqualTo(outcome.mdcRunId());
		// what the run counted of its own operations: a call counted in another run shows here
		assertThat(raw(root, "agent.outcome")).as("run %d%n%s", run, tree).isEqualTo("success");
		assertThat(raw(root, "agent.model_calls")).as("model calls of run %d%n%s", run, tree).isEqualTo(2L);
		assertThat(raw(root, "agent.tool_calls")).as("tool calls of run %d%n%s", run, tree).isEqualTo(6L);
		assertThat(raw(root, "gen_ai.usage.input_tokens")).as("input tokens of run %d", run).isEqualTo(30L);
		assertThat(raw(root, "gen_ai.usage.output_tokens")).as("output tokens of run %d", run).isEqualTo(12L);
		assertThat(root.getEvents()).extracting(EventData::getName)
			.as("events of run %d", run)
			.containsExactly("agent.iteration", "agent.iteration", "agent.loop_terminated");
		assertThat(tree.named(CHAT)).allSatisfy((chat) -> {
			assertThat(attr(chat, GenAiAttributes.CONVERSATION_ID)).isEqualTo(conversation(run));
			assertThat(attr(chat, GenAiAttributes.RESPONSE_ID)).endsWith(token(run));
		});
		assertThat(attr(lookup, GenAiAttributes.TOOL_CALL_ID)).isEqualTo("call-" + token(run));
		assertThat(List.of(outcome.audit(), outcome.north(), outcome.south())).allSatisfy((receipt) -> {
			assertThat(receipt.customer()).isEqualTo(user(run));
			assertThat(receipt.runId()).isEqualTo(outcome.runId());
		});
		assertThat(outcome.audit().mdcRunId()).isEqualTo(outcome.runId());
		assertThat(outcome.audit().thread()).doesNotStartWith("load-caller-");
		assertThat(outcome.answer()).contains("Orders of " + token(run), "orderHistory", "loyaltyPoints")
			.doesNotContain("runId=null");
	}

	/**
	 * Every attribute of every span and span event of a run, whatever its key, holds no
	 * token and no {@code workflow.run_id} of another run.
	 */
	private static void assertNoValueOfAnotherRun(int run, Map<String, Integer> runOfRunId, SpanTree tree) {
		for (SpanData span : tree.spans()) {
			List<Attributes> all = new ArrayList<>();
			all.add(span.getAttributes());
			span.getEvents().stream().map(EventData::getAttributes).forEach(all::add);
			for (Attributes attributes : all) {
				attributes.forEach((key, value) -> {
					String text = String.valueOf(value);
					Matcher token = TOKEN.matcher(text);
					while (token.find()) {
						assertThat(Integer.parseInt(token.group(1)))
							.as("run of the token in %s of %s in run %d%n%s", key, span.getName(), run, tree)
							.isEqualTo(run);
					}
					Matcher runId = UUID.matcher(text);
					while (runId.find()) {
						assertThat(runOfRunId.getOrDefault(runId.group(), run))
							.as("run of the run id in %s of %s in run %d%n%s", key, span.getName(), run, tree)
							.isEqualTo(run);
					}
				});
			}
		}
	}

	/**
	 * The model asks for the customer's orders, then answers with what the tool returned,
	 * so a tool result of another run would show in the answer.
	 */
	private static ChatResponse respond(Prompt prompt) {
		Matcher matcher = TOKEN.matcher(prompt.getUserMessage().getText());
		if (!matcher.find()) {
			throw new IllegalStateException("No run token in " + prompt);
		}
		String token = matcher.group();
		List<ToolResponseMessage> toolResults = prompt.getInstructions()
			.stream()
			.filter(ToolResponseMessage.class::isInstance)
			.map(ToolResponseMessage.class::cast)
			.toList();
		if (toolResults.isEmpty()) {
			return toolCalls("resp-1-" + token, 10, 5,
					call("call-" + token, "lookupOrders", "{\"customerId\":\"user-" + token + "\"}"));
		}
		String results = toolResults.stream()
			.flatMap((message) -> message.getResponses().stream())
			.map(ToolResponseMessage.ToolResponse::responseData)
			.collect(Collectors.joining(" "));
		return answer("resp-2-" + token, "Orders of " + token + ": " + results, "STOP", 20, 7);
	}

	private static Map<String, Integer> countByName(List<SpanData> spans) {
		return spans.stream().collect(Collectors.groupingBy(SpanData::getName, Collectors.summingInt((span) -> 1)));
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static String token(int run) {
		return String.format("t%04dz", run);
	}

	private static String user(int run) {
		return "user-" + token(run);
	}

	private static String session(int run) {
		return "session-" + token(run);
	}

	private static String conversation(int run) {
		return "conv-" + token(run);
	}

	private static int index(String value) {
		Matcher matcher = TOKEN.matcher(value);
		assertThat(matcher.find()).as("token in %s", value).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	public record Customer(String id) {
	}

	/** What a tool saw of the run it ran in, on the thread it ran on. */
	public record Receipt(String tool, String customer, String runId, String mdcRunId, String thread) {
	}

	/** What a run returned, and what it saw of itself. */
	public record Outcome(String runId, String mdcRunId, String answer, Receipt audit, Receipt north, Receipt south) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class LoadAgents {

		@Bean
		Ledger ledger(AgentRuns runs) {
			return new Ledger(runs);
		}

		@Bean
		OrderTools orderTools(Ledger ledger, @Qualifier("applicationTaskExecutor") Executor executor) {
			return new OrderTools(ledger, executor);
		}

		@Bean
		AsyncSteps asyncSteps(Ledger ledger) {
			return new AsyncSteps(ledger);
		}

		@Bean
		OrderAgent orderAgent(ChatClient.Builder chatClient, OrderTools tools, Ledger ledger, AsyncSteps steps,
				AgentRuns runs, @Qualifier("applicationTaskExecutor") Executor executor) {
			return new OrderAgent(chatClient.build(), tools, ledger, steps, runs, executor, RUNS / 2);
		}

	}

	/** The tools that do the work, each telling which run it saw. */
	public static class Ledger {

		private final AgentRuns runs;

		Ledger(AgentRuns runs) {
			this.runs = runs;
		}

		@AgentTool
		public Receipt orderHistory(String customerId) {
			return receipt("orderHistory", customerId);
		}

		@AgentTool
		public Receipt loyaltyPoints(String customerId) {
			return receipt("loyaltyPoints", customerId);
		}

		@AgentTool
		public Receipt checkInventory(String customerId, String warehouse) {
			return receipt("checkInventory", customerId);
		}

		@AgentTool
		public Receipt audit(String customerId) {
			return receipt("audit", customerId);
		}

		private Receipt receipt(String tool, String customerId) {
			return new Receipt(tool, customerId, this.runs.currentRunId().orElse(null), MDC.get("workflow.run_id"),
					Thread.currentThread().getName());
		}

	}

	/** The tool the model calls: it asks two ledger tools in parallel. */
	public static class OrderTools {

		private final Ledger ledger;

		private final Executor executor;

		OrderTools(Ledger ledger, Executor executor) {
			this.ledger = ledger;
			this.executor = executor;
		}

		@Tool(description = "The orders of a customer")
		@AgentTool
		public String lookupOrders(String customerId) {
			CompletableFuture<Receipt> history = CompletableFuture
				.supplyAsync(() -> this.ledger.orderHistory(customerId), this.executor);
			CompletableFuture<Receipt> points = CompletableFuture
				.supplyAsync(() -> this.ledger.loyaltyPoints(customerId), this.executor);
			return history.join() + " " + points.join();
		}

	}

	public static class AsyncSteps {

		private final Ledger ledger;

		AsyncSteps(Ledger ledger) {
			this.ledger = ledger;
		}

		@Async
		public CompletableFuture<Receipt> auditLater(String customerId) {
			return CompletableFuture.completedFuture(this.ledger.audit(customerId));
		}

	}

	public static class OrderAgent {

		private final ChatClient chatClient;

		private final OrderTools tools;

		private final Ledger ledger;

		private final AsyncSteps steps;

		private final AgentRuns runs;

		private final Executor executor;

		private final AtomicInteger inFlight = new AtomicInteger();

		private final AtomicInteger peakInFlight = new AtomicInteger();

		private final CompletableFuture<Void> batch = new CompletableFuture<>();

		private final AtomicInteger arrivals = new AtomicInteger();

		private final int batchSize;

		OrderAgent(ChatClient chatClient, OrderTools tools, Ledger ledger, AsyncSteps steps, AgentRuns runs,
				Executor executor, int batchSize) {
			this.batchSize = batchSize;
			this.chatClient = chatClient;
			this.tools = tools;
			this.ledger = ledger;
			this.steps = steps;
			this.runs = runs;
			this.executor = executor;
		}

		int peakInFlight() {
			return this.peakInFlight.get();
		}

		@AgentRun(name = "order-agent", userId = "#customer.id")
		public Outcome handle(Customer customer, @ConversationId String conversation, @SessionId String session) {
			this.peakInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
			try {
				CompletableFuture<Receipt> audit = this.steps.auditLater(customer.id());
				CompletableFuture<Receipt> north = CompletableFuture
					.supplyAsync(() -> this.ledger.checkInventory(customer.id(), "north"), this.executor);
				CompletableFuture<Receipt> south = CompletableFuture
					.supplyAsync(() -> this.ledger.checkInventory(customer.id(), "south"), this.executor);
				String answer = this.chatClient.prompt()
					.user("Where are the orders of " + customer.id() + "?")
					.tools(this.tools)
					.stream()
					.content()
					.collect(Collectors.joining())
					.block(Duration.ofMinutes(1));
				return new Outcome(this.runs.currentRunId().orElse(null), MDC.get("workflow.run_id"), answer,
						audit.join(), north.join(), south.join());
			}
			finally {
				this.inFlight.decrementAndGet();
			}
		}

		/**
		 * The same run, returned to its caller as a {@code Mono} before any of it is done.
		 * Its model call waits for the batch: the last run to arrive releases all the others,
		 * whose streams then start on its thread, inside its scope.
		 */
		@AgentRun(name = "order-agent", userId = "#customer.id")
		public Mono<Outcome> handleReactively(Customer customer, @ConversationId String conversation,
				@SessionId String session) {
			this.peakInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
			String runId = this.runs.currentRunId().orElse(null);
			String mdcRunId = MDC.get("workflow.run_id");
			CompletableFuture<Receipt> audit = this.steps.auditLater(customer.id());
			CompletableFuture<Receipt> north = CompletableFuture
				.supplyAsync(() -> this.ledger.checkInventory(customer.id(), "north"), this.executor);
			CompletableFuture<Receipt> south = CompletableFuture
				.supplyAsync(() -> this.ledger.checkInventory(customer.id(), "south"), this.executor);
			Mono<String> answer = Mono.fromFuture(this.batch)
				.then(this.chatClient.prompt()
					.user("Where are the orders of " + customer.id() + "?")
					.tools(this.tools)
					.stream()
					.content()
					.collect(Collectors.joining()));
			if (this.arrivals.incrementAndGet() == this.batchSize) {
				this.batch.complete(null);
			}
			return Mono
				.zip(answer, Mono.fromFuture(audit), Mono.fromFuture(north), Mono.fromFuture(south))
				.map((all) -> new Outcome(runId, mdcRunId, all.getT1(), all.getT2(), all.getT3(), all.getT4()))
				.doFinally((signal) -> this.inFlight.decrementAndGet());
		}

	}

}
