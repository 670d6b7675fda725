package dev.agenttracing.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import dev.agenttracing.recorder.FlightRecorder;
import dev.agenttracing.recorder.RunQuery;
import dev.agenttracing.sample.router.ExampleTickets;
import dev.agenttracing.sample.router.RouterAnswer;
import dev.agenttracing.sample.router.SupportRouterAgent;
import dev.agenttracing.sample.router.Ticket;
import dev.agenttracing.test.AgentRunTrace;
import dev.agenttracing.test.RunComparison;
import dev.agenttracing.test.TraceFixtures;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static dev.agenttracing.test.AgentTraceAssertions.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The flight recorder's viewer in a real browser (headless Chromium): the sample routes
 * its example tickets and a hostile one, and the page shows the runs, the tree of the run
 * whose tool failed with its first error, the run with findings found by the finding
 * filter and its first finding one click away, the refused run, and hostile content as
 * text; a run downloads as a test fixture that {@code TraceFixtures} loads, and two pricing
 * runs compared side by side show where they part, as {@code RunComparison} says they do.
 * Screenshots go to {@code target/}.
 *
 * <p>
 * Runs only in the {@code browser} profile ({@code ./mvnw -B -Pbrowser verify}), where
 * Chromium and ChromeDriver are required, not optional: {@code .ci/install-browser.sh}
 * installs them, and the test fails without them. Other locations can be given with {@code -Dchromium.binary=...} and
 * {@code -Dchromedriver.path=...}.
 */
class FlightRecorderViewerBrowserTests {

	/** Markup that would change the page title if the page ran it. */
	static final String HOSTILE = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";

	private static final String TITLE = "Agent runs · flight recorder";

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final Ticket EUR_PRICING = new Ticket("T-2002", "c-042", "How much does the Pro plan cost in EUR?");

	private static SupportRouterSample.Running sample;

	private static ChromeDriver browser;

	private static String viewerUrl;

	private static String hostileRunId;

	@BeforeAll
	static void routeTicketsAndOpenABrowser() throws IOException {
		ChromeDriverService driverService = chromeDriverService();
		sample = SupportRouterSample.start(List.of(), "--server.port=0", "--sample.examples.enabled=false",
				"--sample.model.latency=0ms", "--management.opentelemetry.tracing.export.schedule-delay=100ms");
		SupportRouterAgent router = sample.router().getBean(SupportRouterAgent.class);
		for (Ticket ticket : ExampleTickets.TICKETS) {
			router.handle(ticket);
		}
		// Another pricing question, to compare with T-1002's.
		router.handle(EUR_PRICING);
		String base = "http://localhost:" + sample.router().getEnvironment().getProperty("local.server.port");
		hostileRunId = RestClient.create(base)
			.post()
			.uri("/tickets")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("id", "T-6666", "customerId", HOSTILE, "text", HOSTILE))
			.retrieve()
			.body(RouterAnswer.class)
			.runId();
		FlightRecorder recorder = sample.router().getBean(FlightRecorder.class);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(recorder.runs(RunQuery.all()).runs())
				.hasSize(ExampleTickets.TICKETS.size() + 2));
		viewerUrl = base + "/agent-tracing/runs/";
		browser = new ChromeDriver(driverService, chromeOptions());
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (sample != null) {
			sample.close();
		}
	}

	@Test
	void theRunWithAFailedToolShowsItsTreeAndItsFirstError() throws IOException {
		openViewer();
		assertThat(runRows()).extracting((row) -> row.findElement(By.cssSelector("td.conversation")).getText())
			.containsAll(ExampleTickets.TICKETS.stream().map(Ticket::id).toList())
			.contains("T-6666");

		runRow("T-1007").click();
		WebElement failedTool = await().atMost(PATIENCE)
			.until(() -> spanRow("execute_tool lookupCustomer"), (row) -> row != null);

		List<WebElement> spans = spanRows();
		assertThat(spans.get(0).getDomAttribute("data-depth")).isEqualTo("0");
		assertThat(name(spans.get(0))).isEqualTo("invoke_agent support-router");
		assertThat(spans.subList(1, spans.size())).allSatisfy((span) -> assertThat(span.getDomAttribute("data-depth"))
			.isEqualTo("1"));
		assertThat(spans).extracting(FlightRecorderViewerBrowserTests::name)
			.containsExactly("invoke_agent support-router", "chat offline-support-1", "execute_tool lookupCustomer",
					"chat offline-support-1");
		assertThat(failedTool.getDomAttribute("class")).contains("error", "first-error", "selected");
		assertThat(failedTool.findElement(By.cssSelector(".first-error-badge")).getText())
			.isEqualToIgnoringCase("first error");
		assertThat(spans).filteredOn((span) -> span.getDomAttribute("class").contains("error")).hasSize(1);
		// The first error is selected: its attributes are shown.
		WebElement details = browser.findElement(By.id("span-details"));
		assertThat(details.findElement(By.tagName("h3")).getText()).isEqualTo("execute_tool lookupCustomer");
		assertThat(details.findElement(By.cssSelector(".error-box")).getText())
			.contains("dev.agenttracing.sample.router.CustomerNotFoundException");
		assertThat(attributeValue(details, "gen_ai.tool.name")).isEqualTo("lookupCustomer");
		assertThat(browser.findElement(By.id("run-header")).getText()).contains("support-router", "success",
				"c-999", "T-1007");
		WebElement download = browser.findElement(By.cssSelector("#run-header a.download"));
		assertThat(download.getDomProperty("href")).endsWith("/agent-tracing/runs/api/runs/" + traceIdOf("T-1007"));
		assertThat(download.getDomAttribute("download")).isEqualTo("agent-run-" + traceIdOf("T-1007") + ".json");
		screenshot("flight-recorder-viewer.png");
	}

	@Test
	void theRunWithFindingsIsFoundByTheFindingFilterAndItsFirstFindingIsOneClickAway() throws IOException {
		openViewer();
		filterByFinding("any");
		// T-1002 succeeded without throwing, and its pricing tool came back empty: flagged.
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(conversations(runRows())).contains("T-1002")
				.doesNotContain("T-1001", "T-1003", "T-1004", "T-1005", "T-1006"));
		openViewer();
		filterByFinding("ungrounded_value");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(conversations(runRows())).contains("T-1002")
				.doesNotContain("T-1001", "T-1003", "T-1004", "T-1005", "T-1006"));
		WebElement row = runRow("T-1002");
		assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("success");
		assertThat(row.findElements(By.cssSelector("td.findings .finding-kind"))).extracting(WebElement::getText)
			.contains("empty_tool_result", "ungrounded_value");

		row.click();
		WebElement banner = await().atMost(PATIENCE)
			.until(() -> browser.findElements(By.id("finding-banner")), (found) -> !found.isEmpty())
			.get(0);
		assertThat(banner.getText()).contains("findings:", "empty_tool_result on execute_tool lookupPricing",
				"ungrounded_value on chat");
		WebElement pricing = spanRow("execute_tool lookupPricing");
		assertThat(pricing.getDomAttribute("class")).contains("has-finding").doesNotContain("selected");
		assertThat(pricing.findElement(By.cssSelector(".finding-badge")).getText()).contains("empty_tool_result");
		assertThat(spanRows()).filteredOn((span) -> name(span).startsWith("chat "))
			.anySatisfy((chat) -> assertThat(chat.getDomAttribute("class")).contains("has-finding"));

		WebElement first = banner.findElement(By.cssSelector("button.finding-link.first-finding"));
		assertThat(first.getText()).isEqualTo("empty_tool_result on execute_tool lookupPricing");
		first.click();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(spanRow("execute_tool lookupPricing").getDomAttribute("class"))
				.contains("selected"));
		assertThat(spanRows()).filteredOn((span) -> span.getDomAttribute("class").contains("selected")).hasSize(1);
		WebElement details = browser.findElement(By.id("span-details"));
		assertThat(details.findElement(By.tagName("h3")).getText()).isEqualTo("execute_tool lookupPricing");
		WebElement finding = details.findElement(By.cssSelector(".finding-box"));
		assertThat(finding.findElement(By.cssSelector(".finding-kind")).getText()).isEqualTo("empty_tool_result");
		assertThat(finding.findElement(By.cssSelector(".finding-message")).getText()).contains("lookupPricing");
		assertThat(browser.getCurrentUrl()).contains("#trace=" + row.getDomAttribute("data-trace-id") + "&span=");
		screenshot("flight-recorder-viewer-finding.png");
	}

	@Test
	void aFindingOfTheApplicationsOwnDetectorIsOfferedByTheFilterAndShownOnItsStep() throws IOException {
		// A run as exported with the finding of a detector of the application's own.
		String traceId = "c0ffee00000000000000000000000002";
		sample.router()
			.getBean(FlightRecorder.class)
			.record(List.of(
					span(traceId, "0000000000000002", "0000000000000001", "execute_tool issueRefund", 10, 20,
							Attributes.builder()
								.put("gen_ai.operation.name", "execute_tool")
								.put("gen_ai.tool.name", "issueRefund")
								.build(),
							EventData.create(0, "agent.finding",
									Attributes.builder()
										.put("agent.finding.kind", "refund_above_policy")
										.put("agent.finding.message", "A refund of 900 EUR is above the policy limit")
										.put("agent.finding.limit", 500L)
										.build())),
					span(traceId, "0000000000000001", null, "invoke_agent refund-agent", 0, 30,
							Attributes.builder()
								.put("gen_ai.operation.name", "invoke_agent")
								.put("gen_ai.agent.name", "refund-agent")
								.put("gen_ai.conversation.id", "T-7777")
								.put("agent.outcome", "success")
								.put(AttributeKey.stringArrayKey("agent.findings"), List.of("refund_above_policy"))
								.put("agent.finding.count", 1L)
								.build())));

		openViewer();
		// The filter offers the kind once a listed run has it.
		Select finding = new Select(browser.findElement(By.cssSelector("#filters select[name=finding]")));
		assertThat(finding.getOptions()).extracting(WebElement::getText).contains("refund_above_policy");
		filterByFinding("refund_above_policy");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(conversations(runRows())).containsExactly("T-7777"));
		assertThat(runRow("T-7777").findElement(By.cssSelector("td.findings")).getText())
			.isEqualTo("refund_above_policy");

		runRow("T-7777").click();
		WebElement first = await().atMost(PATIENCE)
			.until(() -> browser.findElements(By.cssSelector("#finding-banner button.first-finding")),
					(found) -> !found.isEmpty())
			.get(0);
		assertThat(browser.findElement(By.id("finding-banner")).getText().replaceAll("\\s+", " "))
			.isEqualTo("1 finding: refund_above_policy on execute_tool issueRefund");
		assertThat(spanRow("invoke_agent refund-agent").getDomAttribute("class")).contains("selected")
			.doesNotContain("has-finding");
		first.click();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(spanRow("execute_tool issueRefund").getDomAttribute("class"))
				.contains("selected", "has-finding"));
		WebElement box = browser.findElement(By.cssSelector("#span-details .finding-box"));
		assertThat(box.getText()).isEqualTo(
				"refund_above_policy\nA refund of 900 EUR is above the policy limit\nlimit: 500");
		assertThat(browser.getCurrentUrl()).endsWith("#trace=" + traceId + "&span=0000000000000002");
	}

	@Test
	void theRefusedRunShowsItsOutcomeAndReason() throws IOException {
		openViewer();
		WebElement row = runRow("T-1005");
		assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("refused");

		row.click();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(browser.findElement(By.id("run-header")).getText()).contains("refused",
					"content_filter", "c-666"));
		assertThat(spanRows()).extracting(FlightRecorderViewerBrowserTests::name)
			.containsExactly("invoke_agent support-router", "chat offline-support-1");
		screenshot("flight-recorder-viewer-refused.png");
	}

	@Test
	void hostileContentIsShownAsTextAndNeverRuns() throws IOException {
		openViewer();
		WebElement row = runRow("T-6666");
		assertThat(row.findElement(By.cssSelector("td.user")).getDomProperty("textContent")).isEqualTo(HOSTILE);

		row.click();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(browser.findElement(By.id("run-header")).getText()).contains(HOSTILE,
					hostileRunId));
		// Routed over HTTP: the run hangs under the request's span.
		assertThat(spanRows()).extracting(FlightRecorderViewerBrowserTests::name)
			.startsWith("http post /tickets", "invoke_agent support-router");
		spanRow("invoke_agent support-router").click();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(attributeValue(browser.findElement(By.id("span-details")), "user.id"))
				.isEqualTo(HOSTILE));
		// The sample captures content: the prompt that carried the ticket is shown, as text.
		spanRows().stream().filter((span) -> name(span).startsWith("chat ")).findFirst().orElseThrow().click();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#span-details .message.role-user p.text")))
				.extracting((text) -> text.getDomProperty("textContent"))
				.anySatisfy((text) -> assertThat(text).contains(HOSTILE)));
		assertThat(browser.getTitle()).isEqualTo(TITLE);
		assertThat(browser.findElements(By.tagName("img"))).isEmpty();
		assertThat(browser.findElements(By.tagName("script"))).hasSize(1);
		screenshot("flight-recorder-viewer-hostile.png");
	}

	@Test
	void capturedContentIsShownAsAConversationAndPrettyJson() throws IOException {
		// Content capture is not on in the sample yet: record a run that captured it, as exported.
		String traceId = "c0ffee00000000000000000000000001";
		String input = "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"You are the support router.\"}]},"
				+ "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":" + jsonString(HOSTILE) + "}]},"
				+ "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call-1\",\"name\":\"lookupCustomer\","
				+ "\"arguments\":{\"customerId\":\"c-042\"}}]},"
				+ "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call-1\",\"response\":{\"plan\":\"pro\"}}]}]";
		String output = "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"You are on the <b>Pro</b> plan.\"}],"
				+ "\"finish_reason\":\"stop\"}]";
		sample.router()
			.getBean(FlightRecorder.class)
			.record(List.of(
					span(traceId, "0000000000000002", "0000000000000001", "chat gpt-4o", 10, 40,
							Attributes.builder()
								.put("gen_ai.operation.name", "chat")
								.put("gen_ai.input.messages", input)
								.put("gen_ai.output.messages", output)
								.build()),
					span(traceId, "0000000000000003", "0000000000000001", "execute_tool lookupCustomer", 45, 50,
							Attributes.builder()
								.put("gen_ai.operation.name", "execute_tool")
								.put("gen_ai.tool.call.arguments", "{\"customerId\":\"c-042\"}")
								.put("gen_ai.tool.call.result", "{\"plan\":\"pro\",\"seats\":3}")
								.build()),
					span(traceId, "0000000000000001", null, "invoke_agent content-agent", 0, 60,
							Attributes.builder()
								.put("gen_ai.operation.name", "invoke_agent")
								.put("gen_ai.agent.name", "content-agent")
								.put("agent.outcome", "success")
								.build())));

		browser.get(viewerUrl + "#trace=" + traceId + "&span=0000000000000002");
		WebElement details = browser.findElement(By.id("span-details"));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(details.findElements(By.cssSelector(".message"))).hasSize(5));
		List<WebElement> messages = details.findElements(By.cssSelector(".message"));
		assertThat(messages)
			.extracting((message) -> message.findElement(By.cssSelector(".role")).getDomProperty("textContent"))
			.containsExactly("system", "user", "assistant", "tool", "assistant  finish: stop");
		assertThat(messages.get(1).findElement(By.cssSelector("p.text")).getDomProperty("textContent"))
			.isEqualTo(HOSTILE);
		assertThat(messages.get(2).getText()).contains("calls lookupCustomer", "\"customerId\": \"c-042\"");
		assertThat(messages.get(3).findElement(By.cssSelector("pre.json")).getText())
			.isEqualTo("{\n  \"plan\": \"pro\"\n}");
		assertThat(messages.get(4).findElement(By.cssSelector("p.text")).getText())
			.isEqualTo("You are on the <b>Pro</b> plan.");
		assertThat(browser.getTitle()).isEqualTo(TITLE);
		assertThat(browser.findElements(By.tagName("img"))).isEmpty();
		assertThat(browser.findElements(By.tagName("b"))).isEmpty();
		screenshot("flight-recorder-viewer-content.png");

		spanRow("execute_tool lookupCustomer").click();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(details.findElements(By.cssSelector("section.content pre.json")))
				.extracting(WebElement::getText)
				.containsExactly("{\n  \"customerId\": \"c-042\"\n}", "{\n  \"plan\": \"pro\",\n  \"seats\": 3\n}"));
	}

	@Test
	void theRunPageDownloadsTheRunAsATestFixtureThatTraceFixturesLoadsAndShowsTheJUnitThatReplaysIt()
			throws IOException {
		openViewer();
		String traceId = traceIdOf("T-1002");
		runRow("T-1002").click();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(browser.findElement(By.id("run-header")).getText()).contains("T-1002"));

		WebElement download = browser.findElement(By.cssSelector("#run-header a.download"));
		assertThat(download.getText()).isEqualTo("Download as a test fixture");
		assertThat(download.getDomAttribute("download")).isEqualTo("agent-run-" + traceId + ".json");
		// What the link downloads, fetched as the browser does: the fixture loads and is the run.
		String fixture = RestClient.create().get().uri(download.getDomProperty("href")).retrieve().body(String.class);
		AgentRunTrace run = TraceFixtures.parse(fixture).lastRun();
		assertThat(run.span().getTraceId()).isEqualTo(traceId);
		assertThatRun(run).hasAgentName("support-router")
			.succeeded()
			.hasSteps("chat", "execute_tool lookupPricing", "chat")
			.answerContains("4,900 JPY")
			.hasAttribute("gen_ai.conversation.id", "T-1002");
		assertThatRun(run).toolCall("lookupPricing").hasArguments("{\"plan\":\"pro\",\"currency\":\"JPY\"}");
		String junit = browser.findElement(By.cssSelector("#run-header details.fixture pre.junit"))
			.getDomProperty("textContent");
		assertThat(junit).contains("src/test/resources/runs/agent-run-" + traceId + ".json",
				"RecordedRun recorded = RecordedRun.loadResource(\"runs/agent-run-" + traceId + ".json\");",
				"model.replay(recorded);",
				"// call the agent support-router as the recorded run was called, it was asked: "
						+ "Ticket T-1002 from customer c-042: How much does the Pro plan cost in JPY?",
				"assertThatRun(traces.lastRun()).comparedTo(recorded.trace()).isSameRun();");
		browser.findElement(By.cssSelector("#run-header details.fixture summary")).click();
		screenshot("flight-recorder-viewer-fixture.png");
	}

	@Test
	void twoPricingRunsComparedSideBySideShowWhereTheyPartAsRunComparisonSays() throws IOException {
		openViewer();
		String jpy = traceIdOf("T-1002");
		String eur = traceIdOf("T-2002");
		WebElement compare = browser.findElement(By.id("compare"));
		assertThat(compare.isEnabled()).isFalse();
		pick("T-1002");
		pick("T-2002");
		assertThat(compare.isEnabled()).isTrue();
		compare.click();

		WebElement pane = browser.findElement(By.id("compare-pane"));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.isDisplayed()).isTrue());
		assertThat(browser.findElement(By.id("run-pane")).isDisplayed()).isFalse();
		// The older run, T-1002, is the expected one.
		assertThat(pane.findElements(By.cssSelector(".compare-run"))).extracting(WebElement::getText)
			.satisfiesExactly((expected) -> assertThat(expected).startsWith("Expected: support-router").contains("T-1002"),
					(actual) -> assertThat(actual).startsWith("Actual: support-router").contains("T-2002"));
		List<WebElement> rows = pane.findElements(By.cssSelector("#compare-steps tr.step-row"));
		assertThat(rows).extracting((row) -> row.findElement(By.cssSelector(".expected-step")).getText())
			.containsExactly("1 chat offline-support-1", "2 execute_tool lookupPricing", "3 chat offline-support-1");
		assertThat(rows).extracting((row) -> row.findElement(By.cssSelector(".actual-step")).getText())
			.containsExactly("1 chat offline-support-1", "2 execute_tool lookupPricing", "3 chat offline-support-1");
		List<WebElement> parting = pane.findElements(By.cssSelector("#compare-steps tr.step-row.parting"));
		assertThat(parting).hasSize(1);
		assertThat(parting.get(0).getText()).contains("1 chat offline-support-1", "tool calls", "the runs part here");
		assertThat(pane.findElement(By.cssSelector(".compare-summary")).getText())
			.isEqualTo("The runs part at step 1 chat offline-support-1: tool calls differ.");
		WebElement first = pane.findElement(By.cssSelector("#compare-differences li"));
		assertThat(first.getText()).contains("step 1 chat offline-support-1, tool calls",
				"expected: lookupPricing {\"currency\":\"JPY\",\"plan\":\"pro\"}",
				"actual:   lookupPricing {\"currency\":\"EUR\",\"plan\":\"pro\"}");
		// The viewer follows RunComparison's rules: the same differences, in the same order.
		RunComparison comparison = RunComparison.of(fixture(jpy), fixture(eur));
		assertThat(pane.findElements(By.cssSelector("#compare-differences li .where"))).extracting(WebElement::getText)
			.containsExactlyElementsOf(comparison.differences()
				.stream()
				.map((difference) -> difference.where() + ", " + difference.aspect().key())
				.toList());
		assertThat(comparison.partingStep()).contains(1);
		screenshot("flight-recorder-viewer-compare.png");

		// Without content and tokens, the two questions took the same path: the same steps, tools asked for,
		// finish reasons and outcome (a diagnosis finding, where the application flags the empty price, may remain).
		pane.findElement(By.cssSelector(".compare-options input[name=ignoreContent]")).click();
		pane.findElement(By.cssSelector(".compare-options input[name=ignoreTokens]")).click();
		RunComparison pathOnly = RunComparison.of(fixture(jpy), fixture(eur)).ignoringContent().ignoringTokens();
		assertThat(pathOnly.differences()).extracting(RunComparison.Difference::aspect)
			.allMatch((aspect) -> aspect == RunComparison.Aspect.FINDINGS);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#compare-differences li .where")))
				.extracting(WebElement::getText)
				.containsExactlyElementsOf(pathOnly.differences()
					.stream()
					.map((difference) -> difference.where() + ", " + difference.aspect().key())
					.toList()));
		if (pathOnly.same()) {
			assertThat(browser.findElement(By.cssSelector("#compare-pane .compare-summary")).getText())
				.startsWith("The runs are the same");
			assertThat(browser.findElements(By.cssSelector("#compare-steps tr.step-row.parting"))).isEmpty();
		}

		// A step of the comparison opens its run at that step.
		browser.findElements(By.cssSelector("#compare-steps .actual-step a")).get(1).click();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(browser.findElement(By.cssSelector("#span-details h3")).getText())
				.isEqualTo("execute_tool lookupPricing"));
		assertThat(browser.findElement(By.id("compare-pane")).isDisplayed()).isFalse();
		assertThat(browser.findElement(By.id("run-header")).getText()).contains("T-2002");
	}

	@Test
	void runsThatTookOtherStepsAreAlignedAsRunComparisonAlignsThemAndTheComparisonCanBeLinked() throws IOException {
		openViewer();
		String pricing = traceIdOf("T-1002");
		String refund = traceIdOf("T-1003");
		// A comparison is a link too: T-1002 is the older run, the expected one.
		browser.get(viewerUrl + "#compare=" + pricing + "," + refund);

		WebElement pane = browser.findElement(By.id("compare-pane"));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(pane.isDisplayed()).isTrue());
		RunComparison comparison = RunComparison.of(fixture(pricing), fixture(refund));
		List<RunComparison.Step> refundSteps = RunComparison.stepsOf(fixture(refund));
		// The refund run escalates to the billing specialist, whose steps are named after it.
		assertThat(refundSteps).extracting(RunComparison.Step::name)
			.contains("invoke_agent billing-specialist")
			.anySatisfy((name) -> assertThat(name).startsWith("billing-specialist › "));
		assertThat(pane.findElements(By.cssSelector("#compare-steps .actual-step a"))).extracting(WebElement::getText)
			.containsExactlyElementsOf(refundSteps.stream().map(RunComparison.Step::toString).toList());
		assertThat(pane.findElements(By.cssSelector("#compare-differences li .where"))).extracting(WebElement::getText)
			.containsExactlyElementsOf(comparison.differences()
				.stream()
				.map((difference) -> difference.where() + ", " + difference.aspect().key())
				.toList());
		assertThat(pane.findElements(By.cssSelector("#compare-differences li .actual"))).extracting(WebElement::getText)
			.containsExactlyElementsOf(
					comparison.differences().stream().map((difference) -> "actual:   " + difference.actual()).toList());
		WebElement parting = pane.findElement(By.cssSelector("#compare-steps tr.step-row.parting"));
		assertThat(parting.getText()).contains(comparison.differences().get(0).stepName());
		assertThat(pane.findElement(By.cssSelector(".compare-summary")).getText())
			.startsWith("The runs part at step " + comparison.partingStep().orElseThrow() + " ");
		screenshot("flight-recorder-viewer-compare-steps.png");
	}

	private static void pick(String ticketId) {
		runRow(ticketId).findElement(By.cssSelector("td.pick input")).click();
	}

	private static AgentRunTrace fixture(String traceId) {
		String json = RestClient.create().get().uri(viewerUrl + "api/runs/" + traceId).retrieve().body(String.class);
		return TraceFixtures.parse(json).lastRun();
	}

	/**
	 * A span that started a minute ago plus {@code startMillis}; its events, if any, are
	 * put at its end.
	 */
	private static SpanData span(String traceId, String spanId, String parentSpanId, String name, long startMillis,
			long endMillis, Attributes attributes, EventData... events) {
		long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - 60_000);
		long end = start + TimeUnit.MILLISECONDS.toNanos(endMillis);
		List<EventData> atEnd = Arrays.stream(events)
			.map((event) -> EventData.create(end, event.getName(), event.getAttributes()))
			.toList();
		return TestSpanData.builder()
			.setSpanContext(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()))
			.setParentSpanContext((parentSpanId != null)
					? SpanContext.create(traceId, parentSpanId, TraceFlags.getSampled(), TraceState.getDefault())
					: SpanContext.getInvalid())
			.setName(name)
			.setKind(SpanKind.INTERNAL)
			.setStartEpochNanos(start + TimeUnit.MILLISECONDS.toNanos(startMillis))
			.setEndEpochNanos(start + TimeUnit.MILLISECONDS.toNanos(endMillis))
			.setStatus(StatusData.unset())
			.setAttributes(attributes)
			.setEvents(atEnd)
			.setHasEnded(true)
			.setTotalRecordedEvents(atEnd.size())
			.build();
	}

	private static String jsonString(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static void filterByFinding(String finding) {
		new Select(browser.findElement(By.cssSelector("#filters select[name=finding]"))).selectByValue(finding);
		browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
	}

	private static List<String> conversations(List<WebElement> rows) {
		return rows.stream().map((row) -> row.findElement(By.cssSelector("td.conversation")).getText()).toList();
	}

	private static String traceIdOf(String ticketId) {
		return runRow(ticketId).getDomAttribute("data-trace-id");
	}

	private static void openViewer() {
		browser.get(viewerUrl);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(runRows()).isNotEmpty());
		assertThat(browser.getTitle()).isEqualTo(TITLE);
	}

	private static List<WebElement> runRows() {
		return browser.findElements(By.cssSelector("#runs tbody tr.run-row"));
	}

	private static WebElement runRow(String ticketId) {
		return runRows().stream()
			.filter((row) -> row.findElement(By.cssSelector("td.conversation")).getText().equals(ticketId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No run of ticket " + ticketId + " in the list"));
	}

	private static List<WebElement> spanRows() {
		return browser.findElements(By.cssSelector("#waterfall .span-row[data-span-id]"));
	}

	private static WebElement spanRow(String name) {
		return spanRows().stream().filter((row) -> name(row).equals(name)).findFirst().orElse(null);
	}

	private static String name(WebElement spanRow) {
		return spanRow.findElement(By.cssSelector(".name")).getText();
	}

	private static String attributeValue(WebElement details, String key) {
		return details.findElements(By.cssSelector("table.attributes tr"))
			.stream()
			.filter((row) -> row.findElement(By.tagName("th")).getText().equals(key))
			.map((row) -> row.findElement(By.cssSelector("td.value")).getDomProperty("textContent"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No attribute " + key + " shown"));
	}

	private static void screenshot(String name) throws IOException {
		File shot = browser.getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

	private static ChromeDriverService chromeDriverService() {
		Path driver = Path.of(System.getProperty("chromedriver.path", "/usr/bin/chromedriver"));
		Path chromium = chromium();
		if (!Files.isExecutable(driver) || !Files.isExecutable(chromium)) {
			fail("The browser tests need Chromium (" + chromium + ") and ChromeDriver (" + driver
					+ "). Install them with .ci/install-browser.sh (CI runs it), or point -Dchromium.binary and "
					+ "-Dchromedriver.path at yours.");
		}
		return new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
	}

	private static Path chromium() {
		return Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
	}

	private static ChromeOptions chromeOptions() throws IOException {
		Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-profile");
		return new ChromeOptions().setBinary(chromium().toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1440,1200", "--user-data-dir=" + profile);
	}

}
