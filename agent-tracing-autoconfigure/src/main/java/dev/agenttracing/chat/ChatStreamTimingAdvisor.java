package dev.agenttracing.chat;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.core.Ordered;

/**
 * Times the streamed model calls of a {@code ChatClient} for their {@code chat} spans:
 * {@code gen_ai.response.time_to_first_chunk}, and whether the subscriber cancelled the
 * stream. It sits last in the advisor chain, just before Spring AI's model call and
 * inside the tool loop, so it sees every model round. It subscribes to the model's stream
 * on the subscribing thread, where the provider starts the model call's observation (no
 * advisor or operator in between moves the subscription to another thread), and hands
 * the round to the span through {@link ChatStreams}. It adds no span and changes no
 * element, error or signal of the stream.
 */
public final class ChatStreamTimingAdvisor implements StreamAdvisor {

	/** Just before Spring AI's model call ({@code ChatModelStreamAdvisor}). */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

	private final ChatStreams streams;

	/**
	 * Create the advisor.
	 * @param streams hands each round to its span
	 */
	public ChatStreamTimingAdvisor(ChatStreams streams) {
		this.streams = streams;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.defer(() -> {
			StreamedChatRound round = this.streams.newRound();
			Flux<ChatClientResponse> responses = chain.nextStream(request)
				.doOnNext((response) -> round.chunk())
				.doOnCancel(round::cancelled)
				.doFinally((signal) -> round.terminated());
			return Flux.from((subscriber) -> this.streams.subscribe(round, () -> responses.subscribe(subscriber)));
		});
	}

	@Override
	public String getName() {
		return "agent-tracing stream timing";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
