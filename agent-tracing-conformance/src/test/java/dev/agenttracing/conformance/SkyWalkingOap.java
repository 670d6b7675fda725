package dev.agenttracing.conformance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Apache SkyWalking OAP as a real OTLP/gRPC trace backend for tests: started as its own
 * JVM (its Netty, gRPC and Armeria must not meet the application's) from the jars that
 * {@code skywalking-oap/} copies into its {@code target/libs} with {@code -Pskywalking},
 * with a minimal configuration written here (in-memory H2 storage, the OTLP trace
 * receiver and the Zipkin query API only), every listener on loopback and on a free port.
 * Traces are read back through the Zipkin v2 API.
 */
final class SkyWalkingOap implements AutoCloseable {

	/** The property that names the directory of the OAP jars. */
	static final String LIBS_PROPERTY = "skywalking.libs";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Process process;

	private final Path log;

	private final int grpcPort;

	private final int queryPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private SkyWalkingOap(Process process, Path log, int grpcPort, int queryPort) {
		this.process = process;
		this.log = log;
		this.grpcPort = grpcPort;
		this.queryPort = queryPort;
	}

	/**
	 * Start the server and wait until its query API answers.
	 * @param libs the directory holding the server's jars
	 * @param workDir a directory for its configuration and log
	 * @return the running server
	 * @throws IOException if it cannot be started
	 */
	static SkyWalkingOap start(Path libs, Path workDir) throws IOException {
		if (!Files.isDirectory(libs)) {
			throw new IllegalStateException("No SkyWalking OAP jars in " + libs
					+ ": run the build with -Pskywalking (it copies them there from Maven Central)");
		}
		int grpcPort = freePort();
		int queryPort = freePort();
		Path config = workDir.resolve("config");
		writeConfiguration(config, grpcPort, queryPort);
		Path log = workDir.resolve("oap.log");
		String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(javaCommand, "-Xms128m", "-Xmx512m", "-cp",
				config.toAbsolutePath() + File.pathSeparator + libs.toAbsolutePath() + File.separator + "*",
				"org.apache.skywalking.oap.server.starter.OAPServerStartUp")
			.directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		SkyWalkingOap oap = new SkyWalkingOap(process, log, grpcPort, queryPort);
		try {
			await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(oap::ready);
		}
		catch (RuntimeException ex) {
			String tail = oap.logTail();
			oap.close();
			throw new IllegalStateException("SkyWalking OAP did not start; its log ends with:\n" + tail, ex);
		}
		return oap;
	}

	/**
	 * The OTLP/gRPC endpoint to export to.
	 * @return the endpoint URL
	 */
	String otlpEndpoint() {
		return "http://127.0.0.1:" + this.grpcPort;
	}

	/**
	 * The spans of a trace, as the Zipkin API returns them.
	 * @param traceId the trace id, hex
	 * @return its spans, empty while the trace is not stored
	 */
	List<ZipkinSpan> trace(String traceId) {
		HttpResponse<String> response = get("/zipkin/api/v2/trace/" + traceId);
		if (response.statusCode() == 404) {
			return List.of();
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET trace " + traceId + ": " + response.statusCode() + " " + response.body());
		}
		return List.of(JSON.readValue(response.body(), ZipkinSpan[].class));
	}

	/**
	 * The end of the server's log, for failure messages.
	 * @return the last lines
	 */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private boolean ready() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("SkyWalking OAP exited with " + this.process.exitValue());
		}
		try {
			return get("/zipkin/api/v2/services").statusCode() == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	private HttpResponse<String> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.queryPort + path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The smallest configuration that serves OTLP traces and the Zipkin query API: every
	 * other module is left out, storage is in memory, every listener is on loopback (port 0
	 * where nothing needs to reach it).
	 */
	private static void writeConfiguration(Path config, int grpcPort, int queryPort) throws IOException {
		Files.createDirectories(config.resolve("oal"));
		Files.createDirectories(config.resolve("otel-rules"));
		Files.writeString(config.resolve("oal/disable.oal"), "");
		Files.writeString(config.resolve("endpoint-name-grouping.yml"), "");
		Files.writeString(config.resolve("component-libraries.yml"), "Unknown:\n  id: 0\n  languages: All\n");
		Files.writeString(config.resolve("service-apdex-threshold.yml"), "default: 500\n");
		Files.writeString(config.resolve("log4j2.xml"), """
				<Configuration status="WARN">
				  <Appenders><Console name="C" target="SYSTEM_OUT"><PatternLayout pattern="%d %c{1.} %-5p %m%n"/></Console></Appenders>
				  <Loggers><Root level="INFO"><AppenderRef ref="C"/></Root></Loggers>
				</Configuration>
				""");
		Files.writeString(config.resolve("application.yml"), """
				cluster: {selector: standalone, standalone: {}}
				core:
				  selector: default
				  default:
				    role: Mixed
				    restHost: 127.0.0.1
				    restPort: 0
				    restContextPath: /
				    gRPCHost: 127.0.0.1
				    gRPCPort: %d
				    maxMessageSize: 52428800
				    gRPCThreadPoolSize: -1
				    downsampling: [Hour, Day]
				    enableDataKeeperExecutor: false
				    recordDataTTL: 3
				    metricsDataTTL: 7
				    l1FlushPeriod: 500
				    storageSessionTimeout: 70000
				    persistentPeriod: 1
				    topNReportPeriod: 10
				    serviceNameMaxLength: 70
				    serviceCacheRefreshInterval: 10
				    instanceNameMaxLength: 70
				    endpointNameMaxLength: 150
				    searchableTracesTags: http.method
				    searchableLogsTags: level
				    searchableAlarmTags: level
				    autocompleteTagKeysQueryMaxSize: 100
				    autocompleteTagValuesQueryMaxSize: 100
				    prepareThreads: 2
				    enableEndpointNameGroupingByOpenapi: false
				    syncPeriodHttpUriRecognitionPattern: 10
				    trainingPeriodHttpUriRecognitionPattern: 60
				    maxHttpUrisNumberPerService: 3000
				    enableHierarchy: false
				storage:
				  selector: h2
				  h2:
				    properties: {jdbcUrl: "jdbc:h2:mem:oap;DB_CLOSE_DELAY=-1;DATABASE_TO_UPPER=FALSE", dataSource.user: sa}
				    metadataQueryMaxSize: 5000
				    maxSizeOfBatchSql: 100
				    asyncBatchPersistentPoolSize: 1
				receiver-sharing-server: {selector: default, default: {restHost: 127.0.0.1, restPort: 0, gRPCHost: 127.0.0.1, gRPCPort: 0}}
				receiver-otel: {selector: default, default: {enabledHandlers: "otlp-traces", enabledOtelMetricsRules: ""}}
				receiver-zipkin:
				  selector: default
				  default: {searchableTracesTags: http.method, sampleRate: 10000, enableHttpCollector: false, enableKafkaCollector: false}
				query-zipkin:
				  selector: default
				  default: {restHost: 127.0.0.1, restPort: %d, restContextPath: /zipkin, restMaxThreads: 20, restIdleTimeOut: 30000, restAcceptQueueSize: 0, lookback: 86400000, namesMaxAge: 0, uiQueryLimit: 10, uiDefaultLookback: 900000}
				telemetry: {selector: none, none: {}}
				configuration: {selector: none, none: {}}
				ai-pipeline: {selector: default, default: {uriRecognitionServerAddr: "", uriRecognitionServerPort: 17128}}
				""".formatted(grpcPort, queryPort));
	}

	/**
	 * A span as the Zipkin v2 API returns it. Names come back lower-cased.
	 *
	 * @param traceId the trace id
	 * @param id the span id
	 * @param parentId the parent span id, {@code null} for a root
	 * @param kind {@code CLIENT}, {@code SERVER}..., {@code null} for an internal span
	 * @param name the span name, lower-cased
	 * @param localEndpoint the service that sent it
	 * @param tags attributes, resource attributes and status, as strings
	 * @param annotations the span's events
	 */
	record ZipkinSpan(String traceId, String id, @Nullable String parentId, @Nullable String kind, String name,
			@Nullable Endpoint localEndpoint, @Nullable Map<String, String> tags, @Nullable List<Annotation> annotations) {

		Map<String, String> tagsOrEmpty() {
			return (this.tags != null) ? this.tags : Map.of();
		}

		List<String> annotationValues() {
			return (this.annotations != null) ? this.annotations.stream().map(Annotation::value).toList() : List.of();
		}

		/**
		 * The service that sent the span.
		 *
		 * @param serviceName its name, lower-cased
		 */
		record Endpoint(String serviceName) {
		}

		/**
		 * An event.
		 *
		 * @param timestamp when, in microseconds
		 * @param value what
		 */
		record Annotation(long timestamp, String value) {
		}

	}

}
