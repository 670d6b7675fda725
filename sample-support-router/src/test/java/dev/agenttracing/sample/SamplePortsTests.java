package dev.agenttracing.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a user starts it, in a JVM of its own, with the README's two port variables
 * set in its environment: {@code SERVER_PORT} moves the router only, {@code ORDERS_PORT} the
 * order service, the router reaches the order service where it is, and the router's log
 * lines do not carry the order service's name.
 */
class SamplePortsTests {

	private Process sample;

	@TempDir
	Path directory;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.sample != null) {
			this.sample.destroy();
			if (!this.sample.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				this.sample.destroyForcibly();
			}
		}
	}

	@Test
	void serverPortMovesTheRouterAndOrdersPortTheOrderService() throws IOException {
		int routerPort = freePort();
		int ordersPort = freePort();
		Path log = this.directory.resolve("sample.log");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				SupportRouterSample.class.getName(), "--sample.examples.enabled=false", "--sample.model.latency=0ms"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		Map<String, String> environment = builder.environment();
		environment.put("SERVER_PORT", String.valueOf(routerPort));
		environment.put("ORDERS_PORT", String.valueOf(ordersPort));
		this.sample = builder.start();

		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
			assertThat(this.sample.isAlive()).as("the sample exited:%n%s", read(log)).isTrue();
			return read(log).contains("Started SupportRouterApplication");
		});
		assertThat(accepts(ordersPort)).as("order service on ORDERS_PORT").isTrue();
		assertThat(accepts(routerPort)).as("router on SERVER_PORT").isTrue();

		// An order question: the router's agent calls the order service's MCP tool.
		String answer = RestClient.create("http://localhost:" + routerPort)
			.post()
			.uri("/tickets")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customerId", "c-007", "text", "Where is my order ORD-5512?"))
			.retrieve()
			.body(String.class);
		assertThat(answer).contains("\"outcome\":\"success\"").contains("ORD-5512");

		List<String> lines = read(log).lines().toList();
		assertThat(lines).noneMatch((line) -> line.contains("already in use"));
		assertThat(lines).anyMatch((line) -> line.contains("Started OrderServiceApplication"));
		List<String> routerLines = lines.stream()
			.filter((line) -> line.contains("dev.agenttracing.sample.router") || line.contains("SupportRouterApplication"))
			.toList();
		assertThat(routerLines).isNotEmpty().noneMatch((line) -> line.contains("[order-service]"));
	}

	private static String read(Path log) throws IOException {
		return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
