package dev.agenttracing.chat;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Maps the provider names Spring AI reports ({@code AiProvider}, the deprecated
 * {@code gen_ai.system} values) to the GenAI conventions' {@code gen_ai.provider.name}
 * values. A name the conventions do not list is kept as it is, lower-cased, which the
 * conventions allow.
 */
public final class ProviderNames {

	private static final Map<String, String> SPRING_AI_TO_SEMCONV = Map.ofEntries(Map.entry("openai", "openai"),
			Map.entry("azure_openai", "azure.ai.openai"), Map.entry("anthropic", "anthropic"),
			Map.entry("bedrock_converse", "aws.bedrock"), Map.entry("bedrock", "aws.bedrock"),
			Map.entry("google_genai", "gcp.gen_ai"), Map.entry("vertex_ai", "gcp.vertex_ai"),
			Map.entry("mistral_ai", "mistral_ai"), Map.entry("deepseek", "deepseek"), Map.entry("groq", "groq"),
			Map.entry("perplexity", "perplexity"), Map.entry("moonshot", "moonshot_ai"), Map.entry("ollama", "ollama"),
			Map.entry("minimax", "minimax"), Map.entry("zhipuai", "zhipuai"), Map.entry("oci_genai", "oci.gen_ai"),
			Map.entry("watsonx_ai", "ibm.watsonx.ai"), Map.entry("huggingface", "huggingface"));

	private ProviderNames() {
	}

	/**
	 * The conventions' provider name for a Spring AI provider name.
	 * @param springAiProvider the name Spring AI reports
	 * @return the {@code gen_ai.provider.name} value, or {@code null} for none
	 */
	public static @Nullable String toSemconv(@Nullable String springAiProvider) {
		if (springAiProvider == null || springAiProvider.isBlank()) {
			return null;
		}
		String key = springAiProvider.trim().toLowerCase(Locale.ROOT);
		return SPRING_AI_TO_SEMCONV.getOrDefault(key, key);
	}

}
