package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.run.AgentRunObservationContext;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.ai.tool.metadata.ToolMetadata;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Spring AI's tool loop, with the tools a {@link ReplayChatModel} stubs answered from its
 * recording: their callbacks are replaced for the call, so the loop still opens its
 * {@code execute_tool} observation around each (the span appears, marked
 * {@value ReplayChatModel#REPLAYED_TOOL_KEY}) and hands the recorded result to the model.
 * Without a replay model, or with no tool stubbed, the loop is left as it is.
 */
final class ReplayToolCallingManager implements ToolCallingManager {

	private final ToolCallingManager delegate;

	private final ObjectProvider<ReplayChatModel> models;

	private final ObservationRegistry registry;

	ReplayToolCallingManager(ToolCallingManager delegate, ObjectProvider<ReplayChatModel> models,
			ObservationRegistry registry) {
		this.delegate = delegate;
		this.models = models;
		this.registry = registry;
	}

	@Override
	public List<ToolDefinition> resolveToolDefinitions(ToolCallingChatOptions chatOptions) {
		return this.delegate.resolveToolDefinitions(chatOptions);
	}

	@Override
	public ToolExecutionResult executeToolCalls(Prompt prompt, ChatResponse chatResponse) {
		ReplayChatModel model = this.models.getIfUnique();
		if (model == null || !model.stubsAnyTool() || !(prompt.getOptions() instanceof ToolCallingChatOptions options)) {
			return this.delegate.executeToolCalls(prompt, chatResponse);
		}
		List<ToolCallback> callbacks = new ArrayList<>();
		Set<String> named = new LinkedHashSet<>();
		for (ToolCallback callback : options.getToolCallbacks()) {
			String name = callback.getToolDefinition().name();
			named.add(name);
			callbacks.add(model.stubs(name) ? new RecordedToolCallback(callback, model) : callback);
		}
		// A stubbed tool resolved by name rather than given as a callback is answered too.
		for (Generation generation : chatResponse.getResults()) {
			for (AssistantMessage.ToolCall call : generation.getOutput().getToolCalls()) {
				if (model.stubs(call.name()) && named.add(call.name())) {
					callbacks.add(new RecordedToolCallback(new UnresolvedTool(call.name()), model));
				}
			}
		}
		ToolCallingChatOptions stubbed = options.mutate().toolCallbacks(callbacks).build();
		return this.delegate.executeToolCalls(new Prompt(prompt.getInstructions(), stubbed), chatResponse);
	}

	/**
	 * A tool answered from the recording, inside the loop's own tool observation, when its
	 * run is being replayed; otherwise the tool itself.
	 */
	private final class RecordedToolCallback implements ToolCallback {

		private final ToolCallback tool;

		private final ReplayChatModel model;

		RecordedToolCallback(ToolCallback tool, ReplayChatModel model) {
			this.tool = tool;
			this.model = model;
		}

		@Override
		public ToolDefinition getToolDefinition() {
			return this.tool.getToolDefinition();
		}

		@Override
		public ToolMetadata getToolMetadata() {
			return this.tool.getToolMetadata();
		}

		@Override
		public String call(String toolInput) {
			return call(toolInput, null);
		}

		@Override
		public String call(String toolInput, @Nullable ToolContext toolContext) {
			Observation current = ReplayToolCallingManager.this.registry.getCurrentObservation();
			ToolCallingObservationContext tool = (current != null
					&& current.getContext() instanceof ToolCallingObservationContext context) ? context : null;
			AgentRunObservationContext run = (current != null)
					? AgentRunObservationContext.enclosing(current.getContextView()).orElse(null) : null;
			ToolDefinition definition = getToolDefinition();
			ReplayChatModel.RecordedToolResult recorded = this.model.stubbedResult(definition.name(),
					(tool != null) ? tool.getToolCallId() : null, run);
			if (recorded == null) {
				// Not a replayed run (the replay model did not answer it): the tool runs.
				return (toolContext != null) ? this.tool.call(toolInput, toolContext) : this.tool.call(toolInput);
			}
			if (current != null && tool != null) {
				current.highCardinalityKeyValue(KeyValue.of(ReplayChatModel.REPLAYED_TOOL_KEY, "true"));
			}
			if (recorded.failed()) {
				throw new ToolExecutionException(definition, failure(recorded));
			}
			return recorded.result();
		}

	}

	/** A stubbed tool the prompt has no callback for: it can only be answered from the recording. */
	private static final class UnresolvedTool implements ToolCallback {

		private final ToolDefinition definition;

		UnresolvedTool(String name) {
			this.definition = ToolDefinition.builder().name(name).description("").inputSchema("{}").build();
		}

		@Override
		public ToolDefinition getToolDefinition() {
			return this.definition;
		}

		@Override
		public String call(String toolInput) {
			throw new IllegalStateException("Tool '" + this.definition.name() + "' has no callback in the prompt and"
					+ " the run calling it is not replayed: it cannot run");
		}

	}

	/**
	 * The failure of a tool that failed in the recording: the recorded exception type when
	 * it can be made with a message, with the message the model was given.
	 */
	static RuntimeException failure(ReplayChatModel.RecordedToolResult recorded) {
		String type = recorded.errorType();
		if (type != null) {
			try {
				Class<?> exception = Class.forName(type, false, ReplayToolCallingManager.class.getClassLoader());
				if (RuntimeException.class.isAssignableFrom(exception)) {
					return (RuntimeException) exception.getConstructor(String.class).newInstance(recorded.result());
				}
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				// Not a type this test can make: the failure stands in for it.
			}
		}
		return new ReplayedToolFailure(recorded.result());
	}

	/** A tool that failed in the recording fails again, with the message the model was given. */
	static final class ReplayedToolFailure extends RuntimeException {

		ReplayedToolFailure(String message) {
			super(message, null, false, false);
		}

	}

}
