package dev.agenttracing.benchmarks.app;

import dev.agenttracing.tool.AgentTool;

import org.springframework.ai.tool.annotation.Tool;

/**
 * The three tools of the benchmark's agent. They answer at once, so that what is measured
 * is the tool loop and its tracing. One of them is an {@code @AgentTool} as well, so that
 * the starter's tool interceptor is on the path.
 */
public class SupportTools {

	static final String LOOKUP_CUSTOMER = "lookupCustomer";

	static final String LOOKUP_PRICING = "lookupPricing";

	static final String OPEN_TICKET = "openTicket";

	@Tool(description = "Look up a customer by id")
	@AgentTool
	public String lookupCustomer(String customerId) {
		return "{\"id\":\"" + customerId + "\",\"plan\":\"pro\",\"country\":\"DE\",\"since\":\"2023-04-01\"}";
	}

	@Tool(description = "Price of a plan in a currency")
	public String lookupPricing(String plan, String currency) {
		return "{\"plan\":\"" + plan + "\",\"price\":49,\"currency\":\"" + currency + "\",\"period\":\"month\"}";
	}

	@Tool(description = "Open a ticket for a team")
	public String openTicket(String team, String summary) {
		return "{\"ticket\":\"T-1001\",\"team\":\"" + team + "\",\"status\":\"open\"}";
	}

}
