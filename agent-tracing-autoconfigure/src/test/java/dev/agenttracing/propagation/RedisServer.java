package dev.agenttracing.propagation;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.awaitility.Awaitility.await;

/**
 * A throwaway {@code redis-server} on a free loopback port, started as a child process
 * and stopped with the test. The executable is the static build that the
 * {@code org.signal:embedded-redis} test dependency ships (Redis 7.0.15, Linux and macOS on
 * x86-64 and arm64), copied out of the jar: nothing needs to be installed. On any other
 * platform the test fails and says so; it never skips.
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
		Path directory = Files.createTempDirectory("redis-test");
		String executable = extract(directory).toString();
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
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

	/** The binary for this machine, copied out of the embedded-redis jar into {@code directory}. */
	static Path extract(Path directory) throws IOException {
		String resource = "redis-server-" + VERSION + "-" + platform();
		Path executable = directory.resolve("redis-server");
		try (InputStream binary = RedisServer.class.getClassLoader().getResourceAsStream(resource)) {
			if (binary == null) {
				throw new IllegalStateException(resource + " is not on the test classpath: the Redis Streams "
						+ "propagation test takes redis-server from the org.signal:embedded-redis test dependency");
			}
			Files.copy(binary, executable, StandardCopyOption.REPLACE_EXISTING);
		}
		if (!executable.toFile().setExecutable(true, true)) {
			throw new IOException("cannot make " + executable + " executable");
		}
		return executable;
	}

	private static final String VERSION = "7.0.15";

	private static String platform() {
		String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
		String system = os.contains("linux") ? "linux" : (os.contains("mac") || os.contains("darwin")) ? "darwin" : null;
		String cpu = (arch.equals("amd64") || arch.equals("x86_64")) ? "amd64"
				: (arch.equals("aarch64") || arch.equals("arm64")) ? "arm64" : null;
		if (system == null || cpu == null) {
			throw new IllegalStateException("org.signal:embedded-redis ships no redis-server for " + os + "/" + arch
					+ ": the Redis Streams propagation test cannot run on this machine");
		}
		return system + "-" + cpu;
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
