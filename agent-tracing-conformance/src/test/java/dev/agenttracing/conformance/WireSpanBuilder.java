package dev.agenttracing.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;

import dev.agenttracing.conformance.OtlpTestReceiver.Transport;

/**
 * Builds a span as it would arrive over OTLP, for tests of the conformance rules
 * themselves: each attribute is written with the wire type the test chooses.
 */
final class WireSpanBuilder {

	private final Span.Builder span = Span.newBuilder();

	private WireSpanBuilder(String name, SpanKind kind) {
		byte[] traceId = new byte[16];
		byte[] spanId = new byte[8];
		ThreadLocalRandom.current().nextBytes(traceId);
		ThreadLocalRandom.current().nextBytes(spanId);
		this.span.setName(name)
			.setKind(kind)
			.setTraceId(ByteString.copyFrom(traceId))
			.setSpanId(ByteString.copyFrom(spanId))
			.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_UNSET));
	}

	static WireSpanBuilder span(String name, SpanKind kind) {
		return new WireSpanBuilder(name, kind);
	}

	/** A conforming chat span: the starting point of most rule tests. */
	static WireSpanBuilder chat() {
		return span("chat gpt-4o", SpanKind.SPAN_KIND_CLIENT).string("gen_ai.operation.name", "chat")
			.string("gen_ai.provider.name", "openai")
			.string("gen_ai.request.model", "gpt-4o")
			.integer("gen_ai.usage.input_tokens", 120)
			.integer("gen_ai.usage.output_tokens", 14)
			.strings("gen_ai.response.finish_reasons", "stop");
	}

	/** A conforming in-process agent span. */
	static WireSpanBuilder invokeAgent() {
		return span("invoke_agent support-router", SpanKind.SPAN_KIND_INTERNAL)
			.string("gen_ai.operation.name", "invoke_agent")
			.string("gen_ai.agent.name", "support-router");
	}

	/** A conforming tool span. */
	static WireSpanBuilder executeTool() {
		return span("execute_tool lookupPricing", SpanKind.SPAN_KIND_INTERNAL)
			.string("gen_ai.operation.name", "execute_tool")
			.string("gen_ai.tool.name", "lookupPricing")
			.string("gen_ai.tool.type", "function");
	}

	/** A conforming retrieval span. */
	static WireSpanBuilder retrieval() {
		return span("retrieval kb-articles", SpanKind.SPAN_KIND_CLIENT).string("gen_ai.operation.name", "retrieval")
			.string("gen_ai.data_source.id", "kb-articles")
			.integer("gen_ai.retrieval.top_k", 2);
	}

	WireSpanBuilder name(String name) {
		this.span.setName(name);
		return this;
	}

	WireSpanBuilder kind(SpanKind kind) {
		this.span.setKind(kind);
		return this;
	}

	WireSpanBuilder string(String key, String value) {
		return value(key, AnyValue.newBuilder().setStringValue(value).build());
	}

	WireSpanBuilder integer(String key, long value) {
		return value(key, AnyValue.newBuilder().setIntValue(value).build());
	}

	WireSpanBuilder decimal(String key, double value) {
		return value(key, AnyValue.newBuilder().setDoubleValue(value).build());
	}

	WireSpanBuilder bool(String key, boolean value) {
		return value(key, AnyValue.newBuilder().setBoolValue(value).build());
	}

	WireSpanBuilder strings(String key, String... values) {
		ArrayValue.Builder array = ArrayValue.newBuilder();
		Arrays.stream(values).forEach((value) -> array.addValues(AnyValue.newBuilder().setStringValue(value)));
		return value(key, AnyValue.newBuilder().setArrayValue(array).build());
	}

	WireSpanBuilder value(String key, AnyValue value) {
		for (int i = 0; i < this.span.getAttributesCount(); i++) {
			if (this.span.getAttributes(i).getKey().equals(key)) {
				this.span.removeAttributes(i);
				break;
			}
		}
		this.span.addAttributes(KeyValue.newBuilder().setKey(key).setValue(value));
		return this;
	}

	WireSpanBuilder without(String key) {
		for (int i = 0; i < this.span.getAttributesCount(); i++) {
			if (this.span.getAttributes(i).getKey().equals(key)) {
				this.span.removeAttributes(i);
				return this;
			}
		}
		return this;
	}

	WireSpanBuilder status(Status.StatusCode code) {
		this.span.setStatus(Status.newBuilder().setCode(code));
		return this;
	}

	/**
	 * Mark the span failed, as the conventions want it.
	 * @param errorType the error type
	 * @return this
	 */
	WireSpanBuilder failed(String errorType) {
		return status(Status.StatusCode.STATUS_CODE_ERROR).string("error.type", errorType);
	}

	WireSpanBuilder event(String name) {
		this.span.addEvents(Span.Event.newBuilder().setName(name));
		return this;
	}

	WireSpan build() {
		Resource resource = Resource.newBuilder()
			.addAttributes(KeyValue.newBuilder()
				.setKey("service.name")
				.setValue(AnyValue.newBuilder().setStringValue("fixture")))
			.build();
		return new WireSpan(Transport.GRPC, resource, InstrumentationScope.getDefaultInstance(), this.span.build());
	}

	WireSpans buildAll() {
		return new WireSpans(List.of(build()));
	}

}
