package dev.agenttracing.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.agenttracing.recorder.FlightRecorder;
import dev.agenttracing.sampling.SamplingStats;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.support.ScriptedChatModel;
import dev.agenttracing.support.TracedAgentApplication;
import dev.agenttracing.support.TracedAgentApplication.SupportAgent;
import dev.agenttracing.support.TracedAgentApplication.Ticket;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.agenttracing.support.ScriptedChatModel.answer;
import static dev.agenttracing.support.ScriptedChatModel.call;
import static dev.agenttracing.support.ScriptedChatModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Ten thousand agent runs from 200 concurrent callers through the real {@code ChatClient}
 * tool loop, with tail sampling at a quarter of the successes and content capture on.
 * Every caller's input is its own (user, conversation, session, ticket tag, prompt and tool
 * argument), so the runs also show that no user-controlled value becomes a span name or a
 * metric series. The runs happen once, before the tests; each test checks one property of
 * what they left behind.
 */
@SpringBootTest(classes = TracedAgentApplication.class,
		properties = { "management.tracing.sampling.probability=1.0", "spring.ai.model.chat=scripted",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none",
				"management.otlp.metrics.export.enabled=false", "agent-tracing.sampling.success-ratio=0.25",
				"agent-tracing.capture.enabled=true" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentRunsUnderLoadTests {

	private static final int CALLERS = 200;

	private static final int RUNS = 10_000;

	private static final int BATCH = 1_000;

	/** Runs before the measurements: classes loaded, code compiled, the recorder's lists filling. */
	private static final int WARM_UP_RUNS = 1_000;

	/** Every tenth run fails: its second model call throws. */
	private static final int FAILING_EVERY = 10;

	private static final double SUCCESS_RATIO = 0.25;

	/** The retained-heap growth allowed over 10,000 runs: about 800 bytes a run (measured: 1.5 to 2.1 MB in all). */
	private static final long HEAP_GROWTH_BOUND = 8L * 1024 * 1024;

	private static final Pattern CUSTOMER = Pattern.compile("cust-(\\d+)");

	private static final String RUN = "invoke_agent support-router";

	private static final String CHAT = "chat " + ScriptedChatModel.MODEL;

	private static final String TOOL = "execute_tool lookupCustomer";

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	ScriptedChatModel model;

	@Autowired
	SupportAgent agent;

	@Autowired
	SamplingStats sampling;

	@Autowired
	FlightRecorder recorder;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TracingFailures failures;

	private final List<String> problems = new ArrayList<>();

	private final Set<String> spanNamesAfterFirstRuns = new TreeSet<>();

	private final Set<String> spanNames = new TreeSet<>();

	private Set<String> seriesAfterFirstRuns;

	private Set<String> series;

	private int keptFailures;

	private int keptSuccesses;

	private final AtomicInteger failingRuns = new AtomicInteger();

	private long heapBefore;

	private long heapAfter;

	private Map<Long, String> threadsBefore;

	private long elapsedMillis;

	@BeforeAll
	void runTenThousandAgentsFromTwoHundredCallers() throws Exception {
		this.model.respondWith(AgentRunsUnderLoadTests::respond);
		this.exporter.reset();
		ExecutorService warmUp = Executors.newFixedThreadPool(CALLERS);
		runBatch(warmUp, 0, 100);
		this.spanNamesAfterFirstRuns.addAll(this.spanNames);
		this.seriesAfterFirstRuns = series();
		for (int first = 100; first < WARM_UP_RUNS; first += BATCH) {
			runBatch(warmUp, first, Math.min(BATCH, WARM_UP_RUNS - first));
		}
		stop(warmUp);
		this.keptFailures = 0;
		this.keptSuccesses = 0;
		this.failingRuns.set(0);
		this.threadsBefore = liveThreads();
		this.heapBefore = usedHeapAfterGc();

		long start = System.nanoTime();
		ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
		for (int first = WARM_UP_RUNS; first < WARM_UP_RUNS + RUNS; first += BATCH) {
			runBatch(callers, first, BATCH);
		}
		stop(callers);
		this.elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		this.series = series();
		this.exporter.reset();
		this.heapAfter = usedHeapAfterGc();
		System.out.printf("%d runs from %d callers in %d ms; kept %d of %d failures, %d of %d successes; "
				+ "used heap after GC %d KB before, %d KB after (%+d KB); %d meter series%n", RUNS, CALLERS,
				this.elapsedMillis, this.keptFailures, this.failingRuns.get(), this.keptSuccesses,
				RUNS - this.failingRuns.get(), this.heapBefore / 1024, this.heapAfter / 1024,
				(this.heapAfter - this.heapBefore) / 1024, this.series.size());
	}

	@Test
	void everyKeptTraceIsWholeAndEveryFailedRunIsKept() {
		assertThat(this.problems).isEmpty();
		assertThat(this.failingRuns).hasValue(RUNS / FAILING_EVERY);
		assertThat(this.keptFailures).isEqualTo(this.failingRuns.get());
		assertThat(this.failures.snapshot()).isEmpty();
	}

	@Test
	void successfulRunsAreKeptAtTheConfiguredRatio() {
		double share = (double) this.keptSuccesses / (RUNS - this.failingRuns.get());
		assertThat(share).isCloseTo(SUCCESS_RATIO, within(0.03));
	}

	@Test
	void retainedHeapStaysFlatAndTheSamplingBufferDrains() {
		assertThat(this.sampling.heldSpans()).isZero();
		assertThat(this.sampling.heldTraces()).isZero();
		assertThat(this.recorder.stats().pendingTraces()).isZero();
		assertThat(this.heapAfter - this.heapBefore).as("retained heap growth in bytes")
			.isLessThan(HEAP_GROWTH_BOUND);
	}

	@Test
	void everyThreadStartedForTheRunsEnds() {
		await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
			Map<Long, String> left = liveThreads();
			left.keySet().removeAll(this.threadsBefore.keySet());
			// the JDK's own, started when a tool attaches to the JVM or Surefire checks its parent process
			left.values().removeAll(Set.of("Attach Listener", "process reaper"));
			assertThat(left).as("threads started during the runs and still alive").isEmpty();
		});
	}

	@Test
	void spanNamesAndMeterSeriesDoNotGrowWithUserInput() {
		assertThat(this.spanNames).isEqualTo(this.spanNamesAfterFirstRuns).containsExactly(CHAT, TOOL, RUN);
		assertThat(this.series).isEqualTo(this.seriesAfterFirstRuns);
		assertThat(this.meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.noneMatch((tag) -> tag.getValue().matches(".*(cust|conv|sess|prio)-\\d+.*")));
	}

	private void runBatch(ExecutorService callers, int first, int count) {
		List<CompletableFuture<Void>> runs = new ArrayList<>();
		for (int i = first; i < first + count; i++) {
			int n = i;
			runs.add(CompletableFuture.runAsync(() -> runAgent(n), callers));
		}
		CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.sampling.heldSpans() == 0 && this.sampling.heldTraces() == 0);
		checkKeptTraces(this.exporter.getFinishedSpanItems());
		this.exporter.reset();
	}

	private void runAgent(int n) {
		boolean failing = n % FAILING_EVERY == 0;
		String text = "Which plan is customer cust-" + n + " on?" + (failing ? " [outage]" : "");
		try {
			String answer = this.agent.handle(new Ticket("cust-" + n, "prio-" + n, text), "conv-" + n, "sess-" + n);
			if (failing || !answer.equals("Customer cust-" + n + " is on the pro plan.")) {
				problem("run " + n + " answered " + answer);
			}
		}
		catch (IllegalStateException ex) {
			if (!failing || !"model outage".equals(ex.getMessage())) {
				problem("run " + n + " threw " + ex);
			}
			this.failingRuns.incrementAndGet();
		}
		catch (RuntimeException ex) {
			problem("run " + n + " threw " + ex);
		}
	}

	/** The model: a tool call for the customer named in the prompt, then an answer. */
	private static ChatResponse respond(Prompt prompt) {
		List<Message> messages = prompt.getInstructions();
		String question = messages.stream()
			.filter(UserMessage.class::isInstance)
			.map(Message::getText)
			.findFirst()
			.orElseThrow();
		Matcher customer = CUSTOMER.matcher(question);
		customer.find();
		String id = customer.group();
		if (!(messages.get(messages.size() - 1) instanceof ToolResponseMessage)) {
			return toolCalls("resp-" + id, 10, 5, call("call-" + id, "lookupCustomer", "{\"customerId\":\"" + id + "\"}"));
		}
		if (question.endsWith("[outage]")) {
			throw new IllegalStateException("model outage");
		}
		return answer("resp-" + id, "Customer " + id + " is on the pro plan.", "STOP", 20, 8);
	}

	private void checkKeptTraces(List<SpanData> spans) {
		spans.forEach((span) -> this.spanNames.add(span.getName()));
		Map<String, List<SpanData>> traces = spans.stream().collect(Collectors.groupingBy(SpanData::getTraceId));
		for (List<SpanData> trace : traces.values()) {
			List<SpanData> runs = trace.stream().filter((span) -> span.getName().equals(RUN)).toList();
			if (runs.size() != 1 || runs.get(0).getParentSpanContext().isValid()) {
				problem("not one root run in " + names(trace));
				continue;
			}
			SpanData run = runs.get(0);
			String customer = run.getAttributes().get(AgentAttributes.USER_ID);
			int n = Integer.parseInt(customer.substring("cust-".length()));
			boolean failing = n % FAILING_EVERY == 0;
			List<String> names = names(trace);
			if (!names.equals(List.of(CHAT, CHAT, TOOL, RUN))) {
				problem(customer + ": spans " + names);
			}
			for (SpanData span : trace) {
				if (span != run && !span.getParentSpanId().equals(run.getSpanId())) {
					problem(customer + ": " + span.getName() + " is not a child of the run");
				}
				String content = span.getName().equals(TOOL)
						? span.getAttributes().get(GenAiAttributes.TOOL_CALL_ARGUMENTS)
						: span.getAttributes().get(GenAiAttributes.INPUT_MESSAGES);
				if (span != run && (content == null || !CUSTOMER.matcher(content).results()
					.allMatch((match) -> match.group().equals(customer)) || !content.contains(customer))) {
					problem(customer + ": " + span.getName() + " holds another run's content: " + content);
				}
			}
			StatusCode status = run.getStatus().getStatusCode();
			if (failing != (status == StatusCode.ERROR)) {
				problem(customer + ": run status " + status);
			}
			if (failing) {
				this.keptFailures++;
			}
			else {
				this.keptSuccesses++;
			}
		}
	}

	private synchronized void problem(String problem) {
		if (this.problems.size() < 20) {
			this.problems.add(problem);
		}
	}

	private Set<String> series() {
		// The JVM's own meters gain series as the collector meets new GC causes: not ours.
		return this.meters.getMeters()
			.stream()
			.map(Meter::getId)
			.filter((id) -> !id.getName().startsWith("jvm."))
			.map((id) -> id.getName() + id.getTags())
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static List<String> names(List<SpanData> trace) {
		return trace.stream().map(SpanData::getName).sorted().toList();
	}

	private static void stop(ExecutorService callers) throws InterruptedException {
		callers.shutdown();
		assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
	}

	private static Map<Long, String> liveThreads() {
		Map<Long, String> threads = new HashMap<>();
		Thread.getAllStackTraces().keySet().forEach((thread) -> threads.put(thread.getId(), thread.getName()));
		return threads;
	}

	/** Used heap once a full collection no longer frees anything more. */
	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long[] previous = { Long.MAX_VALUE };
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			System.gc();
			long used = memory.getHeapMemoryUsage().getUsed();
			boolean stable = Math.abs(previous[0] - used) < 256 * 1024;
			previous[0] = used;
			return stable;
		});
		return previous[0];
	}

}
