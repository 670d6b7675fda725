package dev.agenttracing.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import dev.agenttracing.chat.ProviderNames;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.trace.ErrorTypes;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Records the metrics of Spring AI's model calls and tool executions, in place of Spring
 * AI's token counter (which is a counter with a non-standard {@code total} token type
 * where the conventions ask for a histogram).
 */
public final class SpringAiMetricsHandler implements ObservationHandler<Observation.Context> {

	private final GenAiMeters meters;

	private final RunLocator runs;

	/**
	 * Create the handler.
	 * @param meters the meters
	 * @param runs finds the run of an observation
	 */
	public SpringAiMetricsHandler(GenAiMeters meters, RunLocator runs) {
		this.meters = meters;
		this.runs = runs;
	}

	@Override
	public void onStart(Observation.Context context) {
		OperationClock.start(context);
	}

	@Override
	public void onStop(Observation.Context context) {
		double seconds = OperationClock.seconds(context);
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
			String agent = this.runs.runOf(context).map(AgentRunObservationContext::getAgentName).orElse(null);
			this.meters.toolCall(tool.getToolDefinition().name(), tool.getToolType(), agent, errorType, seconds);
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext || context instanceof ToolCallingObservationContext;
	}

	private static Long tokens(Integer count) {
		return (count != null) ? count.longValue() : null;
	}

}
