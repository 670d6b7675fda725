package dev.agenttracing.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.AgentRuns;
import dev.agenttracing.run.ConversationId;
import dev.agenttracing.run.SessionId;
import dev.agenttracing.tool.AgentTool;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.document.Document;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.context.annotation.Bean;

/**
 * A small Spring Boot application with agents and tools, traced into an in-memory
 * exporter, used by the trace-tree tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TracedAgentApplication {

	/** Properties every traced test needs: keep every trace, no real model provider. */
	public static final String[] PROPERTIES = { "management.tracing.sampling.probability=1.0",
			"spring.ai.model.chat=scripted", "spring.ai.model.embedding=none", "spring.ai.model.image=none",
			"spring.ai.model.audio.speech=none", "spring.ai.model.audio.transcription=none",
			"spring.ai.model.moderation=none", "agent-tracing.retrieval.data-source-id=kb-articles",
			"agent-tracing.run.refusal-exceptions=dev.agenttracing.support.TracedAgentApplication$PolicyRefusal" };

	@Bean
	InMemorySpanExporter inMemorySpanExporter() {
		return InMemorySpanExporter.create();
	}

	@Bean
	SpanProcessor inMemorySpanProcessor(InMemorySpanExporter exporter) {
		return SimpleSpanProcessor.create(exporter);
	}

	/**
	 * The in-memory exporter is fed by the processor above, synchronously. Boot would also
	 * hand every {@code SpanExporter} bean to its batch processor, and each span would then
	 * arrive a second time, seconds later, in a later test.
	 */
	@Bean
	SpanExporters spanExporters() {
		return SpanExporters.of();
	}

	@Bean
	ScriptedChatModel scriptedChatModel(ObservationRegistry registry) {
		return new ScriptedChatModel(registry);
	}

	@Bean
	VectorStore knowledgeBase(ObservationRegistry registry) {
		SimpleVectorStore store = SimpleVectorStore.builder(new HashingEmbeddingModel())
			.observationRegistry(registry)
			.build();
		store.add(List.of(new Document("To reset your password open Settings and choose Reset password."),
				new Document("Refunds are processed by the billing team within five days."),
				new Document("The pro plan includes priority support.")));
		return store;
	}

	@Bean
	SupportTools supportTools(BillingAgent billingAgent, VectorStore knowledgeBase) {
		return new SupportTools(billingAgent, knowledgeBase);
	}

	@Bean
	BillingAgent billingAgent() {
		return new BillingAgent();
	}

	@Bean
	SupportAgent supportAgent(ChatClient.Builder builder, SupportTools tools, AgentRuns runs) {
		return new SupportAgent(builder.build(), tools, runs);
	}

	public record Ticket(String customer, String priority, String text) {
	}

	/** Thrown by an agent that declines; configured as a refusal. */
	public static class PolicyRefusal extends RuntimeException {

		public PolicyRefusal(String message) {
			super(message);
		}

	}

	public static class SupportAgent {

		private final ChatClient chatClient;

		private final SupportTools tools;

		private final AgentRuns runs;

		private final ChatMemory memory = MessageWindowChatMemory.builder().build();

		private volatile String mdcRunIdSeen;

		private volatile String runIdSeen;

		SupportAgent(ChatClient chatClient, SupportTools tools, AgentRuns runs) {
			this.chatClient = chatClient;
			this.tools = tools;
			this.runs = runs;
		}

		public String mdcRunIdSeen() {
			return this.mdcRunIdSeen;
		}

		public String runIdSeen() {
			return this.runIdSeen;
		}

		@AgentRun(name = "support-router", description = "Routes support tickets", userId = "#ticket.customer",
				tags = "ticket.priority=#ticket.priority")
		public String handle(Ticket ticket, @ConversationId String conversationId, @SessionId String sessionId) {
			this.mdcRunIdSeen = MDC.get("workflow.run_id");
			this.runIdSeen = this.runs.currentRunId().orElse(null);
			return this.chatClient.prompt().user(ticket.text()).tools(this.tools).call().content();
		}

		@AgentRun(name = "support-router")
		public String limited(String text, int maxTokens) {
			return this.chatClient.prompt()
				.user(text)
				.options(ToolCallingChatOptions.builder().maxTokens(maxTokens).temperature(0.2))
				.call()
				.content();
		}

		@AgentRun(name = "memory-router")
		public String withMemory(String conversation, String text) {
			return this.chatClient.prompt()
				.user(text)
				.advisors(MessageChatMemoryAdvisor.builder(this.memory).build())
				.advisors((spec) -> spec.param(ChatMemory.CONVERSATION_ID, conversation))
				.call()
				.content();
		}

		@AgentRun(name = "support-router")
		public String refuseOffTopic(String text) {
			this.runs.refuse("off-topic");
			return "I can only help with support tickets.";
		}

		@AgentRun(name = "support-router")
		public String refuseByPolicy(String text) {
			throw new PolicyRefusal("policy forbids: " + text);
		}

		@AgentRun(name = "support-router")
		public String crash(String text) {
			throw new IllegalStateException("agent crashed on " + text);
		}

		@AgentRun(name = "react-loop")
		public String handWrittenLoop(List<String> customers) {
			StringBuilder answer = new StringBuilder();
			for (String customer : customers) {
				answer.append(this.tools.lookupCustomer(customer)).append(';');
			}
			return answer.toString();
		}

		@AgentRun(name = "inspector")
		public String inspect(Object payload) {
			return this.tools.describe(payload);
		}

		@AgentRun(name = "streaming-router")
		public Flux<String> stream(String text) {
			return this.chatClient.prompt().user(text).tools(this.tools).stream().content();
		}

		@AgentRun(name = "async-router")
		public CompletableFuture<String> async(String text, Executor executor) {
			return CompletableFuture.supplyAsync(() -> text.toUpperCase(), executor);
		}

	}

	public static class SupportTools {

		private final BillingAgent billingAgent;

		private final VectorStore knowledgeBase;

		SupportTools(BillingAgent billingAgent, VectorStore knowledgeBase) {
			this.billingAgent = billingAgent;
			this.knowledgeBase = knowledgeBase;
		}

		@Tool(description = "Search the knowledge base")
		public String searchKnowledgeBase(String query) {
			return this.knowledgeBase.similaritySearch(SearchRequest.builder().query(query).topK(2).build())
				.stream()
				.map(Document::getText)
				.toList()
				.toString();
		}

		@Tool(description = "Look up a customer by id")
		@AgentTool
		public String lookupCustomer(String customerId) {
			return "{\"id\":\"" + customerId + "\",\"plan\":\"pro\"}";
		}

		@Tool(description = "Price of a plan in a currency")
		public String lookupPricing(String plan, String currency) {
			return "EUR".equals(currency) ? "{\"price\":49}" : "{}";
		}

		@Tool(description = "File a ticket for a team")
		@AgentTool
		public String fileTicket(String team) {
			throw new IllegalArgumentException("no such team: " + team);
		}

		@AgentTool(description = "Describe a payload")
		public String describe(Object payload) {
			return "described";
		}

		@Tool(description = "Hand a billing case to the billing specialist")
		@AgentTool(name = "escalateToBilling")
		public String escalateToBilling(String question) {
			return this.billingAgent.answer(question);
		}

	}

	public static class BillingAgent {

		@AgentRun(name = "billing-specialist")
		public String answer(String question) {
			return "billing says: " + question;
		}

	}

}
