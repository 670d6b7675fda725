package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.StringUtils;

/**
 * A prompt in the shape content capture records it ({@code gen_ai.input.messages} and
 * {@code gen_ai.system_instructions}: roles, and parts of type {@code text},
 * {@code tool_call}, {@code tool_call_response}), and its comparison with a recorded one.
 * <p>
 * The recorded content went through redaction and truncation, the new prompt did not: a
 * redaction mark ({@code [REDACTED:email]}, {@code [email:3f9a1c2b]}) stands for any text,
 * and a value cut with {@code …} matches any value that begins as it does.
 */
final class ReplayInputs {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Pattern MARK = Pattern
		.compile("\\[REDACTED:[A-Za-z0-9_.-]+\\]|\\[[A-Za-z0-9_.-]+:[0-9a-f]{8}\\]");

	private static final String CUT = "\u2026";

	private static final String TRUNCATED = "[truncated]";

	/** How many differences a departure lists at most. */
	private static final int SHOWN_DIFFERENCES = 8;

	private ReplayInputs() {
	}

	/** The history sent to the model, system instructions apart, as capture records it. */
	static ArrayNode inputMessages(Prompt prompt) {
		ArrayNode messages = NODES.arrayNode();
		for (Message message : prompt.getInstructions()) {
			if (message.getMessageType() == MessageType.SYSTEM) {
				continue;
			}
			ObjectNode node = messages.addObject();
			node.put("role", message.getMessageType().name().toLowerCase(Locale.ROOT));
			ArrayNode parts = node.putArray("parts");
			if (message instanceof ToolResponseMessage tools) {
				for (ToolResponseMessage.ToolResponse response : tools.getResponses()) {
					ObjectNode part = parts.addObject();
					part.put("type", "tool_call_response");
					part.put("id", response.id());
					part.set("response", jsonOf(response.responseData()));
				}
				continue;
			}
			text(parts, message.getText());
			if (message instanceof AssistantMessage assistant) {
				for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
					ObjectNode part = parts.addObject();
					part.put("type", "tool_call");
					part.put("id", call.id());
					part.put("name", call.name());
					part.set("arguments", jsonOf(call.arguments()));
				}
			}
		}
		return messages;
	}

	/** The system instructions as capture records them, or {@code null} when there are none. */
	static @Nullable ArrayNode systemInstructions(Prompt prompt) {
		ArrayNode parts = NODES.arrayNode();
		for (Message message : prompt.getInstructions()) {
			if (message.getMessageType() == MessageType.SYSTEM) {
				text(parts, message.getText());
			}
		}
		return parts.isEmpty() ? null : parts;
	}

	/**
	 * Where a prompt differs from a recorded model call's input, or an empty list when it
	 * is the same (marks and cuts taken into account).
	 */
	static List<String> differences(RecordedRun.ModelCall recorded, Prompt prompt) {
		List<String> found = new ArrayList<>();
		JsonNode recordedSystem = parse(recorded.systemInstructions());
		if (recordedSystem != null) {
			JsonNode system = systemInstructions(prompt);
			compare("system instructions", recordedSystem, (system != null) ? system : NODES.arrayNode(), found);
		}
		JsonNode recordedInput = parse(recorded.inputMessages());
		if (recordedInput != null) {
			compare("input messages", recordedInput, inputMessages(prompt), found);
		}
		return found;
	}

	private static void compare(String what, JsonNode recorded, JsonNode actual, List<String> found) {
		if (recorded.isString() && !actual.isString()) {
			// Not JSON: the flight recorder cut the value (at max-value-length); its beginning is kept.
			String text = recorded.stringValue();
			String now = TraceSnapshot.JSON.writeValueAsString(actual);
			if (!standsFor(text + CUT, now)) {
				found.add(what + " (the recording keeps their first " + text.length() + " characters): recorded "
						+ shown(text) + " but now " + shown(now));
			}
			return;
		}
		JsonNode aligned = aligned(recorded, actual);
		if (!JsonComparison.same(recorded, aligned)) {
			for (String difference : JsonComparison.differences(recorded, aligned, SHOWN_DIFFERENCES)) {
				found.add(what + " " + difference.replace(": expected ", ": recorded ").replace(" but was ", " but now ")
					.replace(": not expected, but there is ", ": not recorded, but now "));
			}
		}
	}

	/**
	 * The actual document with each value that a recorded mark or cut stands for replaced
	 * by the recorded value, so that only real differences remain.
	 */
	static JsonNode aligned(JsonNode recorded, JsonNode actual) {
		if (recorded.isObject() && actual.isObject()) {
			ObjectNode copy = NODES.objectNode();
			for (Map.Entry<String, JsonNode> property : actual.properties()) {
				JsonNode counterpart = recorded.get(property.getKey());
				copy.set(property.getKey(),
						(counterpart != null) ? aligned(counterpart, property.getValue()) : property.getValue());
			}
			return copy;
		}
		if (recorded.isArray() && actual.isArray()) {
			ArrayNode copy = NODES.arrayNode();
			int size = recorded.size();
			boolean dropped = size > 0 && TRUNCATED.equals(recorded.get(size - 1).asString(""));
			for (int i = 0; i < actual.size(); i++) {
				if (dropped && i == size - 1) {
					// The recording dropped the elements from here on.
					copy.add(recorded.get(i));
					break;
				}
				copy.add((i < size) ? aligned(recorded.get(i), actual.get(i)) : actual.get(i));
			}
			return copy;
		}
		if (recorded.isString()) {
			String text = recorded.stringValue();
			String other = actual.isString() ? actual.stringValue() : TraceSnapshot.JSON.writeValueAsString(actual);
			if (standsFor(text, other)) {
				return recorded;
			}
			if (actual.isString()) {
				JsonNode recordedHeld = JsonComparison.heldJson(text);
				JsonNode actualHeld = JsonComparison.heldJson(other);
				if (recordedHeld != null && actualHeld != null) {
					return StringNode.valueOf(TraceSnapshot.JSON.writeValueAsString(aligned(recordedHeld, actualHeld)));
				}
			}
		}
		return actual;
	}

	/** Whether a recorded string, with its marks and cut, stands for an actual one. */
	static boolean standsFor(String recorded, String actual) {
		if (recorded.equals(actual)) {
			return true;
		}
		String pattern = recorded;
		boolean cut = false;
		if (pattern.endsWith(CUT + TRUNCATED)) {
			pattern = pattern.substring(0, pattern.length() - (CUT + TRUNCATED).length());
			cut = true;
		}
		else if (pattern.endsWith(CUT)) {
			pattern = pattern.substring(0, pattern.length() - CUT.length());
			cut = true;
		}
		Matcher marks = MARK.matcher(pattern);
		if (!cut && !marks.find()) {
			return false;
		}
		marks.reset();
		StringBuilder regex = new StringBuilder();
		int from = 0;
		while (marks.find()) {
			regex.append(Pattern.quote(pattern.substring(from, marks.start()))).append("(?s:.+?)");
			from = marks.end();
		}
		regex.append(Pattern.quote(pattern.substring(from)));
		if (cut) {
			regex.append("(?s:.*)");
		}
		return Pattern.compile(regex.toString()).matcher(actual).matches();
	}

	private static String shown(String text) {
		return (text.length() <= 160) ? text : "…" + text.substring(text.length() - 160);
	}

	private static @Nullable JsonNode parse(@Nullable String json) {
		if (json == null) {
			return null;
		}
		try {
			return TraceSnapshot.JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return StringNode.valueOf(json);
		}
	}

	/** As content capture reads a value: JSON when it is JSON, else text. */
	private static JsonNode jsonOf(@Nullable String text) {
		if (text == null) {
			return NODES.nullNode();
		}
		String trimmed = text.strip();
		if (!trimmed.isEmpty() && "{[\"".indexOf(trimmed.charAt(0)) >= 0) {
			try {
				return TraceSnapshot.JSON.readTree(trimmed);
			}
			catch (JacksonException ex) {
				// Not JSON after all: keep it as text.
			}
		}
		return StringNode.valueOf(text);
	}

	private static void text(ArrayNode parts, @Nullable String text) {
		if (StringUtils.hasLength(text)) {
			ObjectNode part = parts.addObject();
			part.put("type", "text");
			part.put("content", text);
		}
	}

}
