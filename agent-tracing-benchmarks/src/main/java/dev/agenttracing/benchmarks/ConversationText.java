package dev.agenttracing.benchmarks;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Realistic chat content for the redactor: a support conversation of alternating user and
 * assistant turns, about 8 KB, the same every run. With personal data, one turn in two
 * carries a value a built-in detector must find (e-mail, phone, card, IBAN, API key,
 * bearer token, IP address); without, the same turns carry look-alikes that must be left
 * alone (order numbers, dates, prices, versions).
 */
final class ConversationText {

	private static final String[] USER = {
			"Hi, I was charged twice for the pro plan this month and I would like a refund of the second charge.",
			"I upgraded on the 3rd from the basic plan, order number 2024-118-7731, and the invoice shows 49 EUR twice.",
			"Yes, the account is the one you see, I only have one. My colleague has a separate account though.",
			"The second charge was on the 5th, around 14:20, I got two confirmation e-mails within a minute.",
			"Could you also tell me whether the annual plan would be cheaper? We are a team of four people.",
			"We use the API from our build server, version 2.14.3 of the client, nightly at 02:00.",
			"Thanks. And will the refund go back to the same card or do I get a credit on the account?",
			"Perfect, please go ahead. I'll wait for the ticket number so I can forward it to accounting." };

	private static final String[] ASSISTANT = {
			"I'm sorry about the double charge. Let me look up your account and the charges on it.",
			"I can see two charges of 49.00 EUR on the 5th, order 2024-118-7731 and a duplicate 2024-118-7732.",
			"The duplicate was created when the payment page was submitted twice; it should have been blocked.",
			"The annual pro plan is 490 EUR per seat and year, which is two months free compared to monthly.",
			"For four seats that is 1960 EUR a year instead of 2352 EUR, and you can switch at the next renewal.",
			"Your build server calls are fine; release 2.14.3 is supported until the end of next year.",
			"Refunds go back to the original payment method and take three to five business days to appear.",
			"I have opened ticket T-1001 with the billing team; you will get an e-mail when it is processed." };

	private static final String[] PERSONAL_DATA = { "You can reach me at jane.doe@example.com if anything is unclear.",
			"My phone is +44 20 7946 0958, I'm available after 5pm.",
			"The card was 4111 1111 1111 1111, expiry 09/28.",
			"For a bank transfer use DE89 3704 0044 0532 0130 00 please.",
			"Our build server uses the key sk-proj-4f9KqLmZ2xT8vB1nR7cW3yH6dJ0pA5sE.",
			"The webhook sends Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJlMTIz.",
			"The calls come from 203.0.113.42 in our office network.",
			"Forward the receipt to accounting@acme.co.uk as well, please." };

	private static final String[] LOOK_ALIKES = { "You can reach me in this chat if anything is unclear.",
			"The charge came from terminal 4401-22 at 17:05.",
			"The invoice total was 98.00 EUR, reference INV-2024-0031.",
			"Tracking number 1Z 999 AA1 01 2345 6784 for the hardware order.",
			"Our build server runs client 2.14.3 on build agent 7.",
			"The webhook retries 3 times, every 30 seconds, since version 1.8.0.",
			"The calls come from our office network, about 1,200 a day.",
			"Forward the receipt to accounting as well, please." };

	private ConversationText() {
	}

	/**
	 * The conversation's turns, user first.
	 * @param personalData whether turns carry personal data and secrets
	 * @return about 8 KB of turns
	 */
	static List<String> turns(boolean personalData) {
		String[] extra = personalData ? PERSONAL_DATA : LOOK_ALIKES;
		List<String> turns = new ArrayList<>();
		for (int round = 0; round < 4; round++) {
			for (int i = 0; i < USER.length; i++) {
				String user = USER[i];
				if ((i + round) % 2 == 0) {
					user = user + " " + extra[(i + round) % extra.length];
				}
				turns.add(user);
				turns.add(ASSISTANT[i]);
			}
		}
		return turns;
	}

	/**
	 * The conversation as one text, a turn per line.
	 * @param personalData whether turns carry personal data and secrets
	 * @return the text
	 */
	static String text(boolean personalData) {
		return String.join("\n", turns(personalData));
	}

	/**
	 * The conversation as GenAI input messages JSON, as content capture records it.
	 * @param personalData whether turns carry personal data and secrets
	 * @return the JSON
	 */
	static String messagesJson(boolean personalData) {
		ArrayNode messages = JsonNodeFactory.instance.arrayNode();
		List<String> turns = turns(personalData);
		for (int i = 0; i < turns.size(); i++) {
			ObjectNode message = messages.addObject();
			message.put("role", (i % 2 == 0) ? "user" : "assistant");
			message.putArray("parts").addObject().put("type", "text").put("content", turns.get(i));
		}
		return JsonMapper.builder().build().writeValueAsString(messages);
	}

}
