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
	 * Answer every call, from any number of threads, by what the prompt holds rather than
	 * from a queue; prompts are not recorded, so that load tests hold no memory here.
	 * @param responder the answer to a prompt, or an exception for a failed model call
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
			context.setResponse(response);
			return Flux.just(response)
				.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private ChatResponse next(Prompt prompt) {
		Function<Prompt, ChatResponse> respond = this.responder;
		if (respond != null) {
			return respond.apply(prompt);
		}
		return queued(prompt);
	}

	private synchronized ChatResponse queued(Prompt prompt) {
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
