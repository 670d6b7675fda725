package dev.agenttracing.sample.router;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.agenttracing.tool.AgentTool;

import org.springframework.ai.document.Document;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The support router's own tools. The order-status tool comes from the order service
 * over MCP.
 */
public class SupportTools {

	private static final Map<String, String> CUSTOMERS = Map.of("c-042",
			"{\"id\":\"c-042\",\"name\":\"Aiko Tanaka\",\"plan\":\"pro\",\"country\":\"JP\"}", "c-007",
			"{\"id\":\"c-007\",\"name\":\"Jonas Weber\",\"plan\":\"basic\",\"country\":\"DE\"}", "c-113",
			"{\"id\":\"c-113\",\"name\":\"Maya Patel\",\"plan\":\"enterprise\",\"country\":\"GB\"}");

	/** Monthly prices; the pricing service knows only these currencies. */
	private static final Map<String, Map<String, String>> PRICES = Map.of("basic",
			Map.of("USD", "19.00", "EUR", "17.00", "GBP", "15.00"), "pro",
			Map.of("USD", "49.00", "EUR", "45.00", "GBP", "39.00"), "enterprise",
			Map.of("USD", "199.00", "EUR", "185.00", "GBP", "159.00"));

	private final VectorStore knowledgeBase;

	private final RestClient restClient;

	private final Environment environment;

	private final AtomicInteger tickets = new AtomicInteger(1041);

	public SupportTools(VectorStore knowledgeBase, RestClient.Builder restClient, Environment environment) {
		this.knowledgeBase = knowledgeBase;
		this.restClient = restClient.build();
		this.environment = environment;
	}

	@Tool(description = "Look up a customer by id")
	@AgentTool
	public String lookupCustomer(@ToolParam(description = "Customer id, c-nnn") String customerId) {
		String customer = CUSTOMERS.get(customerId);
		if (customer == null) {
			throw new CustomerNotFoundException(customerId);
		}
		return customer;
	}

	@Tool(description = "Monthly price of a plan (basic, pro, enterprise) in a currency")
	@AgentTool
	public String lookupPricing(@ToolParam(description = "The plan") String plan,
			@ToolParam(description = "ISO currency code") String currency) {
		String price = PRICES.getOrDefault(plan, Map.of()).get(currency);
		// Unsupported currencies get an empty result, not an error: the classic trap.
		return (price != null)
				? "{\"plan\":\"" + plan + "\",\"currency\":\"" + currency + "\",\"monthlyPrice\":\"" + price + "\"}"
				: "{}";
	}

	@Tool(description = "Search the help-center knowledge base")
	@AgentTool
	public String searchKnowledgeBase(@ToolParam(description = "What to search for") String query) {
		List<Document> documents = this.knowledgeBase
			.similaritySearch(SearchRequest.builder().query(query).topK(2).build());
		return documents.stream()
			.map((document) -> "{\"title\":\"" + document.getMetadata().get("title") + "\",\"text\":\""
					+ document.getText().replace("\"", "'") + "\"}")
			.collect(Collectors.joining(",", "[", "]"));
	}

	@Tool(description = "File a ticket for a team (engineering, billing, accounts)")
	@AgentTool
	public String fileTicket(@ToolParam(description = "The team") String team,
			@ToolParam(description = "One-line summary") String summary) {
		if (!List.of("engineering", "billing", "accounts").contains(team)) {
			throw new IllegalArgumentException("No such team: " + team);
		}
		return "{\"ticket\":\"" + team.substring(0, 3).toUpperCase() + "-" + this.tickets.incrementAndGet()
				+ "\",\"team\":\"" + team + "\"}";
	}

	@Tool(description = "Hand a billing case (refunds, invoices, charges) to the billing specialist")
	@AgentTool
	public String escalateToBilling(@ToolParam(description = "The customer's question") String question) {
		String url = "http://localhost:" + this.environment.getProperty("local.server.port") + "/agents/billing";
		BillingController.BillingAnswer answer = this.restClient.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new BillingController.BillingQuestion(question))
			.retrieve()
			.body(BillingController.BillingAnswer.class);
		return (answer != null) ? answer.answer() : "";
	}

}
