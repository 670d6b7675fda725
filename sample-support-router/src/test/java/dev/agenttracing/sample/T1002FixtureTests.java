package dev.agenttracing.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.agenttracing.sample.router.ExampleTickets;
import dev.agenttracing.sample.router.RouterAnswer;
import dev.agenttracing.sample.router.SupportRouterAgent;
import dev.agenttracing.test.RecordedRun;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The recorded T-1002 run that {@code T1002ReplayTests} replays, kept in
 * {@code src/test/resources/fixtures/t-1002.flight-recorder.json}: this test records it
 * afresh from the real sample (both applications, content capture on, as the sample
 * runs) and reads it back from the viewer's JSON, the flight recorder's
 * ({@code GET /agent-tracing/runs/api/runs/{traceId}}, the same as
 * {@code GET /actuator/agentruns/{traceId}}). It fails when the committed fixture no
 * longer holds what the sample records; to write the fixture again, run
 * <pre>
 * ./mvnw -pl sample-support-router test -Dtest=T1002FixtureTests -Dsample.fixtures.update=true
 * </pre>
 */
class T1002FixtureTests {

	static final String FIXTURE = "fixtures/t-1002.flight-recorder.json";

	private static final Path FILE = Path.of("src/test/resources", FIXTURE);

	private static SupportRouterSample.Running sample;

	@BeforeAll
	static void start() {
		sample = SupportRouterSample.start(List.of(), "--server.port=0", "--sample.examples.enabled=false",
				"--sample.model.latency=0ms");
	}

	@AfterAll
	static void stop() {
		sample.close();
	}

	@Test
	void committedFixtureHoldsTheRunTheSampleRecordsForT1002() throws IOException {
		RouterAnswer answer = sample.router()
			.getBean(SupportRouterAgent.class)
			.handle(ExampleTickets.TICKETS.stream().filter((ticket) -> ticket.id().equals("T-1002")).findFirst().orElseThrow());
		assertThat(answer.answer()).isEqualTo("The Pro plan costs 4,900 JPY per month.");
		String traceId = JsonMapper.builder()
			.build()
			.readTree(recorderJson("?workflowRunId=" + answer.runId()))
			.path("runs")
			.path(0)
			.path("traceId")
			.asString();
		String json = recorderJson("/" + traceId);

		if (Boolean.getBoolean("sample.fixtures.update")) {
			JsonMapper mapper = JsonMapper.builder().build();
			Files.writeString(FILE, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json)) + "\n",
					StandardCharsets.UTF_8);
			System.out.println("Wrote the recorded T-1002 run to " + FILE.toAbsolutePath());
		}
		RecordedRun committed = RecordedRun.load(FILE);
		RecordedRun fresh = RecordedRun.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
		assertThat(describe(committed)).as("the committed fixture %s against a run recorded now (to record it again,"
				+ " run with -Dsample.fixtures.update=true)", FILE).isEqualTo(describe(fresh));
	}

	/** What a replay uses of the run: its model calls' inputs and answers, its tools' results. */
	private static List<String> describe(RecordedRun run) {
		List<String> lines = new ArrayList<>();
		lines.add("agent " + run.agentName());
		for (RecordedRun.ModelCall call : run.modelCalls()) {
			lines.add(call.inputMessages() + " -> " + call + " " + call.finishReasons() + " " + call.model());
		}
		for (RecordedRun.ToolExecution execution : run.toolExecutions()) {
			lines.add(execution.toolName() + " " + execution.arguments().orElse("") + " -> "
					+ execution.result().orElse(""));
		}
		return lines;
	}

	/**
	 * The viewer's JSON, a list of runs or one run, once it holds the run: a run shows a
	 * second after it ends (the exporter's schedule).
	 */
	private static String recorderJson(String path) {
		String url = "http://localhost:" + sample.router().getEnvironment().getProperty("local.server.port")
				+ "/agent-tracing/runs/api/runs" + path;
		RestClient client = RestClient.create();
		String[] body = new String[1];
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			body[0] = client.get()
				.uri(url)
				.exchange((request, response) -> response.getStatusCode().isSameCodeAs(HttpStatusCode.valueOf(200))
						? new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8) : null);
			return body[0] != null && body[0].contains("support-router");
		});
		return body[0];
	}

}
