package dev.agenttracing.sample.router;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;

import dev.agenttracing.run.AgentRuns;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.document.Document;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.client.RestClient;

/**
 * The support router application: the router agent, its tools, the billing specialist
 * and the ticket API.
 */
@SpringBootApplication
public class SupportRouterApplication {

	@Bean
	@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = "offline", matchIfMissing = true)
	ChatModel offlineSupportModel(ObservationRegistry registry,
			@Value("${sample.model.latency:150ms}") Duration latency) {
		return new OfflineSupportModel(registry, latency);
	}

	@Bean
	VectorStore knowledgeBase(ObservationRegistry registry) throws IOException {
		SimpleVectorStore store = SimpleVectorStore.builder(new HashingEmbeddingModel())
			.observationRegistry(registry)
			.build();
		List<Document> articles = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:kb/*.md")) {
			try (InputStream in = resource.getInputStream()) {
				String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
				String title = text.lines().findFirst().orElse("").replace("#", "").trim();
				articles.add(new Document(text.replace('\n', ' '), Map.of("title", title)));
			}
		}
		store.add(articles);
		return store;
	}

	@Bean
	SupportTools supportTools(VectorStore knowledgeBase, RestClient.Builder restClient, Environment environment) {
		return new SupportTools(knowledgeBase, restClient, environment);
	}

	@Bean
	SupportRouterAgent supportRouterAgent(ChatClient.Builder chatClient, SupportTools tools,
			ObjectProvider<ToolCallbackProvider> remoteTools, AgentRuns runs) {
		ToolCallbackProvider mcpTools = () -> remoteTools.orderedStream()
			.flatMap((provider) -> List.of(provider.getToolCallbacks()).stream())
			.toArray(ToolCallback[]::new);
		return new SupportRouterAgent(chatClient.build(), tools, mcpTools, runs);
	}

	@Bean
	BillingSpecialistAgent billingSpecialistAgent(ChatClient.Builder chatClient) {
		return new BillingSpecialistAgent(chatClient.build());
	}

	@Bean
	@ConditionalOnProperty(name = "sample.examples.enabled", havingValue = "true", matchIfMissing = true)
	ExampleTickets exampleTickets(SupportRouterAgent router, Environment environment) {
		return new ExampleTickets(router, environment);
	}

}
