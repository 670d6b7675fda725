package dev.agenttracing.redaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static dev.agenttracing.redaction.CorpusValues.checkDigits;
import static dev.agenttracing.redaction.CorpusValues.group;
import static dev.agenttracing.redaction.CorpusValues.groupsOfFour;
import static dev.agenttracing.redaction.CorpusValues.withLuhn;

/**
 * A labelled corpus of support-conversation sentences, generated from a seed so that
 * every run measures the same items: positives carry one sensitive value of a known
 * detector, negatives carry none but are full of things that look alike (order numbers,
 * dates, prices, versions, tracking numbers that fail Luhn, IBANs with a wrong checksum).
 */
final class RedactionCorpus {

	/** Positives generated per built-in detector. */
	static final int POSITIVES_PER_DETECTOR = 45;

	/** Negatives generated. */
	static final int NEGATIVES = 260;

	/** Positives per built-in detector at the start or end of the text, or next to punctuation. */
	static final int EDGE_POSITIVES_PER_DETECTOR = 12;

	/**
	 * Negatives that come close to what starts a detector: an {@code @} in code or a handle,
	 * {@code sk-} inside a word, {@code eyJ} fragments, {@code BEGIN} lines of other blocks,
	 * keywords without values, numbers one digit or separator off.
	 */
	static final int NEAR_MISSES = 160;

	private static final String[] EDGES = { "%s", "%s is what I have", "I have %s", "(%s)", "[%s]", "\"%s\"", "'%s'",
			"<%s>", "{%s}", "%s,", "%s;", "%s!", "%s?", "%s.", "%s\n", "\t%s" };

	private static final String[] FIRST = { "john", "maria", "li", "aisha", "oliver", "sofia", "lukas", "emma",
			"mohammed", "chloe", "raj", "ana", "pierre", "yuki", "fatima", "noah" };

	private static final String[] LAST = { "smith", "garcia", "wang", "khan", "brown", "rossi", "muller", "dubois",
			"tanaka", "okafor", "silva", "nowak", "jensen", "patel", "oconnor", "kim" };

	private static final String[] DOMAINS = { "example.com", "mail.example.org", "acme.co.uk", "gmail.com",
			"outlook.de", "company.io", "uni-berlin.de", "shop.example.net" };

	private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final String BASE64URL = ALNUM + "-_";

	private final Random random;

	private RedactionCorpus(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * One corpus item.
	 * @param text the sentence
	 * @param detector the detector expected to find the value, or {@code null} for a
	 * negative
	 * @param secret the part of the text that must not survive redaction
	 */
	record Item(String text, String detector, String secret) {

		boolean positive() {
			return this.detector != null;
		}

	}

	static List<Item> generate(long seed) {
		RedactionCorpus corpus = new RedactionCorpus(seed);
		List<Item> items = new ArrayList<>();
		for (BuiltInDetector detector : BuiltInDetector.values()) {
			for (int i = 0; i < POSITIVES_PER_DETECTOR; i++) {
				items.add(corpus.positive(detector));
			}
		}
		for (int i = 0; i < NEGATIVES; i++) {
			items.add(new Item(corpus.negative(), null, null));
		}
		for (BuiltInDetector detector : BuiltInDetector.values()) {
			for (int i = 0; i < EDGE_POSITIVES_PER_DETECTOR; i++) {
				items.add(corpus.edgePositive(detector, EDGES[i % EDGES.length]));
			}
		}
		for (int i = 0; i < NEAR_MISSES; i++) {
			items.add(new Item(corpus.nearMiss(), null, null));
		}
		return items;
	}

	/** A value alone, at the start or the end of the text, or between punctuation. */
	private Item edgePositive(BuiltInDetector detector, String edge) {
		String name = detector.detectorName();
		return switch (detector) {
			case BEARER_TOKEN -> {
				String token = randomString(ALNUM + "-._", 30) + this.random.nextInt(10);
				yield new Item(String.format(edge, "Bearer " + token), name, token);
			}
			case URL_PASSWORD -> {
				String password = randomString(ALNUM, 12) + "7";
				yield new Item(String.format(edge, pick("https", "redis", "postgres") + "://" + pick(FIRST) + ":"
						+ password + "@" + pick("db.internal", "10.0.0.5", "cache.example.com")), name, password);
			}
			case SECRET -> {
				String value = randomString(ALNUM + "!#$%*-_", 12) + this.random.nextInt(100);
				yield new Item(String.format(edge, pick("password", "api_key", "client_secret", "DB_PASSWORD") + "="
						+ value), name, value);
			}
			case PRIVATE_KEY -> {
				String key = "-----BEGIN " + pick("RSA ", "EC ", "") + "PRIVATE KEY-----\n" + randomString(ALNUM + "+/", 64)
						+ "\n-----END " + pick("RSA ", "EC ", "") + "PRIVATE KEY-----";
				// The end line must match the begin line for the block to end there: use one kind.
				String kind = key.substring("-----BEGIN ".length(), key.indexOf("PRIVATE"));
				key = key.substring(0, key.lastIndexOf("-----END ")) + "-----END " + kind + "PRIVATE KEY-----";
				yield new Item(String.format(edge, key), name, key);
			}
			default -> {
				String value = switch (detector) {
					case EMAIL -> email();
					case PHONE -> phone();
					case CREDIT_CARD -> card();
					case IBAN -> iban();
					case SSN -> ssn();
					case IPV4 -> ipv4();
					case IPV6 -> ipv6();
					case JWT -> jwt();
					default -> apiKey();
				};
				yield new Item(String.format(edge, value), name, value);
			}
		};
	}

	private String nearMiss() {
		String first = pick(FIRST);
		return switch (this.random.nextInt(40)) {
			case 0 -> "Ping @" + first + " in Slack, or @" + first + "." + pick(LAST) + " on GitHub.";
			case 1 -> "The method is annotated with @Override and @Nullable, nothing else.";
			case 2 -> "Install it with npm i @acme/sdk@" + this.random.nextInt(9) + "." + this.random.nextInt(20) + ".0 and retry.";
			case 3 -> "Write to " + first + " at example dot com, or use the @support handle.";
			case 4 -> "Decorators like @app.route('/orders') and @pytest.mark.slow are fine.";
			case 5 -> pick("The task-based plan", "A risk-free trial", "The desk-booking tool", "Our ask-me-anything session")
					+ " starts " + pick("tomorrow", "next week", "on Monday") + ".";
			case 6 -> "We use sk-learn and scikit-learn " + this.random.nextInt(2) + "." + this.random.nextInt(5)
					+ " for the model.";
			case 7 -> "That sk-this-is-not-a-real-key-at-all placeholder is from the docs.";
			case 8 -> "TAKIAWASE and MAKIA are product codes, not keys.";
			case 9 -> "The AKIA prefix is for access keys; AKIA" + randomString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 8)
					+ " is too short to be one.";
			case 10 -> "The header eyJhbGciOiJIUzI1NiJ9 alone is not a token.";
			case 11 -> "Hey Jude, eyJ is just how base64 JSON starts: eyJ" + randomString(ALNUM, 4) + ".";
			case 12 -> "-----BEGIN CERTIFICATE-----\nMIIB" + randomString(ALNUM, 40) + "\n-----END CERTIFICATE-----";
			case 13 -> "-----BEGIN PUBLIC KEY-----\nMFkw" + randomString(ALNUM, 40) + "\n-----END PUBLIC KEY-----";
			case 14 -> "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nThe refund was approved.";
			case 15 -> "Run BEGIN TRANSACTION; then COMMIT; if the update looks right.";
			case 16 -> pick("Bearer tokens expire after an hour.", "Is bearer authentication supported?",
					"Send the header as Bearer <token>.", "The bearer of this card must sign it.",
					"Use Bearer ${TOKEN} in the script.");
			case 17 -> "Authorization: Bearer " + pick("abcdefghijkl", "tokenvaluehere", "PLACEHOLDER_TOKEN");
			case 18 -> "Open https://help.example.com/orders?id=" + digits(6) + "&user=" + first + " to see it.";
			case 19 -> "The repo is at https://github.com/acme/sdk and the db at postgres://db.internal:5432/app.";
			case 20 -> "Sign in at https://" + first + "@example.com/login without a password.";
			case 21 -> pick("Passwordless login is on.", "The password field is empty.",
					"Reset your password: go to Settings.", "My token expired.", "Password: forgotten.",
					"The key: press Ctrl+C to copy.", "The api_key: <your key here> goes in the header.",
					"Set max_tokens=" + (256 * (1 + this.random.nextInt(8))) + " and token_count=" + digits(3) + ".",
					"The keyboard: broken again.", "The secret: there is none.", "Passphrase is required.");
			case 22 -> "It happened at " + (10 + this.random.nextInt(12)) + ":" + digits(2) + ":" + digits(2) + " UTC.";
			case 23 -> "In C++ write std::vector<int> and a::b::c, in Rust use std::collections::HashMap.";
			case 24 -> "The MAC address is " + mac() + " and the ratio is 4:3:2.";
			case 25 -> "Emoji :smile: and :+1: work, C:\\Users\\" + first + " is the folder.";
			case 26 -> "Upgrade to version " + (1 + this.random.nextInt(9)) + "." + this.random.nextInt(10) + "."
					+ this.random.nextInt(10) + "." + this.random.nextInt(100) + " first.";
			case 27 -> "Pi is 3.14159, e is 2.71828 and the build " + digits(1) + "." + digits(1) + "." + digits(1) + "."
					+ digits(1) + "." + digits(1) + " has five parts.";
			case 28 -> "Order " + digits(3) + "-" + digits(3) + "-" + digits(2) + " and ISBN 978-3-16-148410-0 arrived.";
			case 29 -> "Meeting on " + date() + " " + (10 + this.random.nextInt(10)) + ":30, SKU 555 " + digits(4) + ".";
			case 30 -> "Card " + failingLuhn() + " was rejected, as was 1234 5678 9012 3456.";
			case 31 -> "Seat AB12 CD34 EF56 GH78, row DE" + digits(2) + ", gate GB" + digits(2) + ".";
			case 32 -> "The SSN field is empty and 000-12-3456 is not a valid number.";
			case 33 -> "Dial extension " + digits(4) + " or " + digits(3) + " " + digits(4) + " inside the office.";
			case 34 -> "Ticket #00" + digits(5) + " and order 00" + digits(4) + " are linked.";
			case 35 -> "Use key=value pairs like color=blue and size=" + digits(2) + ".";
			case 36 -> "The pin " + pick("moved", "is on the map", "was bent") + "; pinned messages are at the top.";
			case 37 -> "Tokens: " + digits(4) + " prompt, " + digits(3) + " completion.";
			case 38 -> "The IP field shows 999." + digits(1) + "." + digits(1) + "." + digits(1) + ", which is invalid.";
			default -> "Email " + first + "@localhost or " + first + "@ and @ alone.";
		};
	}

	private Item positive(BuiltInDetector detector) {
		return switch (detector) {
			case EMAIL -> embed(detector, email(), "Hi, I can't log in, my account e-mail is %s.",
					"Please send the invoice to %s instead of my old address.",
					"My colleague (%s) will take over the ticket.", "Reply to %s; I check it daily.",
					"The confirmation never arrived at %s, can you resend it?");
			case PHONE -> embed(detector, phone(), "You can reach me on %s after 5pm.",
					"Call me back at %s please, the chat keeps dropping.", "My number is %s.",
					"The courier tried %s but nobody answered.", "Update my phone to %s, thanks!");
			case CREDIT_CARD -> embed(detector, card(), "I was charged twice on my card %s yesterday.",
					"Can you refund to card number %s?", "The payment with %s was declined.",
					"Card: %s exp 11/27", "Use %s for the renewal.");
			case IBAN -> embed(detector, iban(), "Please wire the refund to IBAN %s.",
					"My new bank account is %s, update it please.", "Refund to %s (account holder Maria Rossi).",
					"IBAN: %s", "The direct debit should use %s from next month.");
			case SSN -> {
				String ssn = ssn();
				String digits = ssn.replaceAll("[^0-9]", "");
				yield switch (this.random.nextInt(4)) {
					case 0 -> new Item("My SSN is " + digits + " for the tax form.", "ssn", digits);
					case 1 -> new Item("Social security number " + ssn + ", as requested.", "ssn", ssn);
					default -> embed(detector, ssn, "For the W-9 my number is %s.", "SSN: %s",
							"I typed %s in the form but it was rejected.");
				};
			}
			case IPV4 -> embed(detector, ipv4(), "Our server at %s cannot reach your API.",
					"Requests from %s are being blocked by your firewall.", "Please whitelist %s for the webhook.",
					"The login came from IP %s which is not me!", "ping %s times out.");
			case IPV6 -> embed(detector, ipv6(), "Our server at %s cannot reach your API.",
					"Please allow %s in the firewall.", "The suspicious login was from %s.",
					"Webhook source address: %s", "Traffic from %s gets a 403.");
			case JWT -> embed(detector, jwt(), "Here is the token the app sent: %s",
					"The request failed with token %s, is it expired?", "id_token=%s",
					"I copied this from the browser: %s");
			case BEARER_TOKEN -> {
				String token = randomString(ALNUM + "-._", 24 + this.random.nextInt(20)) + this.random.nextInt(10);
				yield embed(detector, token, "curl -H 'Authorization: Bearer %s' returns 401.",
						"I'm sending Bearer %s in the header.", "Header was: authorization: bearer %s",
						"Using BEARER %s I get forbidden.");
			}
			case API_KEY -> embed(detector, apiKey(), "My key %s stopped working today.",
					"Is %s still valid? I rotated it last week.", "export KEY_VALUE=%s did not help.",
					"The integration uses %s, maybe that is wrong?", "Error: invalid credential %s");
			case PRIVATE_KEY -> {
				String body = randomString(ALNUM + "+/", 64);
				String kind = pick("RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED ");
				boolean complete = this.random.nextInt(4) != 0;
				String key = "-----BEGIN " + kind + "PRIVATE KEY-----\n" + body + "\n" + randomString(ALNUM + "+/", 40)
						+ "==" + (complete ? "\n-----END " + kind + "PRIVATE KEY-----" : "");
				yield embed(detector, key, "Is this key right?\n%s\nThanks", "I pasted the wrong file: %s",
						"Our deploy key:\n%s");
			}
			case URL_PASSWORD -> {
				String password = randomString(ALNUM + "!$%^*()-_=+", 8 + this.random.nextInt(12)) + "7";
				String url = pick("postgres", "mysql", "https", "redis", "amqp", "mongodb+srv") + "://"
						+ pick(FIRST) + ":" + password + "@" + pick("db.internal", "10.0.0.5", "cache.example.com",
								"cluster0.mongodb.net")
						+ pick(":5432/app", "/vhost", "", ":6379");
				yield new Item(String.format(pick("The connection string is %s, is that right?",
						"We configured %s in the app.", "Logs show %s failing."), url), "url_password", password);
			}
			case SECRET -> secret();
		};
	}

	private Item embed(BuiltInDetector detector, String value, String... templates) {
		return new Item(String.format(pick(templates), value), detector.detectorName(), value);
	}

	private Item secret() {
		String value = randomString(ALNUM + "!#$%*-_", 8 + this.random.nextInt(16)) + this.random.nextInt(100);
		String key = pick("password", "DB_PASSWORD", "api_key", "client_secret", "token", "SECRET_KEY", "pwd",
				"access_token", "spring.datasource.password", "apiKey");
		String text = switch (this.random.nextInt(5)) {
			case 0 -> "My config has " + key + "=" + value + " and it fails.";
			case 1 -> "I set " + key + ": " + value + " in the yaml.";
			case 2 -> "The body was {\"" + key + "\": \"" + value + "\"} and the server said 400.";
			case 3 -> "my password is " + value + " but login still fails";
			default -> "Try with " + key + " = '" + value + "' please.";
		};
		return new Item(text, "secret", value);
	}

	private String negative() {
		return switch (this.random.nextInt(26)) {
			case 0 -> "Where is my order #" + digits(8) + "? It was due on " + date() + ".";
			case 1 -> "I paid $" + (this.random.nextInt(2000) + 1) + "." + digits(2) + " but the invoice says $"
					+ this.random.nextInt(900) + ".99.";
			case 2 -> "The app crashes since version " + (this.random.nextInt(12) + 1) + "." + this.random.nextInt(20)
					+ "." + this.random.nextInt(10) + ", please fix.";
			case 3 -> "Tracking number " + failingLuhn() + " shows no movement since " + date() + ".";
			case 4 -> "My reference is " + invalidIban() + ", the bank says it is wrong.";
			case 5 -> "Meeting moved to " + this.random.nextInt(24) + ":" + (10 + this.random.nextInt(50))
					+ ", room " + (100 + this.random.nextInt(400)) + ".";
			case 6 -> "The parcel " + "9400 1" + digits(3) + " " + digits(4) + " " + digits(4) + " " + digits(4) + " "
					+ digits(2) + " is stuck in the depot.";
			case 7 -> pick("The password is incorrect, it says.", "Reset your password: go to Settings > Security.",
					"My token expired again, what now?", "The password was rejected twice.",
					"Password: forgotten, obviously.", "Where do I find my API key in the dashboard?",
					"Is bearer authentication supported?", "I am the bearer of bad news: it broke again.");
			case 8 -> "Build " + (this.random.nextInt(9) + 1) + "." + this.random.nextInt(9) + "."
					+ this.random.nextInt(9) + "." + digits(4) + " fixed it on Windows " + pick("10", "11") + ".";
			case 9 -> "It happened on " + date() + " at " + (10 + this.random.nextInt(12)) + ":" + digits(2) + ":"
					+ digits(2) + " UTC.";
			case 10 -> "Invalid social security number " + pick("000", "666", "9" + digits(2)) + "-" + digits(2) + "-"
					+ digits(4) + " was rejected, right?";
			case 11 -> "The device MAC is " + mac() + ", does that help?";
			case 12 -> "In C++ I use std::vector and std::map; the SDK " + "version is " + this.random.nextInt(5)
					+ "." + this.random.nextInt(10) + ".";
			case 13 -> "SKU-" + digits(4) + "-" + digits(4) + " is out of stock, ISBN 978-" + digits(1) + "-"
					+ digits(2) + "-" + digits(6) + "-" + digits(1) + ".";
			case 14 -> "I sent it to support at example dot com and @" + pick(FIRST) + " on Twitter.";
			case 15 -> "Temperature is " + this.random.nextInt(40) + "." + digits(1) + " C, ratio 16:9, score "
					+ this.random.nextInt(100) + "/100.";
			case 16 -> "Address is 999." + this.random.nextInt(255) + "." + this.random.nextInt(255) + "."
					+ this.random.nextInt(255) + "? No, that is not valid.";
			case 17 -> "Customer id " + digits(9) + " and ticket " + digits(6) + " belong together.";
			case 18 -> "Our zip code is " + digits(5) + " and the extension is " + digits(4) + ".";
			case 19 -> "The total for " + (this.random.nextInt(5) + 1) + " items was EUR " + digits(3) + ","
					+ digits(2) + " incl. VAT.";
			case 20 -> "Release notes for " + (this.random.nextInt(3) + 1) + "." + this.random.nextInt(10) + "."
					+ this.random.nextInt(10) + "." + this.random.nextInt(10) + " mention the login bug.";
			case 21 -> "Set max_tokens=" + (256 * (1 + this.random.nextInt(16))) + " and temperature=0."
					+ this.random.nextInt(10) + " in the request.";
			case 22 -> "Invoice INV-" + date().replace("-", "") + "-" + digits(5) + " is unpaid.";
			case 23 -> pick("The pin on the map is wrong; the key to the locker is at the front desk.",
					"After the firmware " + this.random.nextInt(5) + "." + this.random.nextInt(10) + "." + this.random.nextInt(10)
							+ "." + this.random.nextInt(10) + " update the router reboots.");
			case 24 -> "Card ending in " + digits(4) + " was used, valid thru " + (1 + this.random.nextInt(12)) + "/"
					+ (25 + this.random.nextInt(6)) + ".";
			default -> "Call center hours are 9-17, order " + digits(3) + "-" + digits(4) + "-" + digits(3)
					+ " is pending.";
		};
	}

	private String email() {
		String local = switch (this.random.nextInt(6)) {
			case 4 -> "o'" + pick(LAST);
			case 5 -> pick(FIRST) + "-" + pick(LAST) + "." + digits(2);
			case 0 -> pick(FIRST) + "." + pick(LAST);
			case 1 -> pick(FIRST) + "+" + pick("shop", "news", "test");
			case 2 -> pick(FIRST).charAt(0) + "_" + pick(LAST) + this.random.nextInt(100);
			default -> pick(FIRST).toUpperCase() + "." + pick(LAST);
		};
		String domain = pick(DOMAINS);
		return local + "@" + (this.random.nextInt(5) == 0 ? domain.toUpperCase() : domain);
	}

	private String phone() {
		return switch (this.random.nextInt(15)) {
			case 10 -> "0044 20 " + digits(4) + " " + digits(4);
			case 11 -> "+44 (0)20 " + digits(4) + " " + digits(4);
			case 12 -> "1 (800) " + digits(3) + "-" + digits(4);
			case 13 -> "tel:+1" + area() + digits(7);
			case 14 -> "+1 " + area() + " " + digits(3) + " " + digits(4);
			case 0 -> "+44 20 " + digits(4) + " " + digits(4);
			case 1 -> "(" + area() + ") " + digits(3) + "-" + digits(4);
			case 2 -> "+1-" + area() + "-555-" + digits(4);
			case 3 -> area() + "-" + digits(3) + "-" + digits(4);
			case 4 -> "+33 1 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
			case 5 -> "+49 30 " + digits(7);
			case 6 -> "+91 98" + digits(3) + " " + digits(5);
			case 7 -> "020 " + digits(4) + " " + digits(4);
			case 8 -> area() + "." + digits(3) + "." + digits(4);
			default -> "+61 2 " + digits(4) + " " + digits(4);
		};
	}

	private String area() {
		return (2 + this.random.nextInt(8)) + digits(2);
	}

	private String card() {
		String prefix = pick("4", "51", "52", "55", "2221", "34", "37", "6011", "35", "36");
		int length = (prefix.equals("34") || prefix.equals("37")) ? 15 : prefix.equals("36") ? 14 : 16;
		if (length == 14) {
			String diners = withLuhn(prefix + digits(11));
			return this.random.nextBoolean() ? diners : group(diners, new int[] { 4, 6, 4 }, " ");
		}
		String digits = withLuhn(prefix + digits(length - prefix.length() - 1));
		return switch (this.random.nextInt(3)) {
			case 0 -> digits;
			case 1 -> group(digits, (length == 15) ? new int[] { 4, 6, 5 } : new int[] { 4, 4, 4, 4 }, " ");
			default -> group(digits, (length == 15) ? new int[] { 4, 6, 5 } : new int[] { 4, 4, 4, 4 }, "-");
		};
	}

	private String failingLuhn() {
		String digits = withLuhn("4" + digits(14));
		char last = digits.charAt(15);
		String wrong = digits.substring(0, 15) + (char) ('0' + (last - '0' + 1 + this.random.nextInt(8)) % 10);
		return group(wrong, new int[] { 4, 4, 4, 4 }, " ");
	}

	private String iban() {
		String country = pick("DE", "GB", "FR", "NL", "ES", "IT", "CH", "BE", "AT", "PL");
		String bban = switch (country) {
			case "GB" -> randomString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + digits(14);
			case "NL" -> randomString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + digits(10);
			case "IT" -> randomString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + digits(22);
			default -> digits(Checksums.ibanLength(country) - 4);
		};
		String iban = country + checkDigits(country, bban) + bban;
		return (this.random.nextBoolean()) ? iban : groupsOfFour(iban);
	}

	private String invalidIban() {
		String bban = digits(18);
		String valid = checkDigits("DE", bban);
		String wrong = String.format("%02d", (Integer.parseInt(valid) + 1 + this.random.nextInt(90)) % 97 + 2);
		return groupsOfFour("DE" + wrong + bban);
	}

	private String ssn() {
		int area = 1 + this.random.nextInt(898);
		if (area == 666) {
			area = 667;
		}
		String ssn = String.format("%03d-%02d-%04d", area, 1 + this.random.nextInt(99), 1 + this.random.nextInt(9999));
		return this.random.nextBoolean() ? ssn : ssn.replace('-', ' ');
	}

	private String ipv4() {
		String address = pick("10", "192", "172", "203", "81", "34") + "." + this.random.nextInt(256) + "."
				+ this.random.nextInt(256) + "." + (1 + this.random.nextInt(254));
		return this.random.nextInt(5) == 0 ? address + ":" + (1024 + this.random.nextInt(60000)) : address;
	}

	private String ipv6() {
		Function<Integer, String> group = (n) -> Integer.toHexString(this.random.nextInt(0x10000));
		return switch (this.random.nextInt(6)) {
			case 4 -> ("2001:DB8:" + group.apply(0) + "::" + group.apply(0)).toUpperCase();
			case 5 -> "[2001:db8::" + group.apply(0) + "]:8080";
			case 0 -> "2001:db8:" + group.apply(0) + ":" + group.apply(0) + ":" + group.apply(0) + ":" + group.apply(0)
					+ ":" + group.apply(0) + ":" + group.apply(0);
			case 1 -> "2001:db8:" + group.apply(0) + "::" + group.apply(0) + ":" + group.apply(0);
			case 2 -> "fe80::" + group.apply(0) + ":" + group.apply(0) + ":" + group.apply(0) + ":" + group.apply(0);
			default -> "::ffff:" + ipv4();
		};
	}

	private String jwt() {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String payload = encoder.encodeToString(("{\"sub\":\"" + digits(10) + "\",\"name\":\"" + pick(FIRST)
				+ "\",\"iat\":" + digits(10) + "}").getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + "." + randomString(BASE64URL, 43);
	}

	private String apiKey() {
		return switch (this.random.nextInt(9)) {
			case 0 -> "sk-" + randomString(ALNUM, 48);
			case 1 -> "sk-proj-" + randomString(BASE64URL, 56);
			case 2 -> "sk-ant-api03-" + randomString(BASE64URL, 80);
			case 3 -> pick("AKIA", "ASIA") + randomString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
			case 4 -> pick("ghp_", "gho_", "ghs_") + randomString(ALNUM, 36);
			case 5 -> "github_pat_" + randomString(ALNUM, 22) + "_" + randomString(ALNUM, 59);
			case 6 -> "AIza" + randomString(BASE64URL, 35);
			case 7 -> pick("xoxb-", "xoxp-") + digits(12) + "-" + digits(13) + "-" + randomString(ALNUM, 24);
			default -> pick("sk_live_", "rk_live_", "sk_test_") + randomString(ALNUM, 24);
		};
	}

	private String mac() {
		StringBuilder mac = new StringBuilder();
		for (int i = 0; i < 6; i++) {
			mac.append((i > 0) ? ":" : "").append(String.format("%02x", this.random.nextInt(256)));
		}
		return mac.toString();
	}

	private String date() {
		return (2020 + this.random.nextInt(6)) + "-" + String.format("%02d", 1 + this.random.nextInt(12)) + "-"
				+ String.format("%02d", 1 + this.random.nextInt(28));
	}

	private String digits(int count) {
		StringBuilder digits = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			digits.append((char) ('0' + this.random.nextInt(10)));
		}
		return digits.toString();
	}

	private String randomString(String alphabet, int length) {
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
