package dev.agenttracing.chat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import java.util.ArrayList;
import java.util.List;

import dev.agenttracing.budget.Budget;
import dev.agenttracing.budget.BudgetGuard;
import dev.agenttracing.cost.ModelPrices;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.trace.StopOnce;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;

/**
 * Adds each model call to the run around it: the call itself when it starts; when it
 * ends, its token usage and cost, an {@code agent.iteration} event, a refusal when the
 * provider's content filter stopped the answer, and the budget checks.
 */
public final class ChatRunAccountingHandler implements ObservationHandler<ChatModelObservationContext> {

	private final RunLocator runs;

	private final BudgetGuard budgets;

	private final ModelPrices prices;

	private final StopOnce stops = new StopOnce();

	/**
	 * Create it.
	 * @param runs finds the run of an observation
	 * @param budgets checks the run's budgets
	 * @param prices the price table
	 */
	public ChatRunAccountingHandler(RunLocator runs, BudgetGuard budgets, ModelPrices prices) {
		this.runs = runs;
		this.budgets = budgets;
		this.prices = prices;
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		BudgetGuard.stepStarted(context);
		this.runs.runOf(context).ifPresent((run) -> {
			run.recordModelCall();
			run.operationStarted();
		});
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		if (!this.stops.first(context)) {
			return;
		}
		this.runs.runOf(context).ifPresent((run) -> {
			try {
				ChatResponse response = context.getResponse();
				if (response != null) {
					Usage usage = (response.getMetadata() != null) ? response.getMetadata().getUsage() : null;
					if (usage != null) {
						run.recordUsage(usage.getPromptTokens(), usage.getCompletionTokens());
						Double cost = ChatModelSpanConvention.cost(this.prices, context, response);
						if (cost != null) {
							run.recordCost(cost);
						}
					}
					if (ChatModelSpanConvention.finishReasons(response).contains(FinishReasons.CONTENT_FILTER)) {
						run.refuse(FinishReasons.CONTENT_FILTER);
					}
					run.recordIteration(toolCallsAsked(response));
				}
				Long nanos = BudgetGuard.stepNanos(context);
				if (nanos != null) {
					this.budgets.stepEnded(run, context, Budget.MODEL_CALL_LATENCY, nanos);
				}
				this.budgets.runProgressed(run);
			}
			finally {
				StreamedChatRound round = context.get(StreamedChatRound.class);
				if (round != null) {
					// A streamed call's span may end later than its observation stops.
					round.whenSpanEnded(run::operationEnded);
				}
				else {
					run.operationEnded();
				}
			}
		});
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

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

}
