package dev.agenttracing.sample.router;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * The sample's offline model: deterministic, no key, no network. It reads the ticket and
 * the tool results in the conversation, asks for tool calls through Spring AI's real
 * tool loop, and answers, with a realistic latency and token usage. Like a real model,
 * when the pricing tool comes back empty it does not admit it: it invents a price.
 * <p>
 * It observes its calls the way Spring AI's provider models do, so its calls are
 * {@code chat} spans like a real provider's.
 */
public class OfflineSupportModel implements ChatModel {

	/** The model name on the spans. */
	public static final String MODEL = "offline-support-1";

	private static final Pattern ORDER = Pattern.compile("ORD-\\d+");

	private static final Pattern CUSTOMER = Pattern.compile("customer (c-\\d+)");

	private static final Pattern CURRENCY = Pattern.compile("\\b(USD|EUR|GBP|JPY|CHF|INR|BRL)\\b");

	private static final Pattern INVOICE = Pattern.compile("INV-\\d+");

	private final ObservationRegistry registry;

	private final Duration latency;

	private final AtomicLong responses = new AtomicLong();

	public OfflineSupportModel(ObservationRegistry registry, Duration latency) {
		this.registry = registry;
		this.latency = latency;
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().model(MODEL).temperature(0.0).build();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider("offline")
			.build();
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, new DefaultChatModelObservationConvention(), () -> context, this.registry)
			.observe(() -> {
				ChatResponse response = respond(prompt);
				context.setResponse(response);
				return response;
			});
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((contextView) -> {
			ChatModelObservationContext context = ChatModelObservationContext.builder()
				.prompt(prompt)
				.provider("offline")
				.streaming(true)
				.build();
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(null,
					new DefaultChatModelObservationConvention(), () -> context, this.registry);
			observation.parentObservation(contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
			observation.start();
			ChatResponse response = respond(prompt);
			context.setResponse(response);
			return Flux.just(response)
				.doFinally((signal) -> observation.stop())
				.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private ChatResponse respond(Prompt prompt) {
		pause();
		Conversation conversation = new Conversation(prompt);
		String ticket = conversation.ticket();
		String text = ticket.toLowerCase(Locale.ROOT);
		if (conversation.system().contains("you are the billing specialist")) {
			Matcher invoice = INVOICE.matcher(ticket);
			String id = invoice.find() ? invoice.group() : "your last invoice";
			return answer(conversation, "Billing specialist: the duplicate charge on " + id
					+ " is confirmed and a refund of 49.00 EUR has been issued; it reaches your card in 3-5 days.");
		}
		if (text.contains("malware") || text.contains("hack") || text.contains("exploit")) {
			return finish(conversation, AssistantMessage.builder().content("").build(), "content_filter");
		}
		if (text.contains("refund") || text.contains("charged") || text.contains("invoice")) {
			return conversation.has("escalateToBilling")
					? answer(conversation, "I passed your case to our billing team. "
							+ conversation.result("escalateToBilling"))
					: toolCall(conversation, "escalateToBilling", arguments("question", ticket));
		}
		Matcher order = ORDER.matcher(ticket);
		if (order.find()) {
			if (!conversation.has("orderStatus")) {
				return toolCall(conversation, "orderStatus", arguments("orderId", order.group()));
			}
			String status = conversation.result("orderStatus");
			return answer(conversation, "Your order " + order.group() + " is " + field(status, "status")
					+ ", expected delivery " + field(status, "expectedDelivery") + ".");
		}
		if (text.contains("cost") || text.contains("price") || text.contains("how much")) {
			String plan = text.contains("enterprise") ? "enterprise" : text.contains("basic") ? "basic" : "pro";
			Matcher currency = CURRENCY.matcher(ticket);
			String code = currency.find() ? currency.group() : "USD";
			if (!conversation.has("lookupPricing")) {
				return toolCall(conversation, "lookupPricing", arguments("plan", plan, "currency", code));
			}
			String price = field(conversation.result("lookupPricing"), "monthlyPrice");
			if (price == null) {
				// The pricing tool came back empty: like many real models, answer anyway.
				price = String.format(Locale.ROOT, "%,d", (plan.equals("pro") ? 49 : 19) * 100);
			}
			return answer(conversation, "The " + capitalise(plan) + " plan costs " + price + " " + code
					+ " per month.");
		}
		if (text.contains("crash") || text.contains("bug") || text.contains("broken")) {
			return conversation.has("fileTicket")
					? answer(conversation, "I filed a ticket for our engineering team: "
							+ field(conversation.result("fileTicket"), "ticket") + ".")
					: toolCall(conversation, "fileTicket", arguments("team", "engineering", "summary", ticket));
		}
		Matcher customer = CUSTOMER.matcher(ticket);
		if (text.contains("cancel") && customer.find()) {
			if (!conversation.has("lookupCustomer")) {
				return toolCall(conversation, "lookupCustomer", arguments("customerId", customer.group(1)));
			}
			String found = conversation.result("lookupCustomer");
			return answer(conversation, (found.contains("not found") || found.contains("Exception"))
					? "I could not find your account, so I cannot cancel the subscription yet. Could you send the e-mail address you signed up with?"
					: "Your subscription will end at the close of the current billing period.");
		}
		if (!conversation.has("searchKnowledgeBase")) {
			return toolCall(conversation, "searchKnowledgeBase", arguments("query", ticket));
		}
		return answer(conversation, "Here is what our help center says: " + field(conversation.result("searchKnowledgeBase"), "text"));
	}

	/** Tool arguments in the order given. */
	private static Map<String, String> arguments(String... namesAndValues) {
		Map<String, String> arguments = new LinkedHashMap<>();
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			arguments.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return arguments;
	}

	private ChatResponse toolCall(Conversation conversation, String tool, Map<String, String> arguments) {
		String json = arguments.entrySet()
			.stream()
			.map((entry) -> "\"" + entry.getKey() + "\":\"" + escape(entry.getValue()) + "\"")
			.reduce((a, b) -> a + "," + b)
			.map((body) -> "{" + body + "}")
			.orElse("{}");
		AssistantMessage message = AssistantMessage.builder()
			.content("")
			.toolCalls(List.of(new AssistantMessage.ToolCall("call_" + (this.responses.get() + 1) + "_" + tool,
					"function", tool, json)))
			.build();
		return finish(conversation, message, "tool_calls");
	}

	private ChatResponse answer(Conversation conversation, String text) {
		return finish(conversation, AssistantMessage.builder().content(text).build(), "stop");
	}

	private ChatResponse finish(Conversation conversation, AssistantMessage message, String finishReason) {
		long id = this.responses.incrementAndGet();
		int output = 4 + tokens(message.getText()) + message.getToolCalls()
			.stream()
			.mapToInt((call) -> 8 + tokens(call.arguments()))
			.sum();
		Generation generation = new Generation(message,
				ChatGenerationMetadata.builder().finishReason(finishReason).build());
		ChatResponseMetadata metadata = ChatResponseMetadata.builder()
			.id("offline-" + id)
			.model(MODEL)
			.usage(new DefaultUsage(conversation.inputTokens(), output))
			.build();
		return new ChatResponse(List.of(generation), metadata);
	}

	private void pause() {
		if (this.latency.isZero() || this.latency.isNegative()) {
			return;
		}
		try {
			// Simulated model latency: the sample's traces show realistic durations.
			Thread.sleep(this.latency.toMillis() + (this.responses.get() % 5) * 17);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int tokens(String text) {
		return (text == null) ? 0 : Math.max(1, text.length() / 4);
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private static String capitalise(String value) {
		return Character.toUpperCase(value.charAt(0)) + value.substring(1);
	}

	/** A string field of a flat JSON object, or {@code null} (enough for the tools' answers). */
	static String field(String json, String name) {
		if (json == null) {
			return null;
		}
		// MCP tools answer with their JSON inside a text content block: unescape it first.
		json = json.replace("\\\"", "\"");
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.]+)")
			.matcher(json);
		if (!matcher.find()) {
			return null;
		}
		return (matcher.group(2) != null) ? matcher.group(2).replace("\\\"", "\"") : matcher.group(1);
	}

	/** What the model reads from a prompt. */
	private static final class Conversation {

		private final Prompt prompt;

		private final Map<String, String> results = new LinkedHashMap<>();

		Conversation(Prompt prompt) {
			this.prompt = prompt;
			for (Message message : prompt.getInstructions()) {
				if (message instanceof ToolResponseMessage tools) {
					for (ToolResponseMessage.ToolResponse response : tools.getResponses()) {
						this.results.put(response.name(), response.responseData());
					}
				}
			}
		}

		String system() {
			List<String> texts = new ArrayList<>();
			for (Message message : this.prompt.getInstructions()) {
				if (message.getMessageType() == MessageType.SYSTEM) {
					texts.add(message.getText());
				}
			}
			return String.join("\n", texts).toLowerCase(Locale.ROOT);
		}

		String ticket() {
			for (Message message : this.prompt.getInstructions()) {
				if (message.getMessageType() == MessageType.USER) {
					return message.getText();
				}
			}
			return "";
		}

		boolean has(String tool) {
			return this.results.containsKey(tool);
		}

		String result(String tool) {
			return this.results.get(tool);
		}

		int inputTokens() {
			int tokens = 0;
			for (Message message : this.prompt.getInstructions()) {
				tokens += 4 + tokens(message.getText());
			}
			for (String result : this.results.values()) {
				tokens += tokens(result);
			}
			return tokens;
		}

	}

}
