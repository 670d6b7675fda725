package dev.agenttracing.chat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FinishReasonsAndProvidersTests {

	@ParameterizedTest
	@CsvSource({ "STOP,stop", "stop,stop", "end_turn,stop", "TOOL_CALLS,tool_call", "tool_use,tool_call",
			"LENGTH,length", "max_tokens,length", "MAX_TOKENS,length", "CONTENT_FILTER,content_filter",
			"SAFETY,content_filter", "something_new,something_new", "'',error" })
	void providerFinishReasonsBecomeTheConventionsValues(String reported, String expected) {
		assertThat(FinishReasons.normalise(reported)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "openai,openai", "anthropic,anthropic", "bedrock_converse,aws.bedrock", "google_genai,gcp.gen_ai",
			"vertex_ai,gcp.vertex_ai", "mistral_ai,mistral_ai", "azure_openai,azure.ai.openai", "Ollama,ollama",
			"my_own,my_own" })
	void springAiProviderNamesBecomeTheConventionsValues(String springAi, String expected) {
		assertThat(ProviderNames.toSemconv(springAi)).isEqualTo(expected);
	}

}
