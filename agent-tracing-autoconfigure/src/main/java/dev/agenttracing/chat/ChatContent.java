package dev.agenttracing.chat;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.agenttracing.capture.ContentCapture;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.content.MediaContent;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.StringUtils;

/**
 * Spring AI's prompts and responses in the JSON schemas of the GenAI conventions
 * ({@code gen-ai-input-messages.json}, {@code gen-ai-output-messages.json},
 * {@code gen-ai-system-instructions.json}, {@code gen-ai-tool-definitions.json}): roles,
 * and parts of type {@code text}, {@code tool_call}, {@code tool_call_response}. Media
 * are described by type and size, never copied.
 */
final class ChatContent {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ContentCapture capture;

	ChatContent(ContentCapture capture) {
		this.capture = capture;
	}

	/** The history sent to the model, system instructions apart, in the order sent. */
	ArrayNode inputMessages(Prompt prompt) {
		ArrayNode messages = NODES.arrayNode();
		for (Message message : prompt.getInstructions()) {
			if (message.getMessageType() == MessageType.SYSTEM) {
				continue;
			}
			ObjectNode node = messages.addObject();
			node.put("role", role(message.getMessageType()));
			ArrayNode parts = node.putArray("parts");
			if (message instanceof ToolResponseMessage tools) {
				for (ToolResponseMessage.ToolResponse response : tools.getResponses()) {
					ObjectNode part = parts.addObject();
					part.put("type", "tool_call_response");
					part.put("id", response.id());
					part.set("response", this.capture.jsonOf(response.responseData()));
				}
				continue;
			}
			text(parts, message.getText());
			if (message instanceof AssistantMessage assistant) {
				toolCalls(parts, assistant.getToolCalls());
			}
			if (message instanceof MediaContent media) {
				media(parts, media.getMedia());
			}
		}
		return messages;
	}

	/** The system instructions, or {@code null} when there are none. */
	@Nullable ArrayNode systemInstructions(Prompt prompt) {
		ArrayNode parts = NODES.arrayNode();
		for (Message message : prompt.getInstructions()) {
			if (message.getMessageType() == MessageType.SYSTEM) {
				text(parts, message.getText());
			}
		}
		return parts.isEmpty() ? null : parts;
	}

	/** The model's answer: one message per generation. */
	ArrayNode outputMessages(ChatResponse response) {
		ArrayNode messages = NODES.arrayNode();
		for (Generation generation : response.getResults()) {
			ObjectNode node = messages.addObject();
			node.put("role", "assistant");
			ArrayNode parts = node.putArray("parts");
			AssistantMessage output = generation.getOutput();
			text(parts, output.getText());
			toolCalls(parts, output.getToolCalls());
			String finishReason = (generation.getMetadata() != null) ? generation.getMetadata().getFinishReason() : null;
			node.put("finish_reason", FinishReasons.normalise(finishReason));
		}
		return messages;
	}

	/** The tools offered to the model: type, name and description (no schemas by default). */
	@Nullable ArrayNode toolDefinitions(Prompt prompt) {
		if (!(prompt.getOptions() instanceof ToolCallingChatOptions options)) {
			return null;
		}
		List<ToolCallback> callbacks = options.getToolCallbacks();
		if (callbacks == null || callbacks.isEmpty()) {
			return null;
		}
		ArrayNode definitions = NODES.arrayNode();
		for (ToolCallback callback : callbacks) {
			ToolDefinition definition = callback.getToolDefinition();
			ObjectNode node = definitions.addObject();
			node.put("type", "function");
			node.put("name", definition.name());
			if (StringUtils.hasText(definition.description())) {
				node.put("description", definition.description());
			}
		}
		return definitions;
	}

	private void toolCalls(ArrayNode parts, List<AssistantMessage.ToolCall> calls) {
		for (AssistantMessage.ToolCall call : calls) {
			ObjectNode part = parts.addObject();
			part.put("type", "tool_call");
			part.put("id", call.id());
			part.put("name", call.name());
			part.set("arguments", this.capture.jsonOf(call.arguments()));
		}
	}

	private static void text(ArrayNode parts, @Nullable String text) {
		if (StringUtils.hasLength(text)) {
			ObjectNode part = parts.addObject();
			part.put("type", "text");
			part.put("content", text);
		}
	}

	private static void media(ArrayNode parts, List<Media> media) {
		for (Media item : media) {
			ObjectNode part = parts.addObject();
			Object data = item.getData();
			String mime = String.valueOf(item.getMimeType());
			if (data instanceof String url && (url.startsWith("http://") || url.startsWith("https://"))) {
				part.put("type", "uri");
				part.put("modality", modality(mime));
				part.put("mime_type", mime);
				part.put("uri", url);
			}
			else {
				// Binary content is not copied into traces: say what it was.
				part.put("type", "media");
				part.put("modality", modality(mime));
				part.put("mime_type", mime);
				part.put("size", (data instanceof byte[] bytes) ? bytes.length : -1);
			}
		}
	}

	private static String modality(String mime) {
		String type = mime.toLowerCase(Locale.ROOT);
		if (type.startsWith("image/")) {
			return "image";
		}
		if (type.startsWith("audio/")) {
			return "audio";
		}
		if (type.startsWith("video/")) {
			return "video";
		}
		return "document";
	}

	private static String role(MessageType type) {
		return switch (type) {
			case USER -> "user";
			case ASSISTANT -> "assistant";
			case SYSTEM -> "system";
			case TOOL -> "tool";
		};
	}

}
