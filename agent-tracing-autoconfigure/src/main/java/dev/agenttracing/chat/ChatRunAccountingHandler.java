package dev.agenttracing.chat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;

/**
 * Adds each model call to the run around it: the call itself when it starts, its token
 * usage when it ends, and a refusal when the provider's content filter stopped the
 * answer.
 */
public final class ChatRunAccountingHandler implements ObservationHandler<ChatModelObservationContext> {

	private final RunLocator runs;

	/**
	 * Create it.
	 * @param runs finds the run of an observation
	 */
	public ChatRunAccountingHandler(RunLocator runs) {
		this.runs = runs;
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		this.runs.runOf(context).ifPresent((run) -> {
			run.recordModelCall();
			run.operationStarted();
		});
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		this.runs.runOf(context).ifPresent((run) -> {
			try {
				ChatResponse response = context.getResponse();
				if (response != null) {
					Usage usage = (response.getMetadata() != null) ? response.getMetadata().getUsage() : null;
					if (usage != null) {
						run.recordUsage(usage.getPromptTokens(), usage.getCompletionTokens());
					}
					if (ChatModelSpanConvention.finishReasons(response).contains(FinishReasons.CONTENT_FILTER)) {
						run.refuse(FinishReasons.CONTENT_FILTER);
					}
				}
			}
			finally {
				run.operationEnded();
			}
		});
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

}
