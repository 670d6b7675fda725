package dev.agenttracing.diagnosis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.agenttracing.run.AgentRun;
import dev.agenttracing.run.AgentRuns;
import dev.agenttracing.run.LoopTermination;

import dev.agenttracing.support.ScriptedChatModel;
import static dev.agenttracing.support.ScriptedChatModel.call;
import static dev.agenttracing.support.ScriptedChatModel.toolCalls;

/**
 * The labelled set of the diagnosis: scripted runs through the real {@code ChatClient}
 * tool loop, each with the finding kinds it should (and so should only) get. Near misses
 * are on purpose: correct answers in other number formats, honest answers after an empty
 * result, a tool retried, failures acknowledged in several words.
 */
final class LabelledRuns {

	static final String EMPTY = FindingKinds.EMPTY_TOOL_RESULT;

	static final String UNGROUNDED = FindingKinds.UNGROUNDED_VALUE;

	static final String IGNORED = FindingKinds.TOOL_ERROR_IGNORED;

	static final String REPEATED = FindingKinds.REPEATED_TOOL_CALL;

	static final String TRUNCATED = FindingKinds.TRUNCATED_RESPONSE;

	static final String BUDGET = FindingKinds.BUDGET_EXCEEDED;

	static final String MAX_ITERATIONS = FindingKinds.MAX_ITERATIONS;

	static final String PRO_JPY = "{\"plan\":\"pro\",\"currency\":\"JPY\"}";

	static final String PRO_EUR = "{\"plan\":\"pro\",\"currency\":\"EUR\"}";

	private LabelledRuns() {
	}

	/** The agent the labelled runs go through; which method depends on the case. */
	enum Agent {

		/** One ChatClient call with the tools. */
		SUPPORT,

		/** The same, under a budget of two tool calls. */
		BUDGETED,

		/** A hand-written loop of at most three model calls, without tools. */
		LOOP

	}

	static List<Case> all() {
		List<Case> cases = new ArrayList<>();
		// empty_tool_result: empty in many shapes (honest answers: no other finding).
		cases.add(price("empty object, honest answer", "{}", "I could not find a price for that currency.", EMPTY));
		cases.add(price("empty array", "[]", "There is no price listed for that currency.", EMPTY));
		cases.add(price("blank string", "   ", "I have no price for JPY, sorry.", EMPTY));
		cases.add(price("json null", "null", "The pricing service has no JPY price.", EMPTY));
		cases.add(price("no results sentence", "No results found.", "No price is listed for JPY.", EMPTY));
		cases.add(price("object of empty values", "{\"items\":[],\"next\":null}", "No JPY price is available.",
				EMPTY));
		cases.add(price("nested empty", "{\"data\":{\"rows\":[],\"note\":\"\"}}", "I found no JPY price.", EMPTY));
		cases.add(price("not found", "not found", "That plan has no JPY price.", EMPTY));
		cases.add(search("empty search, honest", "[]", "I found nothing about that in the help center.", EMPTY));
		// empty result and an invented value: the T-1002 case.
		cases.add(price("empty object, invented price", "{}", "The Pro plan costs 4,900 JPY per month.", EMPTY,
				UNGROUNDED));
		cases.add(price("empty array, invented price", "[]", "It is ¥4900 per month.", EMPTY, UNGROUNDED));
		cases.add(search("empty search, invented id", "{\"results\":[]}",
				"Your case is tracked as CASE-8812 and will be handled today.", EMPTY, UNGROUNDED));

		// empty_tool_result near misses: values that look empty but are not.
		cases.add(price("zero count", "{\"count\":0}", "The pricing service counts no JPY offers."));
		cases.add(price("false flag", "{\"available\":false}", "JPY pricing is not available."));
		cases.add(price("bare zero", "0", "The Pro plan is free in JPY."));
		cases.add(price("none among values", "{\"plan\":\"pro\",\"discount\":\"none\"}",
				"There is no discount on the Pro plan."));
		cases.add(price("none alone", "none", "No discount applies."));
		cases.add(price("zero price", "{\"price\":0}", "The plan is free."));
		cases.add(search("one document", "[{\"title\":\"Reset\",\"text\":\"Open Settings.\"}]",
				"Open Settings to reset it."));

		// ungrounded_value: values in no input.
		cases.add(price("invented amount with currency code", "{\"monthlyPrice\":\"49.00\",\"currency\":\"USD\"}",
				"The Pro plan costs 59.00 USD per month.", UNGROUNDED));
		cases.add(price("invented amount with symbol", "{\"monthlyPrice\":\"49.00\"}", "It costs $12.50 a month.",
				UNGROUNDED));
		cases.add(invoice("invented invoice id", "{\"id\":\"INV-7731\",\"amount\":\"49.00 EUR\"}",
				"I refunded invoice INV-9999.", UNGROUNDED));
		cases.add(order("invented date", "{\"id\":\"ORD-5512\",\"status\":\"shipped\"}",
				"Your order ships on 2026-04-01.", UNGROUNDED));
		cases.add(price("invented discount", "{\"monthlyPrice\":\"49.00\"}",
				"The Pro plan costs 49.00 EUR, with a 15% discount this month.", UNGROUNDED));
		cases.add(invoice("invented delay", "{\"id\":\"INV-7731\",\"amount\":\"49.00 EUR\"}",
				"Your refund of 49.00 EUR reaches your card in 3-5 days.", UNGROUNDED));
		cases.add(order("invented order id", "{\"id\":\"ORD-5512\",\"status\":\"shipped\"}",
				"Order ORD-1234 has shipped.", UNGROUNDED));
		cases.add(search("invented measure", "[{\"text\":\"Exports are limited by plan.\"}]",
				"Exports are limited to 2.5 GB on your plan.", UNGROUNDED));
		cases.add(price("invented large amount", "{\"monthlyPrice\":\"185.00\"}",
				"Enterprise costs 12,000 EUR per year.", UNGROUNDED));
		cases.add(order("date off by one", "{\"id\":\"ORD-5512\",\"expectedDelivery\":\"2026-03-04\"}",
				"It will arrive on March 3, 2026.", UNGROUNDED));
		cases.add(noTools("answer without tools", "How much is Pro?", "The Pro plan costs 39 GBP per month.",
				UNGROUNDED));
		cases.add(noTools("invented customer id", "Who am I?", "You are customer c-981.", UNGROUNDED));

		// ungrounded_value near misses: the same values in other formats, or stated by an input.
		cases.add(price("grouping added", "{\"monthlyPrice\":4900}", "The Pro plan costs 4,900 JPY per month."));
		cases.add(price("european decimals", "{\"monthlyPrice\":\"4.900,00\"}", "It costs 4900.00 JPY a month."));
		cases.add(price("trailing zeros dropped", "{\"monthlyPrice\":\"49.00\"}", "It costs 49 EUR per month."));
		cases.add(price("thin-space grouping", "{\"monthlyPrice\":\"4900\"}", "It costs 4 900 JPY per month."));
		cases.add(price("dotted grouping", "{\"monthlyPrice\":\"4900\"}", "Es kostet 4.900 JPY im Monat."));
		cases.add(order("date in words", "{\"id\":\"ORD-5512\",\"expectedDelivery\":\"2026-03-04\"}",
				"Your order ORD-5512 arrives on March 4, 2026."));
		cases.add(invoice("id in other case", "{\"id\":\"inv-7731\",\"amount\":\"49.00\"}",
				"Invoice INV-7731 was refunded: 49.00 EUR."));
		cases.add(new Case("value from the user's message", Agent.SUPPORT, null,
				"Refund 25.00 EUR on invoice INV-1200 please.",
				List.of(round(call("c1", "findInvoice", "{\"id\":\"INV-1200\"}"))), Map.of("findInvoice",
						List.of("{\"status\":\"paid\"}")),
				"Refunded 25.00 EUR on INV-1200.", "STOP", Set.of()));
		cases.add(new Case("value from the system prompt", Agent.SUPPORT,
				"Refunds reach the card in 3-5 business days.", "When do I get my refund?", List.of(), Map.of(),
				"Refunds reach your card in 3-5 business days.", "STOP", Set.of()));
		cases.add(new Case("values from two tools", Agent.SUPPORT, null, "Price of Pro and my order ORD-5512?",
				List.of(round(call("c1", "getPrice", PRO_EUR), call("c2", "orderStatus", "{\"id\":\"ORD-5512\"}"))),
				Map.of("getPrice", List.of("{\"monthlyPrice\":\"45.00\"}"), "orderStatus",
						List.of("{\"expectedDelivery\":\"2026-11-24\"}")),
				"Pro is 45.00 EUR a month; ORD-5512 arrives 2026-11-24.", "STOP", Set.of()));
		cases.add(search("counts are not values",
				"[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}]", "I found 3 articles; the first one explains it."));
		cases.add(search("ordinals and list numbers", "[{\"text\":\"Open Settings, then Security.\"}]",
				"1. Open Settings\n2. Choose Security\nThat is the 2nd menu."));
		cases.add(search("a year", "[{\"text\":\"Exports exist.\"}]", "We have offered exports since 2019."));
		cases.add(search("number words", "[{\"text\":\"Refunds take five days.\"}]",
				"Your refund takes 5 days."));
		cases.add(price("honest after empty", "{}", "I could not find the JPY price; it may not be offered.",
				EMPTY));
		cases.add(invoice("sub-agent answer as tool result",
				"Billing specialist: the charge on INV-7731 of 49.00 EUR is refunded; 3-5 days.",
				"The billing team says: refunded 49.00 EUR on INV-7731, arriving in 3-5 days."));

		// tool_error_ignored: a failed tool, an answer as if it worked.
		cases.add(ticket("ticket filed as if", "Your ticket has been filed with engineering.", IGNORED));
		cases.add(ticket("promise after failure", "Engineering will look into it today.", IGNORED));
		cases.add(ticket("thanks after failure", "Thanks, the team has your report.", IGNORED));
		cases.add(invoiceFailing("invoice failure ignored", "Your invoice is settled.", IGNORED));
		cases.add(invoiceFailing("invoice failure, invented id", "Invoice INV-4242 is settled.", IGNORED,
				UNGROUNDED));
		cases.add(ticket("done after failure", "Done! Anything else?", IGNORED));
		cases.add(ticket("ok after failure", "All set: engineering is on it.", IGNORED));
		// tool_error_ignored near misses: the failure acknowledged, or the tool retried.
		cases.add(ticket("apology", "I'm sorry, I couldn't file the ticket right now."));
		cases.add(ticket("unavailable", "The ticket system is unavailable; please write to support by mail."));
		cases.add(ticket("failed", "Filing the ticket failed. Please retry in a minute."));
		cases.add(ticket("unable", "I was unable to reach engineering's queue."));
		cases.add(ticket("error", "An error occurred while filing the ticket."));
		cases.add(ticket("cannot", "I cannot file tickets for that team."));
		cases.add(new Case("retried and worked", Agent.SUPPORT, null, "The export crashes.",
				List.of(round(call("c1", "createTicket", "{\"team\":\"engineering\"}")),
						round(call("c2", "createTicket", "{\"team\":\"engineering\"}"))),
				Map.of("createTicket", List.of("!queue busy", "{\"ticket\":\"ENG-1042\"}")),
				"I filed ticket ENG-1042 for engineering.", "STOP", Set.of()));

		// repeated_tool_call: a loop on equal arguments.
		cases.add(repeated("three equal calls", 3, PRO_EUR, PRO_EUR, PRO_EUR, REPEATED));
		cases.add(repeated("four equal calls", 4, PRO_EUR, PRO_EUR, PRO_EUR, PRO_EUR, REPEATED));
		cases.add(repeated("key order differs", 3, PRO_EUR, "{\"currency\":\"EUR\",\"plan\":\"pro\"}", PRO_EUR,
				REPEATED));
		cases.add(repeated("whitespace differs", 3, PRO_EUR, "{ \"plan\": \"pro\", \"currency\": \"EUR\" }",
				PRO_EUR, REPEATED));
		cases.add(repeated("five equal calls", 5, PRO_EUR, PRO_EUR, PRO_EUR, PRO_EUR, PRO_EUR, REPEATED));
		cases.add(repeated("three of four equal", 4, PRO_EUR, "{\"plan\":\"basic\",\"currency\":\"EUR\"}", PRO_EUR,
				PRO_EUR, REPEATED));
		// repeated_tool_call near misses.
		cases.add(repeated("retried twice", 2, PRO_EUR, PRO_EUR));
		cases.add(repeated("three different arguments", 3, PRO_EUR, "{\"plan\":\"basic\",\"currency\":\"EUR\"}",
				"{\"plan\":\"enterprise\",\"currency\":\"EUR\"}"));
		cases.add(repeated("two and one", 3, PRO_EUR, PRO_EUR, "{\"plan\":\"pro\",\"currency\":\"USD\"}"));

		// truncated_response.
		cases.add(new Case("answer cut by length", Agent.SUPPORT, null, "Explain exports.", List.of(), Map.of(),
				"Exports let you download your dashboards as files, and you can", "LENGTH", Set.of(TRUNCATED)));
		cases.add(new Case("answer cut by max_tokens", Agent.SUPPORT, null, "Explain exports.", List.of(), Map.of(),
				"Exports let you download", "max_tokens", Set.of(TRUNCATED)));
		cases.add(new Case("tool call cut", Agent.SUPPORT, null, "Price of Pro?",
				List.of(round(call("c1", "getPrice", "{\"plan\":\"pro\",\"curr"))), Map.of(), "unreachable", "STOP",
				Set.of(TRUNCATED)));
		cases.add(new Case("tool call cut in a string", Agent.SUPPORT, null, "Search exports",
				List.of(round(call("c1", "searchDocs", "{\"query\":\"how do exp"))), Map.of(), "unreachable", "STOP",
				Set.of(TRUNCATED)));
		cases.add(new Case("answer cut after a tool", Agent.SUPPORT, null, "Search exports",
				List.of(round(call("c1", "searchDocs", "{\"query\":\"exports\"}"))),
				Map.of("searchDocs", List.of("[{\"text\":\"Exports are files.\"}]")), "Exports are", "length",
				Set.of(TRUNCATED)));
		// truncated_response near misses.
		cases.add(new Case("long answer that stopped", Agent.SUPPORT, null, "Explain exports.", List.of(), Map.of(),
				"Exports let you download your dashboards as files, and you can schedule them.", "STOP", Set.of()));
		cases.add(new Case("tool call without arguments", Agent.SUPPORT, null, "Any news?",
				List.of(round(call("c1", "news", "{}"))), Map.of("news", List.of("[{\"title\":\"Dark mode\"}]")),
				"Dark mode is out.", "STOP", Set.of()));
		cases.add(new Case("refused by the filter", Agent.SUPPORT, null, "Hack them.", List.of(), Map.of(), "",
				"CONTENT_FILTER", Set.of()));

		// budget_exceeded: a budget of two tool calls.
		cases.add(budgeted("three tool calls", 3, BUDGET));
		cases.add(budgeted("four tool calls", 4, BUDGET));
		cases.add(budgeted("three calls in one round", -3, BUDGET));
		cases.add(budgeted("two tool calls", 2));
		cases.add(budgeted("one tool call", 1));

		// max_iterations: a hand-written loop of at most three rounds.
		cases.add(loop("never done", 3, MAX_ITERATIONS));
		cases.add(loop("done too late", 4, MAX_ITERATIONS));
		cases.add(loop("never done, long answers", 3, MAX_ITERATIONS));
		cases.add(loop("done in the last round", 2));
		cases.add(loop("done at once", 0));

		// Known limits, kept in the set so that the table shows them.
		cases.add(new Case("limit: a derived total is correct but in no input", Agent.SUPPORT, null,
				"Price of Pro for two seats?", List.of(round(call("c1", "getPrice", PRO_EUR))),
				Map.of("getPrice", List.of("{\"monthlyPrice\":\"49.00\"}")), "Two seats cost 98.00 EUR a month.",
				"STOP", Set.of()));
		cases.add(ticket("limit: an apology for something else", "Sorry for the wait! Your ticket is filed.",
				IGNORED));
		cases.add(price("limit: a no-results sentence not in the list", "Sorry, we have nothing for JPY.",
				"No JPY price is listed.", EMPTY));
		cases.add(ticket("ignored, with a count", "Filed for 2 teams.", IGNORED));
		cases.add(invoiceFailing("ignored, confident", "The duplicate charge is refunded.", IGNORED));
		cases.add(invoiceFailing("ignored, question back", "Refunded. Is there anything else?", IGNORED));

		// Clean runs of every shape.
		cases.add(price("plain price", "{\"monthlyPrice\":\"45.00\",\"currency\":\"EUR\"}",
				"The Pro plan costs 45.00 EUR per month."));
		cases.add(order("plain order", "{\"id\":\"ORD-5512\",\"status\":\"shipped\",\"expectedDelivery\":\"2026-11-24\"}",
				"Your order ORD-5512 is shipped, expected delivery 2026-11-24."));
		cases.add(search("plain search", "[{\"text\":\"To reset your password open Settings.\"}]",
				"To reset your password open Settings."));
		cases.add(noTools("greeting", "Hello!", "Hello! How can I help you today?"));
		cases.add(noTools("question back", "It doesn't work.", "Which page shows the problem?"));
		return cases;
	}

	static Case price(String name, String result, String answer, String... expected) {
		return new Case(name, Agent.SUPPORT, null, "How much does the Pro plan cost in JPY?",
				List.of(round(call("c1", "getPrice", PRO_JPY))), Map.of("getPrice", List.of(result)), answer, "STOP",
				Set.of(expected));
	}

	static Case search(String name, String result, String answer, String... expected) {
		return new Case(name, Agent.SUPPORT, null, "Help me with my account.",
				List.of(round(call("c1", "searchDocs", "{\"query\":\"account\"}"))),
				Map.of("searchDocs", List.of(result)), answer, "STOP", Set.of(expected));
	}

	static Case invoice(String name, String result, String answer, String... expected) {
		return new Case(name, Agent.SUPPORT, null, "I was charged twice, please refund me.",
				List.of(round(call("c1", "findInvoice", "{\"id\":\"last\"}"))), Map.of("findInvoice", List.of(result)),
				answer, "STOP", Set.of(expected));
	}

	static Case invoiceFailing(String name, String answer, String... expected) {
		return invoice(name, "!invoice service down", answer, expected);
	}

	static Case order(String name, String result, String answer, String... expected) {
		return new Case(name, Agent.SUPPORT, null, "Where is my order ORD-5512?",
				List.of(round(call("c1", "orderStatus", "{\"id\":\"ORD-5512\"}"))),
				Map.of("orderStatus", List.of(result)), answer, "STOP", Set.of(expected));
	}

	static Case ticket(String name, String answer, String... expected) {
		return new Case(name, Agent.SUPPORT, null, "The export button crashes.",
				List.of(round(call("c1", "createTicket", "{\"team\":\"engineering\"}"))),
				Map.of("createTicket", List.of("!no such team: engineering")), answer, "STOP", Set.of(expected));
	}

	static Case noTools(String name, String user, String answer, String... expected) {
		return new Case(name, Agent.SUPPORT, null, user, List.of(), Map.of(), answer, "STOP", Set.of(expected));
	}

	static Case repeated(String name, int calls, Object... argumentsThenExpected) {
		List<List<AssistantMessage.ToolCall>> rounds = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			rounds.add(round(call("c" + i, "getPrice", (String) argumentsThenExpected[i])));
		}
		Set<String> expected = new java.util.HashSet<>();
		for (int i = calls; i < argumentsThenExpected.length; i++) {
			expected.add((String) argumentsThenExpected[i]);
		}
		return new Case(name, Agent.SUPPORT, null, "Price of Pro in EUR?", rounds,
				Map.of("getPrice", List.of("{\"monthlyPrice\":\"45.00\"}")), "Pro costs 45.00 EUR a month.", "STOP",
				Set.copyOf(expected));
	}

	/** Tool calls in separate rounds, or in one round when {@code calls} is negative. */
	static Case budgeted(String name, int calls, String... expected) {
		List<List<AssistantMessage.ToolCall>> rounds = new ArrayList<>();
		if (calls < 0) {
			List<AssistantMessage.ToolCall> one = new ArrayList<>();
			for (int i = 0; i < -calls; i++) {
				one.add(call("c" + i, "searchDocs", "{\"query\":\"topic " + i + "\"}"));
			}
			rounds.add(one);
		}
		else {
			for (int i = 0; i < calls; i++) {
				rounds.add(round(call("c" + i, "searchDocs", "{\"query\":\"topic " + i + "\"}")));
			}
		}
		return new Case(name, Agent.BUDGETED, null, "Tell me about exports.", rounds,
				Map.of("searchDocs", List.of("[{\"text\":\"Exports are files.\"}]")), "Exports are files.", "STOP",
				Set.of(expected));
	}

	/** A hand-written loop whose model says DONE after {@code rounds} rounds of CONTINUE. */
	static Case loop(String name, int continues, String... expected) {
		return new Case(name, Agent.LOOP, null, "Plan the migration.", List.of(), Map.of(),
				"CONTINUE:" + continues, "STOP", Set.of(expected));
	}

	static List<AssistantMessage.ToolCall> round(AssistantMessage.ToolCall... calls) {
		return List.of(calls);
	}

	/**
	 * One labelled run.
	 * @param name what it shows
	 * @param agent the agent that runs it
	 * @param system the system prompt, if any
	 * @param user the user's message
	 * @param rounds the tool calls the model asks for, round by round
	 * @param results what each tool returns, call after call (the last one repeats; a
	 * result starting with {@code !} is thrown)
	 * @param answer the model's final answer
	 * @param finishReason its finish reason
	 * @param expected the finding kinds the run should get
	 */
	record Case(String name, Agent agent, String system, String user, List<List<AssistantMessage.ToolCall>> rounds,
			Map<String, List<String>> results, String answer, String finishReason, Set<String> expected) {

		ChatResponse[] responses() {
			List<ChatResponse> responses = new ArrayList<>();
			int id = 0;
			if (this.agent == Agent.LOOP) {
				int continues = Integer.parseInt(this.answer.substring("CONTINUE:".length()));
				for (int i = 0; i < continues; i++) {
					responses.add(ScriptedChatModel.answer("r" + (++id), "CONTINUE with step " + (i + 1), "STOP", 10, 5));
				}
				responses.add(ScriptedChatModel.answer("r" + (++id), "DONE", "STOP", 10, 5));
				return responses.toArray(ChatResponse[]::new);
			}
			for (List<AssistantMessage.ToolCall> round : this.rounds) {
				responses.add(toolCalls("r" + (++id), 10, 5, round.toArray(AssistantMessage.ToolCall[]::new)));
			}
			responses.add(ScriptedChatModel.answer("r" + (++id), this.answer, this.finishReason, 10, 5));
			return responses.toArray(ChatResponse[]::new);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** The tools of the labelled runs: each returns its scripted results in turn. */
	static class ScriptedTools {

		private final Map<String, Deque<String>> results = new LinkedHashMap<>();

		synchronized void script(Map<String, List<String>> results) {
			this.results.clear();
			results.forEach((tool, values) -> this.results.put(tool, new ArrayDeque<>(values)));
		}

		private synchronized String next(String tool) {
			Deque<String> values = this.results.get(tool);
			if (values == null || values.isEmpty()) {
				throw new IllegalStateException("no scripted result for " + tool);
			}
			String value = (values.size() > 1) ? values.poll() : values.peek();
			if (value.startsWith("!")) {
				throw new IllegalStateException(value.substring(1));
			}
			return value;
		}

		@Tool(description = "Monthly price of a plan in a currency")
		public String getPrice(String plan, String currency) {
			return next("getPrice");
		}

		@Tool(description = "Find an invoice")
		public String findInvoice(String id) {
			return next("findInvoice");
		}

		@Tool(description = "Search the help center")
		public String searchDocs(String query) {
			return next("searchDocs");
		}

		@Tool(description = "Status of an order")
		public String orderStatus(String id) {
			return next("orderStatus");
		}

		@Tool(description = "File a ticket for a team")
		public String createTicket(String team) {
			return next("createTicket");
		}

		@Tool(description = "Product news")
		public String news() {
			return next("news");
		}

	}

	/** The agents of the labelled runs. */
	static class LabelledAgent {

		private final ChatClient chatClient;

		private final ScriptedTools tools;

		private final AgentRuns runs;

		LabelledAgent(ChatClient chatClient, ScriptedTools tools, AgentRuns runs) {
			this.chatClient = chatClient;
			this.tools = tools;
			this.runs = runs;
		}

		@AgentRun(name = "labelled")
		public String support(String system, String user) {
			return prompt(system, user);
		}

		@AgentRun(name = "labelled-budgeted")
		public String budgeted(String system, String user) {
			return prompt(system, user);
		}

		@AgentRun(name = "labelled-loop")
		public String loop(String user) {
			String last = "";
			for (int round = 1; round <= 3; round++) {
				last = this.chatClient.prompt().user(user + " (round " + round + ")").call().content();
				if ("DONE".equals(last)) {
					return last;
				}
			}
			this.runs.loopTerminated(LoopTermination.MAX_ITERATIONS);
			return last;
		}

		private String prompt(String system, String user) {
			ChatClient.ChatClientRequestSpec spec = this.chatClient.prompt().user(user).tools(this.tools);
			if (system != null) {
				spec = spec.system(system);
			}
			return spec.call().content();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LabelledAgents {

		@Bean
		ScriptedTools labelledTools() {
			return new ScriptedTools();
		}

		@Bean
		LabelledAgent labelledAgent(ChatClient.Builder builder, ScriptedTools tools, AgentRuns runs) {
			return new LabelledAgent(builder.build(), tools, runs);
		}

	}

}
