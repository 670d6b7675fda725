package dev.agenttracing.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP trace endpoint on the loopback interface that misbehaves: it refuses
 * connections (nothing listens on its port), accepts them and never answers (a black
 * hole), or answers each export with success only after a delay (slow).
 */
abstract class FaultyOtlpEndpoint implements AutoCloseable {

	private static final String TRACES_PATH = "/v1/traces";

	/**
	 * The endpoint to give Boot's exporter.
	 * @return the URL
	 */
	final String endpoint() {
		return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port() + TRACES_PATH;
	}

	/**
	 * The loopback port of the endpoint.
	 * @return the port
	 */
	abstract int port();

	@Override
	public abstract void close();

	/**
	 * A port that was free an instant ago and that nothing listens on now.
	 * @return the endpoint
	 * @throws IOException if no port can be probed
	 */
	static FaultyOtlpEndpoint refused() throws IOException {
		try (ServerSocket probe = new ServerSocket()) {
			probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = probe.getLocalPort();
			return new FaultyOtlpEndpoint() {

				@Override
				int port() {
					return port;
				}

				@Override
				public void close() {
				}

			};
		}
	}

	/**
	 * A socket that accepts connections and never reads nor answers.
	 * @return the endpoint
	 * @throws IOException if the socket cannot be bound
	 */
	static FaultyOtlpEndpoint blackHole() throws IOException {
		return new BlackHole();
	}

	/**
	 * An HTTP server that reads each export and answers 200 after a delay.
	 * @param delay the delay of every answer
	 * @return the endpoint
	 * @throws IOException if the server cannot be bound
	 */
	static Slow slow(Duration delay) throws IOException {
		return new Slow(delay);
	}

	private static final class BlackHole extends FaultyOtlpEndpoint {

		private final ServerSocket socket = new ServerSocket();

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		BlackHole() throws IOException {
			this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			Thread acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try {
						this.accepted.add(this.socket.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "otlp-black-hole");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		@Override
		int port() {
			return this.socket.getLocalPort();
		}

		@Override
		public void close() {
			try {
				this.socket.close();
				for (Socket connection : this.accepted) {
					connection.close();
				}
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}

	}

	static final class Slow extends FaultyOtlpEndpoint {

		private final HttpServer server;

		private final ScheduledExecutorService answering = Executors.newSingleThreadScheduledExecutor();

		private final AtomicLong answered = new AtomicLong();

		Slow(Duration delay) throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			this.server.createContext(TRACES_PATH, (exchange) -> {
				try (InputStream body = exchange.getRequestBody()) {
					body.transferTo(OutputStream.nullOutputStream());
				}
				// The answer leaves after the delay; the server thread is free meanwhile.
				this.answering.schedule(() -> {
					try (exchange) {
						exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
						exchange.sendResponseHeaders(200, -1);
						this.answered.incrementAndGet();
					}
					catch (IOException ex) {
						// the exporter gave up waiting: nothing to answer
					}
				}, delay.toNanos(), TimeUnit.NANOSECONDS);
			});
			this.server.setExecutor(this.answering);
			this.server.start();
		}

		/**
		 * Exports answered so far.
		 * @return the count
		 */
		long answered() {
			return this.answered.get();
		}

		@Override
		int port() {
			return this.server.getAddress().getPort();
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.answering.shutdownNow();
		}

	}

}
