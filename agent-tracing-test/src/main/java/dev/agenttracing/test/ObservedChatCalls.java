package dev.agenttracing.test;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A model call of the test models ({@link ScriptedChatModel}, {@link ReplayChatModel})
 * observed the way Spring AI's provider models observe theirs, so that their calls are
 * {@code chat} spans as in production.
 */
final class ObservedChatCalls {

	private ObservedChatCalls() {
	}

	/** A blocking call, in the current observation. */
	static ChatResponse call(ObservationRegistry registry, String provider, Prompt prompt,
			Supplier<ChatResponse> answer) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider(provider)
			.build();
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, new DefaultChatModelObservationConvention(), () -> context, registry)
			.observe(() -> {
				ChatResponse response = answer.get();
				context.setResponse(response);
				return response;
			});
	}

	/** A streamed call answered in one chunk, under the subscriber's observation. */
	static Flux<ChatResponse> stream(ObservationRegistry registry, String provider, Prompt prompt,
			@Nullable Observation parent, Supplier<ChatResponse> answer) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider(provider)
			.streaming(true)
			.build();
		Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(null,
				new DefaultChatModelObservationConvention(), () -> context, registry);
		observation.parentObservation(parent);
		observation.start();
		ChatResponse response;
		try {
			response = answer.get();
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
	}

}
