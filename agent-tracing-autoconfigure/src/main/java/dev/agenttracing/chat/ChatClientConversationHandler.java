package dev.agenttracing.chat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;

import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.memory.ChatMemory;

/**
 * Gives a run the conversation id of Spring AI's chat memory when a {@code ChatClient}
 * call inside it uses one and the application did not set one itself. Nothing is ever
 * invented: without chat memory the run has no conversation id.
 */
public final class ChatClientConversationHandler implements ObservationHandler<ChatClientObservationContext> {

	private final RunLocator runs;

	/**
	 * Create it.
	 * @param runs finds the run of an observation
	 */
	public ChatClientConversationHandler(RunLocator runs) {
		this.runs = runs;
	}

	@Override
	public void onStart(ChatClientObservationContext context) {
		Object conversationId = context.getRequest().context().get(ChatMemory.CONVERSATION_ID);
		if (conversationId != null) {
			this.runs.runOf(context)
				.ifPresent((run) -> run.conversationIdIfAbsent(conversationId.toString()));
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatClientObservationContext;
	}

}
