package dev.agenttracing.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP trace receiver for tests: the two transports Spring Boot's exporter speaks, gRPC
 * and HTTP/protobuf, each on a free loopback port. It keeps every export request it
 * receives, with the transport it came by, and answers each with success. What it holds
 * is exactly what travelled: attribute values keep the type they had on the wire.
 */
final class OtlpTestReceiver implements AutoCloseable {

	private static final String TRACES_PATH = "/v1/traces";

	private static final String PROTOBUF = "application/x-protobuf";

	private final List<Export> exports = new CopyOnWriteArrayList<>();

	private final Server grpc;

	private final HttpServer http;

	private OtlpTestReceiver(int httpPort) throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		this.grpc = NettyServerBuilder.forAddress(new InetSocketAddress(loopback, 0))
			.addService(new TraceService())
			.build()
			.start();
		this.http = HttpServer.create(new InetSocketAddress(loopback, httpPort), 0);
		this.http.createContext(TRACES_PATH, this::receiveHttp);
		this.http.start();
	}

	/**
	 * Start a receiver on free loopback ports.
	 * @return the running receiver
	 * @throws IOException if a port cannot be bound
	 */
	static OtlpTestReceiver start() throws IOException {
		return new OtlpTestReceiver(0);
	}

	/**
	 * Start a receiver whose HTTP/protobuf transport listens on a given loopback port (an
	 * endpoint that comes back), gRPC on a free one.
	 * @param httpPort the HTTP port
	 * @return the running receiver
	 * @throws IOException if a port cannot be bound
	 */
	static OtlpTestReceiver startOnHttpPort(int httpPort) throws IOException {
		return new OtlpTestReceiver(httpPort);
	}

	/**
	 * The endpoint to give Boot's exporter
	 * ({@code management.opentelemetry.tracing.export.otlp.endpoint}) for a transport.
	 * @param transport the transport
	 * @return the endpoint URL
	 */
	String endpoint(Transport transport) {
		String host = InetAddress.getLoopbackAddress().getHostAddress();
		return switch (transport) {
			case GRPC -> "http://" + host + ":" + this.grpc.getPort();
			case HTTP -> "http://" + host + ":" + this.http.getAddress().getPort() + TRACES_PATH;
		};
	}

	/**
	 * Every export request received so far, in arrival order.
	 * @return the requests
	 */
	List<Export> exports() {
		return List.copyOf(this.exports);
	}

	/**
	 * Every span received so far, with its resource and scope.
	 * @return the spans in arrival order
	 */
	WireSpans spans() {
		List<WireSpan> spans = new ArrayList<>();
		for (Export export : this.exports) {
			for (ResourceSpans resourceSpans : export.request().getResourceSpansList()) {
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					for (Span span : scopeSpans.getSpansList()) {
						spans.add(new WireSpan(export.transport(), resourceSpans.getResource(), scopeSpans.getScope(),
								span));
					}
				}
			}
		}
		return new WireSpans(spans);
	}

	/**
	 * Forget everything received.
	 */
	void clear() {
		this.exports.clear();
	}

	@Override
	public void close() throws InterruptedException {
		this.http.stop(0);
		this.grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	private void receiveHttp(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
			if (!contentType.toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
				// OTLP/JSON is not what Boot's exporter sends; refuse it rather than misread it.
				exchange.sendResponseHeaders(415, -1);
				return;
			}
			ExportTraceServiceRequest request;
			try (InputStream body = body(exchange)) {
				request = ExportTraceServiceRequest.parseFrom(body);
			}
			this.exports.add(new Export(Transport.HTTP, request));
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
			exchange.sendResponseHeaders(200, (response.length > 0) ? response.length : -1);
			if (response.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(response);
				}
			}
		}
	}

	private static InputStream body(HttpExchange exchange) throws IOException {
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(exchange.getRequestBody())
				: exchange.getRequestBody();
	}

	/**
	 * The OTLP transports of Spring Boot's exporter, named as its
	 * {@code management.opentelemetry.tracing.export.otlp.transport} property names them.
	 */
	enum Transport {

		GRPC, HTTP;

		String propertyValue() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One export request as it arrived.
	 *
	 * @param transport how it came
	 * @param request what it held
	 */
	record Export(Transport transport, ExportTraceServiceRequest request) {
	}

	private final class TraceService extends TraceServiceGrpc.TraceServiceImplBase {

		@Override
		public void export(ExportTraceServiceRequest request,
				StreamObserver<ExportTraceServiceResponse> responseObserver) {
			OtlpTestReceiver.this.exports.add(new Export(Transport.GRPC, request));
			responseObserver.onNext(ExportTraceServiceResponse.getDefaultInstance());
			responseObserver.onCompleted();
		}

	}

}
