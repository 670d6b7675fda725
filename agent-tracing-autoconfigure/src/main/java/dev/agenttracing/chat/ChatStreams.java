package dev.agenttracing.chat;

import org.jspecify.annotations.Nullable;

import dev.agenttracing.trace.TracingFailures;

/**
 * Hands a streamed model round from {@link ChatStreamTimingAdvisor}, which sees its
 * chunks, to the span of the model call, which Spring AI's providers start inside the
 * subscription: the advisor subscribes to the model's stream with the round made current
 * on the subscribing thread, and the span convention claims it when the streaming model
 * call starts. Reactor's context cannot carry it, because a provider writes its
 * observation into the context of its own upstream only.
 */
public final class ChatStreams {

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
