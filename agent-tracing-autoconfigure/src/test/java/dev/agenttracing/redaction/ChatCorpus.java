package dev.agenttracing.redaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded support-chat messages for throughput measurements and differential tests: what
 * customers and an assistant write (orders, prices, dates, versions, links, code, lists),
 * optionally with sensitive values mixed in at a given share of the characters.
 */
final class ChatCorpus {

	private static final String[] PRODUCTS = { "wireless headphones", "standing desk", "coffee grinder",
			"running shoes", "4K monitor", "phone case", "winter jacket", "espresso machine", "yoga mat",
			"gaming chair" };

	private static final String[] USER = { "Hi, I ordered a %p on %d and it still hasn't arrived.",
			"Order #%o shows 'processing' since last %w, can you check?", "I paid $%$ but my card was charged $%$.",
			"The app (version %v) crashes whenever I open the settings page.",
			"Can you look at ticket %t? Nobody answered since %d.", "It happened at %h UTC, right after the update.",
			"I tried resetting my password but the link expired after 15 minutes.",
			"Thanks, that worked! One more question about the invoice INV-%o though.",
			"My account is under my work address, not sure which one I used.",
			"Why does the total say EUR %$ when the product page said %$?",
			"The tracking page at https://track.example.com/parcels/%o says 'delivered' but nothing is here.",
			"I am asking because the task-based plan was cheaper last month.",
			"Is bearer authentication supported for the webhook, or only basic auth?",
			"Where do I find my API key in the dashboard? The docs at https://docs.example.com/api/keys are confusing.",
			"My token expired again, what now?", "We use the @acme/sdk package, version %v, on Node 20.",
			"Hi team :) quick one: does the 16:9 layout work on the 2nd screen?",
			"I've been a customer for %n years and this is the first time something like this happens.",
			"Please cancel the subscription at the end of the billing period (renews on %d).",
			"The error says: \"Request failed with status code 429\" - what does that mean?" };

	private static final String[] ASSISTANT = { "I'm sorry to hear that! Let me look into order #%o for you.",
			"Thanks for your patience. I can see the parcel left our warehouse on %d.",
			"Please try clearing the cache: go to Settings > Storage > Clear cache, then restart the app.",
			"You can find step-by-step instructions at https://help.example.com/articles/%t-reset-password.",
			"Your refund of $%$ will be processed within 5-7 business days.",
			"Here is what I found:\n1. Open the app\n2. Tap **Account**\n3. Select *Security* and then *Sessions*\n",
			"Version %v fixed a similar crash; could you update and let me know if it still happens?",
			"The 429 status means too many requests: the limit is %n requests per minute per key.",
			"In your code, set `maxRetries: 3` and `timeoutMs: 30000`, for example:\n```js\nconst client = new Client({ maxRetries: 3 });\n```",
			"I've escalated ticket %t to our billing team; they usually reply within %n hours.",
			"Note: the discount code only applies to orders above $%$ placed before %d.",
			"Good question! Bearer tokens are sent in the Authorization header; you create them in the dashboard.",
			"The key points are: delivery takes %n-%n days, returns are free, and the warranty covers %n years.",
			"Our office hours are 9:00-17:00 CET, Monday to Friday.",
			"I understand the frustration. As a goodwill gesture I've added a %n%% voucher to your account.",
			"To begin, please confirm the last %n digits of the order number.",
			"That looks like a known issue in build %v; the fix ships in release %v next week.",
			"You can reach our support team any time through this chat or the help center.",
			"Done! The subscription will end on %d and you won't be charged again.",
			"Is there anything else I can help you with today?" };

	private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final Random random;

	private final double piiShare;

	private ChatCorpus(long seed, double piiShare) {
		this.random = new Random(seed);
		this.piiShare = piiShare;
	}

	/**
	 * Chat messages.
	 * @param seed the seed
	 * @param totalChars how many characters in all, roughly
	 * @param piiShare the share of characters that belong to sensitive values
	 * @return the messages, alternately from the customer and the assistant
	 */
	static List<String> messages(long seed, int totalChars, double piiShare) {
		ChatCorpus corpus = new ChatCorpus(seed, piiShare);
		List<String> messages = new ArrayList<>();
		int chars = 0;
		while (chars < totalChars) {
			String message = corpus.message(messages.size() % 2 == 0);
			messages.add(message);
			chars += message.length();
		}
		return messages;
	}

	/**
	 * Conversations as JSON message arrays in the GenAI semantic-convention shape.
	 * @param seed the seed
	 * @param totalChars how many characters in all, roughly
	 * @param piiShare the share of characters that belong to sensitive values
	 * @return the arrays, of about 20 messages each
	 */
	static List<String> jsonConversations(long seed, int totalChars, double piiShare) {
		JsonMapper mapper = JsonMapper.builder().build();
		ChatCorpus corpus = new ChatCorpus(seed, piiShare);
		List<String> conversations = new ArrayList<>();
		int chars = 0;
		while (chars < totalChars) {
			ArrayNode array = mapper.createArrayNode();
			for (int i = 0; i < 20; i++) {
				ObjectNode message = array.addObject().put("role", (i % 2 == 0) ? "user" : "assistant");
				ObjectNode part = message.putArray("parts").addObject().put("type", "text");
				part.put("content", corpus.message(i % 2 == 0));
				if (i % 5 == 4) {
					ObjectNode call = message.withArray("parts").addObject();
					call.put("type", "tool_call").put("id", "call_" + corpus.digits(6)).put("name", "lookup_order");
					call.putObject("arguments").put("order_id", corpus.digits(8)).put("include_items", true).put("limit", 10);
				}
			}
			String json = mapper.writeValueAsString(array);
			conversations.add(json);
			chars += json.length();
		}
		return conversations;
	}

	private String message(boolean user) {
		StringBuilder message = new StringBuilder();
		int sentences = 1 + this.random.nextInt(6);
		for (int i = 0; i < sentences; i++) {
			if (i > 0) {
				message.append(this.random.nextInt(4) == 0 ? "\n" : " ");
			}
			message.append(fill(pick(user ? USER : ASSISTANT)));
			// A sentence is about 80 characters and a value about 25: at 1%, one sentence in 30.
			if (this.random.nextDouble() < this.piiShare * 3.2) {
				message.append(' ').append(sensitiveSentence());
			}
		}
		return message.toString();
	}

	private String fill(String template) {
		StringBuilder out = new StringBuilder(template.length() + 32);
		for (int i = 0; i < template.length(); i++) {
			char c = template.charAt(i);
			if (c != '%' || i + 1 == template.length()) {
				out.append(c);
				continue;
			}
			char kind = template.charAt(++i);
			switch (kind) {
				case 'p' -> out.append(pick(PRODUCTS));
				case 'd' -> out.append(2024 + this.random.nextInt(3)).append('-').append(two(1 + this.random.nextInt(12)))
					.append('-').append(two(1 + this.random.nextInt(28)));
				case 'o' -> out.append(digits(8));
				case 'w' -> out.append(pick("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"));
				case '$' -> out.append(1 + this.random.nextInt(900)).append('.').append(digits(2));
				case 'v' -> out.append(1 + this.random.nextInt(9)).append('.').append(this.random.nextInt(20)).append('.')
					.append(this.random.nextInt(10));
				case 't' -> out.append(digits(6));
				case 'h' -> out.append(two(this.random.nextInt(24))).append(':').append(two(this.random.nextInt(60)));
				case 'n' -> out.append(2 + this.random.nextInt(30));
				default -> out.append(kind);
			}
		}
		return out.toString();
	}

	private String sensitiveSentence() {
		return switch (this.random.nextInt(12)) {
			case 0 -> "You can email me at " + pick("maria.rossi", "j.smith", "li.wang+shop") + "@"
					+ pick("example.com", "mail.example.org", "company.io") + ".";
			case 1 -> "Call me on +44 20 " + digits(4) + " " + digits(4) + " if needed.";
			case 2 -> "My number is (" + (2 + this.random.nextInt(8)) + digits(2) + ") " + digits(3) + "-" + digits(4)
					+ ".";
			case 3 -> "The card was 4111 1111 1111 1111, exp 12/27.";
			case 4 -> "Please refund to IBAN DE89 3704 0044 0532 0130 00.";
			case 5 -> "Our server is at 203.0." + this.random.nextInt(256) + "." + (1 + this.random.nextInt(254))
					+ " behind the firewall.";
			case 6 -> "The key sk-proj-" + random(ALNUM, 40) + " stopped working.";
			case 7 -> "Header was Authorization: Bearer " + random(ALNUM, 32) + "9.";
			case 8 -> "Connection string: postgres://app:" + random(ALNUM, 12) + "7@db.internal:5432/shop";
			case 9 -> "I set password=" + random(ALNUM, 10) + "1 in the config.";
			case 10 -> "SSN " + (100 + this.random.nextInt(500)) + "-" + two(10 + this.random.nextInt(80)) + "-"
					+ (1000 + this.random.nextInt(8999)) + " for the form.";
			default -> "Token: " + jwt();
		};
	}

	private String jwt() {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(("{\"sub\":\"" + digits(8) + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
				+ random(ALNUM, 43);
	}

	private String two(int n) {
		return (n < 10) ? "0" + n : String.valueOf(n);
	}

	private String digits(int count) {
		StringBuilder digits = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			digits.append((char) ('0' + this.random.nextInt(10)));
		}
		return digits.toString();
	}

	private String random(String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	@SafeVarargs
	private <T> T pick(T... choices) {
		return choices[this.random.nextInt(choices.length)];
	}

}
