package dev.agenttracing.metrics;

import io.micrometer.observation.Observation;

import dev.agenttracing.chat.ProviderNames;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.trace.ErrorTypes;
import dev.agenttracing.trace.GenAiOperation;
import dev.agenttracing.trace.OperationStep;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Records the metrics of Spring AI's model calls and tool executions, in place of Spring
 * AI's token counter (which is a counter with a non-standard {@code total} token type
 * where the conventions ask for a histogram).
 */
public final class SpringAiMetricsStep implements OperationStep {

	private final GenAiMeters meters;

	/**
	 * Create the handler.
	 * @param meters the meters
	 */
	public SpringAiMetricsStep(GenAiMeters meters) {
		this.meters = meters;
	}

	@Override
	public void onStop(Observation.Context context, GenAiOperation operation) {
		double seconds = operation.elapsedNanos() / 1e9;
		String errorType = (context.getError() != null) ? ErrorTypes.of(context.getError()) : null;
		if (context instanceof ChatModelObservationContext chat) {
			ChatResponse response = chat.getResponse();
			Usage usage = (response != null && response.getMetadata() != null) ? response.getMetadata().getUsage()
					: null;
			String responseModel = (response != null && response.getMetadata() != null)
					? response.getMetadata().getModel() : null;
			String requestModel = (chat.getRequest().getOptions() != null) ? chat.getRequest().getOptions().getModel()
					: null;
			this.meters.modelCall(chat.getOperationMetadata().operationType(),
					ProviderNames.toSemconv(chat.getOperationMetadata().provider()), requestModel, responseModel,
					errorType, seconds, tokens((usage != null) ? usage.getPromptTokens() : null),
					tokens((usage != null) ? usage.getCompletionTokens() : null));
		}
		else if (context instanceof ToolCallingObservationContext tool) {
			AgentRunObservationContext run = operation.run();
			String agent = (run != null) ? run.getAgentName() : null;
			this.meters.toolCall(tool.getToolDefinition().name(), tool.getToolType(), agent, errorType, seconds);
		}
	}

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof ChatModelObservationContext || context instanceof ToolCallingObservationContext;
	}

	private static Long tokens(Integer count) {
		return (count != null) ? count.longValue() : null;
	}

}
