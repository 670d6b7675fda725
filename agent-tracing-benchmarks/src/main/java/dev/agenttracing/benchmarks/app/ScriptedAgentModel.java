package dev.agenttracing.benchmarks.app;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
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
 * A model with no latency that plays the same conversation for every run, and observes
 * itself the way Spring AI's provider models do, so that the real {@code ChatClient} tool
 * loop runs and the real {@code gen_ai.client.operation} observations are made. It keeps
 * no state between calls (the round is read from the prompt), so any number of threads
 * can use it.
 * <p>
 * The conversation: the model asks for two tools, then for a third, then answers: three
 * model calls and three tool executions per run.
 */
public final class ScriptedAgentModel implements ChatModel {

	/** The model name requested and reported. */
	public static final String MODEL = "scripted-model-1";

	private final ObservationRegistry registry;

	public ScriptedAgentModel(ObservationRegistry registry) {
		this.registry = registry;
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
				ChatResponse response = answer(prompt);
				context.setResponse(response);
				return response;
			});
	}

	/** The answer to the prompt, by how many tool rounds it already holds. */
	static ChatResponse answer(Prompt prompt) {
		return switch (toolRounds(prompt.getInstructions())) {
			case 0 -> toolCalls("resp-1", 412, 38,
					call("call-1", SupportTools.LOOKUP_CUSTOMER, "{\"customerId\":\"c-42\"}"),
					call("call-2", SupportTools.LOOKUP_PRICING, "{\"plan\":\"pro\",\"currency\":\"EUR\"}"));
			case 1 -> toolCalls("resp-2", 540, 41, call("call-3", SupportTools.OPEN_TICKET,
					"{\"team\":\"billing\",\"summary\":\"Customer c-42 was charged twice for the pro plan\"}"));
			default -> response("resp-3", AssistantMessage.builder()
				.content("The pro plan costs 49 EUR a month. You were charged twice, so I opened ticket "
						+ "T-1001 with the billing team; they will refund the second charge within five days.")
				.build(), "STOP", 655, 52);
		};
	}

	private static int toolRounds(List<Message> messages) {
		int rounds = 0;
		for (Message message : messages) {
			if (message instanceof ToolResponseMessage) {
				rounds++;
			}
		}
		return rounds;
	}

	private static AssistantMessage.ToolCall call(String id, String name, String arguments) {
		return new AssistantMessage.ToolCall(id, "function", name, arguments);
	}

	private static ChatResponse toolCalls(String responseId, int inputTokens, int outputTokens,
			AssistantMessage.ToolCall... calls) {
		return response(responseId, AssistantMessage.builder().content("").toolCalls(List.of(calls)).build(),
				"TOOL_CALLS", inputTokens, outputTokens);
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
