package dev.agenttracing.budget;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.core.Ordered;

/**
 * With budget enforcement on, stops an agent run before its next model call once it has
 * gone over a run budget, with an {@link AgentBudgetExceededException}. It sits inside
 * Spring AI's tool loop, just before the model call, so it sees every round.
 */
public final class BudgetEnforcingAdvisor implements CallAdvisor, StreamAdvisor {

	/** Just before the model call, inside the tool-calling loop. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

	private final BudgetGuard guard;

	private final RunLocator runs;

	/**
	 * Create the advisor.
	 * @param guard checks the budgets
	 * @param runs finds the current run
	 */
	public BudgetEnforcingAdvisor(BudgetGuard guard, RunLocator runs) {
		this.guard = guard;
		this.runs = runs;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		this.runs.current().ifPresent(this.guard::enforce);
		return chain.nextCall(request);
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.deferContextual((context) -> {
			Observation current = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (current != null) {
				AgentRunObservationContext.enclosing(current.getContextView()).ifPresent(this.guard::enforce);
			}
			else {
				this.runs.current().ifPresent(this.guard::enforce);
			}
			return chain.nextStream(request);
		});
	}

	@Override
	public String getName() {
		return "agent-tracing budget enforcement";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
