package dev.agenttracing.semconv;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The OpenTelemetry GenAI attribute keys this project writes, typed as the conventions
 * type them. A change of the conventions is a change of this file (and of
 * {@link SemconvVersion}).
 *
 * @see SemconvVersion
 */
public final class GenAiAttributes {

	public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

	public static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");

	public static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");

	public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");

	public static final AttributeKey<String> AGENT_DESCRIPTION = AttributeKey.stringKey("gen_ai.agent.description");

	public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

	public static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");

	public static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");

	public static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");

	public static final AttributeKey<Long> REQUEST_TOP_K = AttributeKey.longKey("gen_ai.request.top_k");

	public static final AttributeKey<Double> REQUEST_FREQUENCY_PENALTY = AttributeKey
		.doubleKey("gen_ai.request.frequency_penalty");

	public static final AttributeKey<Double> REQUEST_PRESENCE_PENALTY = AttributeKey
		.doubleKey("gen_ai.request.presence_penalty");

	public static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES = AttributeKey
		.stringArrayKey("gen_ai.request.stop_sequences");

	public static final AttributeKey<Boolean> REQUEST_STREAM = AttributeKey.booleanKey("gen_ai.request.stream");

	public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

	public static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");

	/** Seconds from the start of a streamed model call to its first chunk. */
	public static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK = AttributeKey
		.doubleKey("gen_ai.response.time_to_first_chunk");

	public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS = AttributeKey
		.stringArrayKey("gen_ai.response.finish_reasons");

	public static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

	public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

	public static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.cache_read.input_tokens");

	/** Input tokens written to the provider's cache (v0.1.0: renamed from {@code cache_creation}). */
	public static final AttributeKey<Long> USAGE_CACHE_WRITE_INPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.cache_write.input_tokens");

	public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");

	public static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");

	public static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");

	public static final AttributeKey<String> TOOL_DESCRIPTION = AttributeKey.stringKey("gen_ai.tool.description");

	public static final AttributeKey<String> DATA_SOURCE_ID = AttributeKey.stringKey("gen_ai.data_source.id");

	public static final AttributeKey<Long> RETRIEVAL_TOP_K = AttributeKey.longKey("gen_ai.retrieval.top_k");

	/** Database conventions, used with a retrieval from a vector store. */
	public static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");

	/** Database conventions, used with a retrieval from a vector store. */
	public static final AttributeKey<String> DB_COLLECTION_NAME = AttributeKey.stringKey("db.collection.name");

	/** Opt-in content: the chat history sent to the model (JSON, as a string on spans). */
	public static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");

	/** Opt-in content: the model's answer (JSON). */
	public static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

	/** Opt-in content: the system instructions given apart from the history (JSON). */
	public static final AttributeKey<String> SYSTEM_INSTRUCTIONS = AttributeKey
		.stringKey("gen_ai.system_instructions");

	/** Opt-in content: the tools offered to the model (JSON). */
	public static final AttributeKey<String> TOOL_DEFINITIONS = AttributeKey.stringKey("gen_ai.tool.definitions");

	/** Opt-in content: a tool call's arguments (JSON object). */
	public static final AttributeKey<String> TOOL_CALL_ARGUMENTS = AttributeKey
		.stringKey("gen_ai.tool.call.arguments");

	/** Opt-in content: a tool call's result (JSON). */
	public static final AttributeKey<String> TOOL_CALL_RESULT = AttributeKey.stringKey("gen_ai.tool.call.result");

	/** Opt-in content: a retrieval's query. */
	public static final AttributeKey<String> RETRIEVAL_QUERY_TEXT = AttributeKey
		.stringKey("gen_ai.retrieval.query.text");

	/** Opt-in content: the documents a retrieval returned (JSON). */
	public static final AttributeKey<String> RETRIEVAL_DOCUMENTS = AttributeKey
		.stringKey("gen_ai.retrieval.documents");

	/** The keys of every content attribute. */
	public static final List<AttributeKey<String>> CONTENT = List.of(INPUT_MESSAGES, OUTPUT_MESSAGES,
			SYSTEM_INSTRUCTIONS, TOOL_DEFINITIONS, TOOL_CALL_ARGUMENTS, TOOL_CALL_RESULT, RETRIEVAL_QUERY_TEXT,
			RETRIEVAL_DOCUMENTS);

	/** The event that can carry a model call's content instead of (or besides) the span. */
	public static final String INFERENCE_DETAILS_EVENT = "gen_ai.client.inference.operation.details";

	/** Not a GenAI key, but the conventions require it on every failed GenAI span. */
	public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private GenAiAttributes() {
	}

}
