package dev.agenttracing.diagnosis;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * One step of an agent run as a {@link FindingDetector} sees it when the step stops: the
 * live values, whether or not content capture is on. Do not keep them.
 *
 * @param kind a model call or a tool execution
 * @param name the tool's name, or the model asked for
 * @param agentName the agent whose run the step belongs to
 * @param input for a model call, Spring AI's {@code Prompt}; for a tool execution, its
 * arguments (a JSON string from Spring AI's tool loop, a map of parameter names to values
 * for an {@code @AgentTool} method called directly)
 * @param output for a model call, Spring AI's {@code ChatResponse}; for a tool
 * execution, its result (a string from Spring AI's tool loop, the method's return value
 * otherwise); {@code null} when it failed
 * @param failure what the step failed with, if it did
 */
public record AgentStep(Kind kind, String name, String agentName, @Nullable Object input, @Nullable Object output,
		@Nullable Throwable failure) {

	/**
	 * Whether this is a model call that answered without asking for tools: the run's
	 * answer (or one of them).
	 * @return whether it is a final answer
	 */
	public boolean isFinalAnswer() {
		if (this.kind != Kind.MODEL_CALL || !(this.output instanceof ChatResponse response)) {
			return false;
		}
		List<Generation> results = response.getResults();
		if (results.isEmpty()) {
			return false;
		}
		for (Generation generation : results) {
			AssistantMessage message = generation.getOutput();
			if (message == null || !message.getToolCalls().isEmpty()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The text of a model call's answer (its generations, joined by a new line), or a tool
	 * result as text.
	 * @return the text, or {@code null} when there is none
	 */
	public @Nullable String outputText() {
		if (this.output instanceof ChatResponse response) {
			StringBuilder text = new StringBuilder();
			for (Generation generation : response.getResults()) {
				String part = (generation.getOutput() != null) ? generation.getOutput().getText() : null;
				if (part != null) {
					if (!text.isEmpty()) {
						text.append('\n');
					}
					text.append(part);
				}
			}
			return text.toString();
		}
		return (this.output != null) ? String.valueOf(this.output) : null;
	}

	/** The kinds of step. */
	public enum Kind {

		/** A call of a chat model. */
		MODEL_CALL,

		/** An execution of a tool. */
		TOOL_EXECUTION

	}

}
