package dev.agenttracing.recorder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The flight recorder's viewer: a page at {@value #PATH}{@code /} (plain HTML, CSS and
 * JavaScript, no build step) and the JSON it reads, {@code api/runs} and
 * {@code api/runs/{traceId}} below it, the same as the {@code agentruns} endpoint's.
 *
 * <p>
 * It is an ordinary controller, served by the application's own port and secured by its
 * Spring Security rules, if any; it is registered only when
 * {@code agent-tracing.recorder.viewer.enabled} is true. Every response forbids caching
 * and carries a Content-Security-Policy that lets the page run its own script only, a
 * second line of defence behind the page, which writes recorded content as text.
 */
@RestController
@RequestMapping(FlightRecorderViewerController.PATH)
public class FlightRecorderViewerController {

	/** Where the viewer is served. */
	public static final String PATH = "/agent-tracing/runs";

	private static final String ASSETS = "META-INF/agent-tracing/viewer/";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
			+ "style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	private final FlightRecorder recorder;

	private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

	/**
	 * The viewer of a recorder.
	 * @param recorder the recorder
	 */
	public FlightRecorderViewerController(FlightRecorder recorder) {
		this.recorder = recorder;
	}

	/**
	 * The page is at the path with a trailing slash, so that it finds its script, styles
	 * and data by relative URLs, whatever the servlet context path.
	 * @return a redirect to the page
	 */
	@GetMapping
	public ResponseEntity<Void> redirectToPage() {
		return ResponseEntity.status(302).location(URI.create("runs/")).headers(headers()).build();
	}

	/**
	 * The page.
	 * @return its HTML
	 */
	@GetMapping("/")
	public ResponseEntity<byte[]> page() {
		return asset("index.html", MediaType.TEXT_HTML);
	}

	/**
	 * The page's script.
	 * @return the script
	 */
	@GetMapping("/viewer.js")
	public ResponseEntity<byte[]> script() {
		return asset("viewer.js", MediaType.valueOf("text/javascript"));
	}

	/**
	 * The page's styles.
	 * @return the styles
	 */
	@GetMapping("/viewer.css")
	public ResponseEntity<byte[]> styles() {
		return asset("viewer.css", MediaType.valueOf("text/css"));
	}

	/**
	 * The recorded runs that match, newest first; the parameters are those of
	 * {@link AgentRunsEndpoint#runs}.
	 * @param agent the run or a nested run is this agent
	 * @param outcome {@code success}, {@code error} or {@code refused}
	 * @param finding {@code any} (the run has a finding) or a finding kind
	 * ({@code empty_tool_result}...) that the run's {@code agent.findings} lists
	 * @param user the run's {@code user.id}
	 * @param conversation the run's {@code gen_ai.conversation.id}
	 * @param workflowRunId the run's {@code workflow.run_id}
	 * @param from started at or after (ISO-8601 instant)
	 * @param to started before (ISO-8601 instant)
	 * @param limit most runs listed
	 * @return the runs and the recorder's state
	 */
	@GetMapping(path = "/api/runs", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<RunList> runs(@RequestParam(required = false) @Nullable String agent,
			@RequestParam(required = false) @Nullable String outcome,
			@RequestParam(required = false) @Nullable String finding,
			@RequestParam(required = false) @Nullable String user,
			@RequestParam(required = false) @Nullable String conversation,
			@RequestParam(required = false) @Nullable String workflowRunId,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Nullable Integer limit) {
		RunQuery query = RunQuery.of(agent, outcome, finding, user, conversation, workflowRunId, from, to, limit);
		return ResponseEntity.ok().headers(headers()).body(this.recorder.runs(query));
	}

	/**
	 * One run as a tree.
	 * @param traceId the run's trace id
	 * @return the run, or 404 when it is not held
	 */
	@GetMapping(path = "/api/runs/{traceId}", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<RunTree> run(@PathVariable String traceId) {
		return this.recorder.run(traceId)
			.map((run) -> ResponseEntity.ok().headers(headers()).body(run))
			.orElseGet(() -> ResponseEntity.notFound().headers(headers()).build());
	}

	private ResponseEntity<byte[]> asset(String name, MediaType type) {
		byte[] content = this.assets.computeIfAbsent(name, FlightRecorderViewerController::read);
		return ResponseEntity.ok().headers(headers()).contentType(type).body(content);
	}

	private static byte[] read(String name) {
		try (InputStream in = new ClassPathResource(ASSETS + name, FlightRecorderViewerController.class.getClassLoader())
			.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The viewer's " + name + " is missing from the class path", ex);
		}
	}

	private static HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.setCacheControl(CacheControl.noStore());
		headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Referrer-Policy", "no-referrer");
		return headers;
	}

}
