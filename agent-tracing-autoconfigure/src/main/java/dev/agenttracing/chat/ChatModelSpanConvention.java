package dev.agenttracing.chat;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Span;
import io.opentelemetry.api.common.Attributes;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.capture.ContentCapture;
import dev.agenttracing.cost.ModelPrices;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;
import dev.agenttracing.trace.GenAiOperation;
import dev.agenttracing.trace.GenAiSpanConvention;
import dev.agenttracing.trace.SpanAttributes;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.StringUtils;

/**
 * A Spring AI model call ({@code gen_ai.client.operation} observation) as a
 * {@code chat {model}} CLIENT span with typed attributes in today's conventions, in place
 * of Spring AI's all-string, {@code gen_ai.system} dialect.
 */
public final class ChatModelSpanConvention implements GenAiSpanConvention<ChatModelObservationContext> {

	private final RunLocator runs;

	private final ContentCapture capture;

	private final ChatContent content;

	private final ModelPrices prices;

	/**
	 * Create it.
	 * @param runs finds the run of an observation
	 * @param capture what content is captured, and how
	 * @param prices the price table
	 */
	public ChatModelSpanConvention(RunLocator runs, ContentCapture capture, ModelPrices prices) {
		this.runs = runs;
		this.capture = capture;
		this.content = new ChatContent(capture);
		this.prices = prices;
	}

	@Override
	public Class<ChatModelObservationContext> contextType() {
		return ChatModelObservationContext.class;
	}

	@Override
	public Span.Kind spanKind(ChatModelObservationContext context) {
		return Span.Kind.CLIENT;
	}

	@Override
	public String spanName(ChatModelObservationContext context) {
		String operation = operation(context);
		String model = requestModel(context);
		return (model != null) ? operation + " " + model : operation;
	}

	@Override
	public void onStart(ChatModelObservationContext context, SpanAttributes attributes) {
		attributes.put(GenAiAttributes.OPERATION_NAME, operation(context))
			.put(GenAiAttributes.PROVIDER_NAME, ProviderNames.toSemconv(context.getOperationMetadata().provider()))
			.put(GenAiAttributes.REQUEST_MODEL, requestModel(context))
			.put(GenAiAttributes.CONVERSATION_ID, this.runs.runOf(context)
				.map(AgentRunObservationContext::getConversationId)
				.orElse(null));
		if (context.isStreaming()) {
			attributes.put(GenAiAttributes.REQUEST_STREAM, true);
		}
		ChatOptions options = context.getRequest().getOptions();
		if (options != null) {
			attributes.put(GenAiAttributes.REQUEST_TEMPERATURE, options.getTemperature())
				.putLong(GenAiAttributes.REQUEST_MAX_TOKENS, options.getMaxTokens())
				.put(GenAiAttributes.REQUEST_TOP_P, options.getTopP())
				.putLong(GenAiAttributes.REQUEST_TOP_K, options.getTopK())
				.put(GenAiAttributes.REQUEST_FREQUENCY_PENALTY, options.getFrequencyPenalty())
				.put(GenAiAttributes.REQUEST_PRESENCE_PENALTY, options.getPresencePenalty());
			List<String> stop = options.getStopSequences();
			if (stop != null && !stop.isEmpty()) {
				attributes.put(GenAiAttributes.REQUEST_STOP_SEQUENCES, List.copyOf(stop));
			}
		}
	}

	@Override
	public void onStop(ChatModelObservationContext context, SpanAttributes attributes) {
		GenAiOperation operation = GenAiOperation.of(context);
		if (operation != null && operation.deferredEnd() instanceof StreamedChatRound round && round.isCancelled()) {
			attributes.put(AgentAttributes.RESPONSE_CANCELLED, true);
		}
		ChatResponse response = context.getResponse();
		String agent = this.runs.runOf(context).map(AgentRunObservationContext::getAgentName).orElse(null);
		if (this.capture.enabledFor(agent, null)) {
			Prompt prompt = context.getRequest();
			this.capture.content(attributes.traceId(), spanName(context), true)
				.json(GenAiAttributes.INPUT_MESSAGES, this.content.inputMessages(prompt))
				.json(GenAiAttributes.SYSTEM_INSTRUCTIONS, this.content.systemInstructions(prompt))
				.json(GenAiAttributes.TOOL_DEFINITIONS, this.content.toolDefinitions(prompt))
				.json(GenAiAttributes.OUTPUT_MESSAGES, (response != null) ? this.content.outputMessages(response) : null)
				.writeTo(attributes);
		}
		if (response == null) {
			return;
		}
		ChatResponseMetadata metadata = response.getMetadata();
		if (metadata != null) {
			attributes.put(GenAiAttributes.RESPONSE_MODEL, nonBlank(metadata.getModel()))
				.put(GenAiAttributes.RESPONSE_ID, nonBlank(metadata.getId()));
			Usage usage = metadata.getUsage();
			if (usage != null) {
				attributes.putLong(GenAiAttributes.USAGE_INPUT_TOKENS, usage.getPromptTokens())
					.putLong(GenAiAttributes.USAGE_OUTPUT_TOKENS, usage.getCompletionTokens())
					.putLong(GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS, usage.getCacheReadInputTokens())
					.putLong(GenAiAttributes.USAGE_CACHE_WRITE_INPUT_TOKENS, usage.getCacheWriteInputTokens());
				Double cost = cost(this.prices, context, response);
				if (cost != null) {
					attributes.put(AgentAttributes.COST, cost).put(AgentAttributes.COST_CURRENCY, this.prices.currency());
				}
			}
		}
		List<String> finishReasons = finishReasons(response);
		if (!finishReasons.isEmpty()) {
			attributes.put(GenAiAttributes.RESPONSE_FINISH_REASONS, finishReasons);
		}
		if (finishReasons.contains(FinishReasons.LENGTH)) {
			attributes.put(AgentAttributes.RESPONSE_TRUNCATED, true);
			Attributes event = Attributes.builder()
				.put(GenAiAttributes.RESPONSE_FINISH_REASONS, finishReasons)
				.build();
			Long maxTokens = (context.getRequest().getOptions() != null
					&& context.getRequest().getOptions().getMaxTokens() != null)
							? context.getRequest().getOptions().getMaxTokens().longValue() : null;
			Long outputTokens = (metadata != null && metadata.getUsage() != null
					&& metadata.getUsage().getCompletionTokens() != null)
							? metadata.getUsage().getCompletionTokens().longValue() : null;
			if (maxTokens != null) {
				event = event.toBuilder().put(GenAiAttributes.REQUEST_MAX_TOKENS, maxTokens).build();
			}
			if (outputTokens != null) {
				event = event.toBuilder().put(GenAiAttributes.USAGE_OUTPUT_TOKENS, outputTokens).build();
			}
			attributes.event(AgentAttributes.RESPONSE_TRUNCATED_EVENT, event);
		}
	}

	@Override
	public boolean copiesKeyValue(String key) {
		return !(key.startsWith("gen_ai.") || key.startsWith("spring.ai."));
	}

	/**
	 * The cost of a model call from the price table.
	 * @param prices the price table
	 * @param context the call
	 * @param response its response
	 * @return the cost, or {@code null} when the model has no price or usage is unknown
	 */
	static @Nullable Double cost(ModelPrices prices, ChatModelObservationContext context, ChatResponse response) {
		ChatResponseMetadata metadata = response.getMetadata();
		Usage usage = (metadata != null) ? metadata.getUsage() : null;
		if (usage == null) {
			return null;
		}
		long input = (usage.getPromptTokens() != null) ? usage.getPromptTokens() : 0;
		long output = (usage.getCompletionTokens() != null) ? usage.getCompletionTokens() : 0;
		long cached = (usage.getCacheReadInputTokens() != null) ? usage.getCacheReadInputTokens() : 0;
		return prices.cost(nonBlank(metadata.getModel()), requestModel(context), input, output, cached);
	}

	/**
	 * The finish reasons of a response, one per generation, in the conventions' values.
	 * @param response the response
	 * @return the reasons, possibly empty
	 */
	static List<String> finishReasons(ChatResponse response) {
		List<Generation> results = response.getResults();
		if (results == null || results.isEmpty()) {
			return List.of();
		}
		List<String> reasons = new ArrayList<>(results.size());
		for (Generation generation : results) {
			String reported = (generation != null && generation.getMetadata() != null)
					? generation.getMetadata().getFinishReason() : null;
			reasons.add(FinishReasons.normalise(reported));
		}
		return reasons;
	}

	private static String operation(ChatModelObservationContext context) {
		String operation = context.getOperationMetadata().operationType();
		return StringUtils.hasText(operation) ? operation : GenAiOperations.CHAT;
	}

	private static @Nullable String requestModel(ChatModelObservationContext context) {
		ChatOptions options = context.getRequest().getOptions();
		return (options != null) ? nonBlank(options.getModel()) : null;
	}

	private static @Nullable String nonBlank(@Nullable String value) {
		return StringUtils.hasText(value) ? value : null;
	}

}
