package dev.agenttracing.chat;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Normalises the finish reasons providers report (upper-case OpenAI enums, Anthropic's
 * stop reasons, Gemini's enums) to the conventions' values: {@code stop},
 * {@code length}, {@code content_filter}, {@code tool_call}, {@code error}. Any other
 * reason is kept, lower-cased.
 */
public final class FinishReasons {

	/** The answer was cut by the token budget. */
	public static final String LENGTH = "length";

	/** The provider's content filter stopped the answer. */
	public static final String CONTENT_FILTER = "content_filter";

	/** The model asked for tool calls. */
	public static final String TOOL_CALL = "tool_call";

	/** The model finished. */
	public static final String STOP = "stop";

	/** Used where a finish reason was expected but none was received. */
	public static final String ERROR = "error";

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("stop", STOP),
			Map.entry("end_turn", STOP), Map.entry("stop_sequence", STOP), Map.entry("complete", STOP),
			Map.entry("finish_reason_unspecified", STOP), Map.entry("length", LENGTH), Map.entry("max_tokens", LENGTH),
			Map.entry("model_length", LENGTH), Map.entry("content_filter", CONTENT_FILTER),
			Map.entry("safety", CONTENT_FILTER), Map.entry("recitation", CONTENT_FILTER),
			Map.entry("blocklist", CONTENT_FILTER), Map.entry("prohibited_content", CONTENT_FILTER),
			Map.entry("spii", CONTENT_FILTER), Map.entry("refusal", CONTENT_FILTER), Map.entry("guardrail_intervened", CONTENT_FILTER),
			Map.entry("tool_calls", TOOL_CALL), Map.entry("tool_call", TOOL_CALL), Map.entry("tool_use", TOOL_CALL),
			Map.entry("function_call", TOOL_CALL), Map.entry("error", ERROR));

	private FinishReasons() {
	}

	/**
	 * The conventions' value of one finish reason.
	 * @param reason what the provider reported
	 * @return the normalised value; {@code error} when nothing was reported
	 */
	public static String normalise(@Nullable String reason) {
		if (reason == null || reason.isBlank()) {
			return ERROR;
		}
		String key = reason.trim().toLowerCase(Locale.ROOT);
		return ALIASES.getOrDefault(key, key);
	}

}
