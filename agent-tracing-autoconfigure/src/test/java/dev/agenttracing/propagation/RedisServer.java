package dev.agenttracing.propagation;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A throwaway {@code redis-server} on a free loopback port, started as a child process
 * and stopped with the test. Installed by {@code .ci/install-redis.sh}; a test that needs
 * it fails, with the way to install it, when it is missing.
 */
final class RedisServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path directory;

	private RedisServer(Process process, int port, Path directory) {
		this.process = process;
		this.port = port;
		this.directory = directory;
	}

	static RedisServer start() throws IOException {
		String executable = find();
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path directory = Files.createTempDirectory("redis-test");
		Process process = new ProcessBuilder(List.of(executable, "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", directory.toString()))
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("redis.log").toFile())
			.start();
		RedisServer server = new RedisServer(process, port, directory);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(server::accepts);
		return server;
	}

	int port() {
		return this.port;
	}

	private boolean accepts() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("redis-server exited with " + this.process.exitValue());
		}
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String find() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
			if (new File(candidate).canExecute()) {
				return candidate;
			}
		}
		throw new IllegalStateException("redis-server is not installed: the Redis Streams propagation test needs it. "
				+ "Run .ci/install-redis.sh (apt-get install redis-server) and try again.");
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind is harmless
		}
	}

}
