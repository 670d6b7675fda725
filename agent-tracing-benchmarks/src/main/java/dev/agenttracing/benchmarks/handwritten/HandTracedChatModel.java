package dev.agenttracing.benchmarks.handwritten;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import dev.agenttracing.semconv.GenAiAttributes;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A hand-written {@code chat {model}} CLIENT span around each model call, with the
 * attributes the starter writes; it adds the call to the run's totals.
 */
final class HandTracedChatModel implements ChatModel {

	private final ChatModel delegate;

	private final Tracer tracer;

	HandTracedChatModel(ChatModel delegate, Tracer tracer) {
		this.delegate = delegate;
		this.tracer = tracer;
	}

	@Override
	public ChatOptions getOptions() {
		return this.delegate.getOptions();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		HandTracedRun run = HandTracedRun.current();
		String model = (prompt.getOptions() != null) ? prompt.getOptions().getModel() : null;
		Span span = this.tracer.spanBuilder((model != null) ? "chat " + model : "chat")
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute(GenAiAttributes.OPERATION_NAME, "chat")
			.setAttribute(GenAiAttributes.PROVIDER_NAME, "openai")
			.setAttribute(GenAiAttributes.REQUEST_MODEL, model)
			.setAttribute(GenAiAttributes.CONVERSATION_ID, (run != null) ? run.conversationId : null)
			.startSpan();
		try (Scope scope = span.makeCurrent()) {
			ChatResponse response = this.delegate.call(prompt);
			describe(span, response, run);
			return response;
		}
		catch (RuntimeException ex) {
			span.recordException(ex);
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(GenAiAttributes.ERROR_TYPE, ex.getClass().getName());
			throw ex;
		}
		finally {
			span.end();
		}
	}

	private static void describe(Span span, ChatResponse response, HandTracedRun run) {
		ChatResponseMetadata metadata = response.getMetadata();
		Usage usage = metadata.getUsage();
		span.setAttribute(GenAiAttributes.RESPONSE_MODEL, metadata.getModel());
		span.setAttribute(GenAiAttributes.RESPONSE_ID, metadata.getId());
		if (usage != null) {
			setLong(span, GenAiAttributes.USAGE_INPUT_TOKENS, usage.getPromptTokens());
			setLong(span, GenAiAttributes.USAGE_OUTPUT_TOKENS, usage.getCompletionTokens());
			setLong(span, GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS, usage.getCacheReadInputTokens());
			setLong(span, GenAiAttributes.USAGE_CACHE_WRITE_INPUT_TOKENS, usage.getCacheWriteInputTokens());
		}
		List<String> finishReasons = new ArrayList<>(response.getResults().size());
		for (Generation generation : response.getResults()) {
			String reason = generation.getMetadata().getFinishReason();
			finishReasons.add("TOOL_CALLS".equals(reason) ? "tool_call"
					: (reason != null) ? reason.toLowerCase(Locale.ROOT) : "stop");
			if (run != null && generation.getOutput().hasToolCalls()) {
				run.asked(generation.getOutput().getToolCalls());
			}
		}
		span.setAttribute(GenAiAttributes.RESPONSE_FINISH_REASONS, finishReasons);
		if (run != null) {
			synchronized (run) {
				run.modelCalls++;
				if (usage != null) {
					run.inputTokens += (usage.getPromptTokens() != null) ? usage.getPromptTokens() : 0;
					run.outputTokens += (usage.getCompletionTokens() != null) ? usage.getCompletionTokens() : 0;
				}
			}
		}
	}

	private static void setLong(Span span, io.opentelemetry.api.common.AttributeKey<Long> key, Number value) {
		if (value != null) {
			span.setAttribute(key, value.longValue());
		}
	}

}
