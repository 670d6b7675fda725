package dev.agenttracing.chat;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.trace.GenAiOperation;
import dev.agenttracing.trace.OperationStep;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.ai.chat.observation.ChatModelObservationContext;

/**
 * Hands a streamed model round from {@link ChatStreamTimingAdvisor}, which sees its
 * chunks, to the span of the model call, which Spring AI's providers start inside the
 * subscription: the advisor subscribes to the model's stream with the round made current
 * on the subscribing thread, and the span convention claims it when the streaming model
 * call starts. Reactor's context cannot carry it, because a provider writes its
 * observation into the context of its own upstream only.
 */
public final class ChatStreams implements OperationStep {

	private final ThreadLocal<@Nullable StreamedChatRound> subscribing = new ThreadLocal<>();

	private final TracingFailures failures;

	/**
	 * Create it.
	 * @param failures where tracing failures go
	 */
	public ChatStreams(TracingFailures failures) {
		this.failures = failures;
	}

	StreamedChatRound newRound() {
		return new StreamedChatRound(this.failures);
	}

	/**
	 * Run a subscription with a round current on this thread.
	 * @param round the round
	 * @param subscription subscribes to the model's stream
	 */
	void subscribe(StreamedChatRound round, Runnable subscription) {
		StreamedChatRound previous = this.subscribing.get();
		this.subscribing.set(round);
		try {
			subscription.run();
		}
		finally {
			if (previous != null) {
				this.subscribing.set(previous);
			}
			else {
				this.subscribing.remove();
			}
		}
	}

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof ChatModelObservationContext chat && chat.isStreaming();
	}

	/**
	 * A streamed model call takes the round its advisor is subscribing on this thread:
	 * its span then ends once the first chunk crossed the advisor's thread hop, and writes
	 * its time to the first chunk.
	 * @param context the observation's context
	 * @param operation the model call
	 */
	@Override
	public void onStart(Observation.Context context, GenAiOperation operation) {
		StreamedChatRound round = claim();
		if (round != null) {
			operation.deferEnd(round);
		}
	}

	/**
	 * The round being subscribed on this thread, taken at most once.
	 * @return the round, or {@code null} when no advisor is subscribing
	 */
	@Nullable StreamedChatRound claim() {
		StreamedChatRound round = this.subscribing.get();
		if (round != null) {
			this.subscribing.remove();
		}
		return round;
	}

}
