package dev.agenttracing.conformance;

import dev.agenttracing.conformance.OtlpTestReceiver.Transport;

/**
 * The wire conformance suite over OTLP/gRPC.
 */
class GrpcWireConformanceTests extends WireConformanceTests {

	@Override
	Transport transport() {
		return Transport.GRPC;
	}

}
