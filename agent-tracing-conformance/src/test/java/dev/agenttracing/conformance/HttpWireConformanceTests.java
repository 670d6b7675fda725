package dev.agenttracing.conformance;

import dev.agenttracing.conformance.OtlpTestReceiver.Transport;

/**
 * The wire conformance suite over OTLP HTTP/protobuf.
 */
class HttpWireConformanceTests extends WireConformanceTests {

	@Override
	Transport transport() {
		return Transport.HTTP;
	}

}
