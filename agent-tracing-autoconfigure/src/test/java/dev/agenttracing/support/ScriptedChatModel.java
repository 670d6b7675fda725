package dev.agenttracing.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import io.micrometer.observation.Observation;
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
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A deterministic model for tests that observes itself the way Spring AI's provider
 * models do, so it drives the real {@code ChatClient} tool loop and produces the real
 * {@code gen_ai.client.operation} observations. Answers are queued per test.
 */
public class ScriptedChatModel implements ChatModel {

	public static final String MODEL = "scripted-model-1";

	private static final String STREAM_AFTER_FIRST_CHUNK = "scripted.stream.after-first-chunk";

	private static final String HANG = "hang";

	private final ObservationRegistry registry;

	private final Deque<ChatResponse> answers = new ArrayDeque<>();

	private final List<Prompt> prompts = new ArrayList<>();

	private volatile Function<Prompt, ChatResponse> responder;

	public ScriptedChatModel(ObservationRegistry registry) {
		this.registry = registry;
	}

	public synchronized void script(ChatResponse... responses) {
		this.responder = null;
		this.answers.clear();
		this.prompts.clear();
		this.answers.addAll(List.of(responses));
	}

	/**
	 * Answer every prompt with a function of the prompt instead of the queued answers, for
	 * many runs at once whose answers depend on their own prompts. Prompts are then not
	 * recorded.
	 * @param responder the answer to each prompt
	 */
	public void respondWith(Function<Prompt, ChatResponse> responder) {
		this.responder = responder;
	}

	public synchronized List<Prompt> prompts() {
		return List.copyOf(this.prompts);
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().model(MODEL).build();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider("openai")
			.build();
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, new DefaultChatModelObservationConvention(), () -> context, this.registry)
			.observe(() -> {
				ChatResponse response = next(prompt);
				context.setResponse(response);
				return response;
			});
	}

	/**
	 * Streams the next answer the way providers do: its text word by word (the last chunk
	 * carries the finish reason, id and usage; tool calls come as one chunk), observed
	 * from subscription to termination or cancellation, with the aggregated response set
	 * on the observation when the stream completes. An answer made by
	 * {@link #streamFailing} fails after its first chunk; one made by
	 * {@link #streamHanging} never ends after it.
	 */
	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((contextView) -> {
			ChatModelObservationContext context = ChatModelObservationContext.builder()
				.prompt(prompt)
				.provider("openai")
				.streaming(true)
				.build();
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(null,
					new DefaultChatModelObservationConvention(), () -> context, this.registry);
			Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			observation.parentObservation(parent);
			observation.start();
			ChatResponse response;
			try {
				response = next(prompt);
			}
			catch (RuntimeException ex) {
				observation.error(ex);
				observation.stop();
				return Flux.error(ex);
			}
			Flux<ChatResponse> chunks = Flux.fromIterable(chunks(response));
			Object after = response.getMetadata().get(STREAM_AFTER_FIRST_CHUNK);
			if (after instanceof RuntimeException failure) {
				chunks = chunks.take(1).concatWith(Flux.error(failure));
			}
			else if (HANG.equals(after)) {
				chunks = chunks.take(1).concatWith(Flux.never());
			}
			Flux<ChatResponse> observed = chunks.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
			return new MessageAggregator().aggregate(observed, context::setResponse);
		});
	}

	private static List<ChatResponse> chunks(ChatResponse response) {
		Generation generation = response.getResult();
		String text = generation.getOutput().getText();
		if (!generation.getOutput().getToolCalls().isEmpty() || text == null || !text.contains(" ")) {
			return List.of(response);
		}
		List<ChatResponse> chunks = new ArrayList<>();
		String[] words = text.split("(?= )");
		ChatResponseMetadata partial = ChatResponseMetadata.builder()
			.id(response.getMetadata().getId())
			.model(response.getMetadata().getModel())
			.build();
		for (int i = 0; i < words.length - 1; i++) {
			chunks.add(new ChatResponse(List.of(new Generation(AssistantMessage.builder().content(words[i]).build())),
					partial));
		}
		chunks.add(new ChatResponse(List.of(new Generation(
				AssistantMessage.builder().content(words[words.length - 1]).build(), generation.getMetadata())),
				response.getMetadata()));
		return chunks;
	}

	private ChatResponse next(Prompt prompt) {
		Function<Prompt, ChatResponse> responder = this.responder;
		return (responder != null) ? responder.apply(prompt) : nextScripted(prompt);
	}

	private synchronized ChatResponse nextScripted(Prompt prompt) {
		this.prompts.add(prompt);
		ChatResponse response = this.answers.poll();
		if (response == null) {
			throw new IllegalStateException("The scripted model has no answer left");
		}
		return response;
	}

	public static ChatResponse toolCalls(String responseId, int inputTokens, int outputTokens,
			AssistantMessage.ToolCall... calls) {
		AssistantMessage message = AssistantMessage.builder().content("").toolCalls(List.of(calls)).build();
		return response(responseId, message, "TOOL_CALLS", inputTokens, outputTokens);
	}

	public static AssistantMessage.ToolCall call(String id, String name, String arguments) {
		return new AssistantMessage.ToolCall(id, "function", name, arguments);
	}

	public static ChatResponse answer(String responseId, String text, String finishReason, int inputTokens,
			int outputTokens) {
		return response(responseId, AssistantMessage.builder().content(text).build(), finishReason, inputTokens,
				outputTokens);
	}

	/**
	 * An answer whose stream fails after its first chunk (a call fails at once).
	 * @param responseId the response id
	 * @param text the answer's text; its first word is streamed
	 * @param failure the error the stream ends with
	 * @return the scripted answer
	 */
	public static ChatResponse streamFailing(String responseId, String text, RuntimeException failure) {
		return withStreamEnd(answer(responseId, text, "STOP", 1, 1), failure);
	}

	/**
	 * An answer whose stream sends its first chunk and then nothing, never ending.
	 * @param responseId the response id
	 * @param text the answer's text; its first word is streamed
	 * @return the scripted answer
	 */
	public static ChatResponse streamHanging(String responseId, String text) {
		return withStreamEnd(answer(responseId, text, "STOP", 1, 1), HANG);
	}

	private static ChatResponse withStreamEnd(ChatResponse response, Object end) {
		ChatResponseMetadata metadata = ChatResponseMetadata.builder()
			.id(response.getMetadata().getId())
			.model(response.getMetadata().getModel())
			.usage(response.getMetadata().getUsage())
			.keyValue(STREAM_AFTER_FIRST_CHUNK, end)
			.build();
		return new ChatResponse(response.getResults(), metadata);
	}

	private static ChatResponse response(String responseId, AssistantMessage message, String finishReason,
			int inputTokens, int outputTokens) {
		Generation generation = new Generation(message,
				ChatGenerationMetadata.builder().finishReason(finishReason).build());
		ChatResponseMetadata metadata = ChatResponseMetadata.builder()
			.id(responseId)
			.model(MODEL + "-2026-01-01")
			.usage(new DefaultUsage(inputTokens, outputTokens, null, null, (long) (inputTokens / 2), null))
			.build();
		return new ChatResponse(List.of(generation), metadata);
	}

}
