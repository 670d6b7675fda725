package dev.agenttracing.test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.util.StringUtils;

/**
 * A Spring AI {@link ChatModel} that gives scripted answers, for testing an agent without
 * a model provider. It observes its calls the way Spring AI's provider models do, so it
 * drives the real {@code ChatClient} tool loop (tools are really called) and its calls are
 * {@code chat} spans with model, token usage, response ids and finish reasons, as in
 * production.
 * <pre class="code">
 * &#64;Bean
 * ScriptedChatModel chatModel(ObservationRegistry observationRegistry) {
 *     return new ScriptedChatModel(observationRegistry);
 * }
 *
 * model.script(
 *         toolCalls("resp-1", 120, 20, call("call-1", "lookupPricing", "{\"plan\":\"pro\",\"currency\":\"EUR\"}")),
 *         answer("resp-2", "The Pro plan costs 49 EUR.", "STOP", 160, 12));
 * </pre>
 * Each {@link #call(Prompt)} takes the next answer; a call with none left fails. With
 * {@code spring.ai.model.chat} set to a value no provider uses (for example
 * {@code scripted}), no provider's model is created next to it.
 */
public class ScriptedChatModel implements ChatModel {

	/** The default model name: chat spans are named {@code chat scripted-model-1}. */
	public static final String DEFAULT_MODEL = "scripted-model-1";

	/** The default provider the calls are attributed to. */
	public static final String DEFAULT_PROVIDER = "openai";

	private final ObservationRegistry registry;

	private final String model;

	private final String provider;

	private final Deque<ChatResponse> answers = new ArrayDeque<>();

	private final List<Prompt> prompts = new ArrayList<>();

	/**
	 * A scripted model named {@value #DEFAULT_MODEL} for provider {@value #DEFAULT_PROVIDER}.
	 * @param registry the registry its calls are observed in
	 */
	public ScriptedChatModel(ObservationRegistry registry) {
		this(registry, DEFAULT_MODEL, DEFAULT_PROVIDER);
	}

	/**
	 * A scripted model.
	 * @param registry the registry its calls are observed in
	 * @param model the model's name, {@code gen_ai.request.model} and
	 * {@code gen_ai.response.model}
	 * @param provider the provider as Spring AI names it ({@code openai},
	 * {@code anthropic}...)
	 */
	public ScriptedChatModel(ObservationRegistry registry, String model, String provider) {
		this.registry = registry;
		this.model = model;
		this.provider = provider;
	}

	/**
	 * Replace the answers still to give, and forget the prompts received.
	 * @param responses the answers, in the order the calls will get them
	 */
	public synchronized void script(ChatResponse... responses) {
		this.answers.clear();
		this.prompts.clear();
		this.answers.addAll(List.of(responses));
	}

	/**
	 * The prompts received since the last {@link #script}, tool results included.
	 * @return the prompts
	 */
	public synchronized List<Prompt> prompts() {
		return List.copyOf(this.prompts);
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().model(this.model).build();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		return ObservedChatCalls.call(this.registry, this.provider, prompt, () -> next(prompt));
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((contextView) -> ObservedChatCalls.stream(this.registry, this.provider, prompt,
				contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null), () -> next(prompt)));
	}

	private synchronized ChatResponse next(Prompt prompt) {
		this.prompts.add(prompt);
		ChatResponse response = this.answers.poll();
		if (response == null) {
			throw new IllegalStateException("The scripted model has no answer left for: " + prompt.getContents());
		}
		return withModel(response);
	}

	/** The scripted answers leave the model out; it is this model's. */
	private ChatResponse withModel(ChatResponse response) {
		ChatResponseMetadata scripted = response.getMetadata();
		if (StringUtils.hasText(scripted.getModel())) {
			return response;
		}
		ChatResponseMetadata metadata = ChatResponseMetadata.builder()
			.id(scripted.getId())
			.model(this.model)
			.usage(scripted.getUsage())
			.build();
		return new ChatResponse(response.getResults(), metadata);
	}

	/**
	 * An answer that asks for tool calls (finish reason {@code tool_call}).
	 * @param responseId the response id, {@code gen_ai.response.id}
	 * @param inputTokens the input tokens used
	 * @param outputTokens the output tokens used
	 * @param calls the tool calls asked for
	 * @return the answer
	 */
	public static ChatResponse toolCalls(String responseId, int inputTokens, int outputTokens,
			AssistantMessage.ToolCall... calls) {
		AssistantMessage message = AssistantMessage.builder().content("").toolCalls(List.of(calls)).build();
		return response(responseId, message, "TOOL_CALLS", inputTokens, outputTokens);
	}

	/**
	 * A tool call for {@link #toolCalls}.
	 * @param id the call's id, {@code gen_ai.tool.call.id}
	 * @param toolName the tool's name
	 * @param arguments the arguments, a JSON object
	 * @return the tool call
	 */
	public static AssistantMessage.ToolCall call(String id, String toolName, String arguments) {
		return new AssistantMessage.ToolCall(id, "function", toolName, arguments);
	}

	/**
	 * A text answer.
	 * @param responseId the response id, {@code gen_ai.response.id}
	 * @param text the text
	 * @param finishReason the provider's finish reason: {@code STOP}, {@code LENGTH},
	 * {@code CONTENT_FILTER}...
	 * @param inputTokens the input tokens used
	 * @param outputTokens the output tokens used
	 * @return the answer
	 */
	public static ChatResponse answer(String responseId, String text, String finishReason, int inputTokens,
			int outputTokens) {
		return response(responseId, AssistantMessage.builder().content(text).build(), finishReason, inputTokens,
				outputTokens);
	}

	private static ChatResponse response(String responseId, AssistantMessage message, String finishReason,
			int inputTokens, int outputTokens) {
		Generation generation = new Generation(message,
				ChatGenerationMetadata.builder().finishReason(finishReason).build());
		ChatResponseMetadata metadata = ChatResponseMetadata.builder()
			.id(responseId)
			.usage(new DefaultUsage(inputTokens, outputTokens))
			.build();
		return new ChatResponse(List.of(generation), metadata);
	}

}
