package dev.agenttracing.chat;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.Observation;

import dev.agenttracing.budget.Budget;
import dev.agenttracing.budget.BudgetGuard;
import dev.agenttracing.cost.ModelPrices;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.trace.GenAiOperation;
import dev.agenttracing.trace.OperationStep;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;

/**
 * Adds each model call to the run around it: the call itself when it starts; when it
 * ends, its token usage and cost, an {@code agent.iteration} event, a refusal when the
 * provider's content filter stopped the answer, and the budget checks (a latency budget
 * gone over puts its event on the call's span).
 */
public final class ChatAccountingStep implements OperationStep {

	private final BudgetGuard budgets;

	private final ModelPrices prices;

	/**
	 * Create it.
	 * @param budgets checks the run's budgets
	 * @param prices the price table
	 */
	public ChatAccountingStep(BudgetGuard budgets, ModelPrices prices) {
		this.budgets = budgets;
		this.prices = prices;
	}

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

	@Override
	public void onStart(Observation.Context context, GenAiOperation operation) {
		AgentRunObservationContext run = operation.run();
		if (run != null) {
			run.recordModelCall();
		}
	}

	@Override
	public void onStop(Observation.Context context, GenAiOperation operation) {
		AgentRunObservationContext run = operation.run();
		if (run == null) {
			return;
		}
		ChatModelObservationContext chat = (ChatModelObservationContext) context;
		ChatResponse response = chat.getResponse();
		if (response != null) {
			Usage usage = (response.getMetadata() != null) ? response.getMetadata().getUsage() : null;
			if (usage != null) {
				run.recordUsage(usage.getPromptTokens(), usage.getCompletionTokens());
				Double cost = ChatModelSpanConvention.cost(this.prices, chat, response);
				if (cost != null) {
					run.recordCost(cost);
				}
			}
			if (ChatModelSpanConvention.finishReasons(response).contains(FinishReasons.CONTENT_FILTER)) {
				run.refuse(FinishReasons.CONTENT_FILTER);
			}
			run.recordIteration(toolCallsAsked(response));
		}
		this.budgets.stepEnded(run, operation, Budget.MODEL_CALL_LATENCY, operation.elapsedNanos());
		this.budgets.runProgressed(run);
	}

	private static List<String> toolCallsAsked(ChatResponse response) {
		List<String> names = new ArrayList<>();
		for (Generation generation : response.getResults()) {
			for (AssistantMessage.ToolCall call : generation.getOutput().getToolCalls()) {
				names.add(call.name());
			}
		}
		return names;
	}

}
