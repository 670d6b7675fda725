package dev.agenttracing.benchmarks;

import java.io.IOException;
import java.io.InputStream;
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
 * An OTLP/HTTP endpoint on the loopback interface, in one of four states: up (a JDK HTTP
 * server that reads each export and answers 200), slow (the same, answering each export
 * only after {@link #SLOW_ANSWER}), a black hole (a socket that accepts connections and
 * never answers), or refused (a port nothing listens on).
 */
public abstract class OtlpEndpoint implements AutoCloseable {

	/** The state of the endpoint. */
	public enum State {

		/** Answers 200 to every export. */
		UP,

		/** Answers 200 to every export, each after {@link OtlpEndpoint#SLOW_ANSWER}. */
		SLOW,

		/** Accepts connections, never reads nor answers. */
		BLACK_HOLE,

		/** Refuses connections. */
		REFUSED

	}

	/** How long the slow endpoint takes to answer each export. */
	static final Duration SLOW_ANSWER = Duration.ofSeconds(2);

	/** The URL to give the exporter. */
	abstract String tracesUrl();

	/** Exports received and answered (only when up). */
	long exportsAnswered() {
		return 0;
	}

	@Override
	public abstract void close();

	static OtlpEndpoint start(State state) throws IOException {
		return switch (state) {
			case UP -> new Up(Duration.ZERO);
			case SLOW -> new Up(SLOW_ANSWER);
			case BLACK_HOLE -> new BlackHole();
			case REFUSED -> new Refused();
		};
	}

	private static InetSocketAddress loopback() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
	}

	private static String url(int port) {
		return "http://127.0.0.1:" + port + "/v1/traces";
	}

	private static final class Up extends OtlpEndpoint {

		private final HttpServer server;

		private final AtomicLong answered = new AtomicLong();

		private final ScheduledExecutorService sink = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "otlp-sink");
			thread.setDaemon(true);
			return thread;
		});

		Up(Duration delay) throws IOException {
			this.server = HttpServer.create(loopback(), 50);
			this.server.createContext("/v1/traces", (exchange) -> {
				try (InputStream body = exchange.getRequestBody()) {
					body.transferTo(OutputStreamSink.INSTANCE);
				}
				// SLOW: the answer leaves after the delay, the server thread is free meanwhile.
				this.sink.schedule(() -> {
					try (exchange) {
						exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
						exchange.sendResponseHeaders(200, -1);
						this.answered.incrementAndGet();
					}
					catch (IOException ex) {
						// the exporter gave up waiting
					}
				}, delay.toNanos(), TimeUnit.NANOSECONDS);
			});
			this.server.setExecutor(this.sink);
			this.server.start();
		}

		@Override
		String tracesUrl() {
			return url(this.server.getAddress().getPort());
		}

		@Override
		long exportsAnswered() {
			return this.answered.get();
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.sink.shutdownNow();
		}

	}

	private static final class BlackHole extends OtlpEndpoint {

		private final ServerSocket socket;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		BlackHole() throws IOException {
			this.socket = new ServerSocket();
			this.socket.bind(loopback(), 50);
			this.acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try {
						this.accepted.add(this.socket.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "otlp-black-hole");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		@Override
		String tracesUrl() {
			return url(this.socket.getLocalPort());
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

	private static final class Refused extends OtlpEndpoint {

		private final int port;

		Refused() throws IOException {
			// A port that was free an instant ago and that nothing listens on now.
			try (ServerSocket probe = new ServerSocket()) {
				probe.bind(loopback());
				this.port = probe.getLocalPort();
			}
		}

		@Override
		String tracesUrl() {
			return url(this.port);
		}

		@Override
		public void close() {
		}

	}

	private static final class OutputStreamSink extends java.io.OutputStream {

		static final OutputStreamSink INSTANCE = new OutputStreamSink();

		@Override
		public void write(int b) {
		}

		@Override
		public void write(byte[] b, int off, int len) {
		}

	}

}
