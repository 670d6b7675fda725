package dev.agenttracing.redaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static dev.agenttracing.redaction.CorpusValues.checkDigits;
import static dev.agenttracing.redaction.CorpusValues.group;
import static dev.agenttracing.redaction.CorpusValues.groupsOfFour;
import static dev.agenttracing.redaction.CorpusValues.withLuhn;

/**
 * A labelled corpus in the shapes agents send, generated from a seed: every claimed type
 * in several countries' formats, placed in support chat (English, French, German,
 * Spanish, Italian, Portuguese, Dutch), JSON tool arguments and results, log lines, stack
 * traces, HTTP headers, config and {@code .env} text, shell commands and XML; and
 * near-miss texts that hold no sensitive value but look like one (versions, user agents,
 * netmasks, code with {@code ::}, boolean and paging fields, template placeholders, part
 * numbers, timestamps, ids).
 * <p>
 * The shapes come from the kinds of traffic listed above, not from the detectors' patterns;
 * the corpus was written in the same change as the detectors, so it is a floor they hold,
 * not an accuracy figure on traffic of other shapes.
 */
final class TrafficCorpus {

	static final int POSITIVES_PER_TYPE = 210;

	static final int NEAR_MISSES = 1_400;

	private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	private static final String LOWER_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final String[] FIRST = { "john", "maria", "li", "aisha", "oliver", "sofia", "lukas", "emma",
			"mohammed", "chloe", "raj", "ana", "pierre", "yuki", "fatima", "noah", "jean-luc", "zoe" };

	private static final String[] LAST = { "smith", "garcia", "wang", "khan", "brown", "rossi", "muller", "dubois",
			"tanaka", "okafor", "silva", "nowak", "jensen", "patel", "oconnor", "kim" };

	private static final String[] DOMAINS = { "example.com", "mail.example.org", "acme.co.uk", "gmail.com",
			"outlook.de", "company.io", "uni-berlin.de", "shop.example.net", "orange.fr", "yahoo.co.jp",
			"example.com.br", "support.example.in" };

	/** Shapes for a value that stands alone; {@code %s} is the value. JSON shapes start with '{'. */
	private static final String[] SHAPES = { "Hi, you can reach me at %s, thanks!", "Here it is: %s",
			"%s", "Sure - %s (that's the one on file).", "Bonjour, voici mes coordonnées : %s. Merci !",
			"Hallo, hier die Angabe: %s. Danke!", "Hola, aquí está: %s. Gracias.", "Ciao, eccolo: %s, grazie.",
			"Olá, segue: %s. Obrigado.", "Hoi, hier is het: %s. Bedankt!",
			"{\"customer\":{\"name\":\"Ana\",\"contact\":\"%s\"},\"priority\":\"high\"}",
			"{\"results\":[{\"id\":42,\"note\":\"customer wrote: %s\",\"open\":true}],\"total\":1}",
			"{\"tool\":\"lookup_customer\",\"arguments\":{\"query\":\"%s\",\"limit\":5}}",
			"2024-05-17T10:22:01.123Z  INFO 4242 --- [nio-8080-exec-3] c.e.support.TicketService : updated ticket 81723 for %s",
			"WARN  [worker-7] lookup failed value=%s attempt=2",
			"java.lang.IllegalArgumentException: no customer matches '%s'\n\tat com.example.support.Lookup.find(Lookup.java:57)\n\tat com.example.support.TicketService.update(TicketService.java:112)",
			"X-Customer-Ref: %s", "CONTACT=%s", "contact: \"%s\"", "$ ./notify.sh --to '%s' --retry 3",
			"<customer><id>81723</id><contact>%s</contact></customer>", "| Ana | %s | open |",
			"> %s\n\nThanks, forwarded to billing." };

	private final Random random;

	private TrafficCorpus(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * One item.
	 * @param text the content
	 * @param json whether the content is JSON (redacted with {@code redactJson})
	 * @param type the type of the value, or {@code null} for a near miss
	 * @param secret the value, which must not survive redaction
	 */
	record Item(String text, boolean json, String type, String secret) {

		boolean positive() {
			return this.type != null;
		}

	}

	static List<Item> generate(long seed) {
		TrafficCorpus corpus = new TrafficCorpus(seed);
		List<Item> items = new ArrayList<>();
		for (BuiltInDetector type : BuiltInDetector.values()) {
			for (int i = 0; i < POSITIVES_PER_TYPE; i++) {
				items.add(corpus.positive(type, i));
			}
		}
		for (int i = 0; i < NEAR_MISSES; i++) {
			String text = corpus.nearMiss(i);
			items.add(new Item(text, text.startsWith("{"), null, null));
		}
		return items;
	}

	private Item positive(BuiltInDetector type, int i) {
		String name = type.detectorName();
		return switch (type) {
			case SECRET -> secret(i);
			case URL_PASSWORD -> urlPassword(i);
			case BEARER_TOKEN -> bearer(i);
			case PRIVATE_KEY -> privateKey(i);
			case SSN -> ssn(i);
			case PHONE -> phone(i);
			default -> {
				String value = switch (type) {
					case EMAIL -> email(i);
					case CREDIT_CARD -> card(i);
					case IBAN -> iban(i);
					case IPV4 -> ipv4(i);
					case IPV6 -> ipv6(i);
					case JWT -> jwt();
					default -> apiKey(i);
				};
				Item item = shaped(SHAPES[i % SHAPES.length], name, value);
				// A Slack webhook's secret is its path.
				yield value.startsWith("https://hooks.slack.com/services/")
						? new Item(item.text(), item.json(), name, value.substring(value.lastIndexOf("services/") + 9))
						: item;
			}
		};
	}

	private static Item shaped(String shape, String type, String value) {
		return new Item(String.format(shape, value), shape.startsWith("{"), type, value);
	}

	// Positives

	private String email(int i) {
		String local = switch (i % 7) {
			case 0 -> pick(FIRST) + "." + pick(LAST);
			case 1 -> pick(FIRST) + "+" + pick("shop", "news", "support");
			case 2 -> pick(FIRST).charAt(0) + "_" + pick(LAST) + this.random.nextInt(100);
			case 3 -> pick(FIRST).toUpperCase() + "." + pick(LAST);
			case 4 -> "o'" + pick(LAST);
			case 5 -> pick(LAST) + digits(4);
			default -> pick(FIRST) + "-" + pick(LAST);
		};
		String address = local + "@" + pick(DOMAINS);
		if (i % 10 == 9) {
			// URL-encoded in a query string.
			return address.replace("@", "%40").replace("+", "%2B");
		}
		return address;
	}

	private Item phone(int i) {
		String value = switch (i % 22) {
			case 0 -> "+44 20 " + digits(4) + " " + digits(4);
			case 1 -> "+33 6 " + pairs(4);
			case 2 -> "0" + pick("6", "7", "1") + " " + pairs(4);
			case 3 -> "0" + pick("6", "1") + "." + pairs(4).replace(' ', '.');
			case 4 -> "+49 30 " + digits(7);
			case 5 -> "030/" + digits(7);
			case 6 -> "0171 " + digits(7);
			case 7 -> "+81 3-" + digits(4) + "-" + digits(4);
			case 8 -> "03-" + digits(4) + "-" + digits(4);
			case 9 -> "090-" + digits(4) + "-" + digits(4);
			case 10 -> "+91 98" + digits(3) + " " + digits(5);
			case 11 -> "098" + digits(3) + " " + digits(5);
			case 12 -> "(" + area() + ") " + digits(3) + "-" + digits(4);
			case 13 -> area() + "-" + digits(3) + "-" + digits(4);
			case 14 -> area() + "." + digits(3) + "." + digits(4);
			case 15 -> "+1 " + area() + " " + digits(3) + " " + digits(4);
			case 16 -> "020 " + digits(4) + " " + digits(4);
			case 17 -> "07700 " + digits(6);
			case 18 -> "+34 6" + digits(2) + " " + digits(3) + " " + digits(3);
			case 19 -> "+39 3" + digits(2) + " " + digits(3) + " " + digits(4);
			case 20 -> "+55 11 9" + digits(4) + "-" + digits(4);
			default -> area() + digits(7);
		};
		if (i % 22 == 21 || i % 5 == 0) {
			// Bare digits are a phone number by their context: a phone word or key.
			String shape = pick("Call me at %s please.", "phone: %s", "Tel. %s", "mobile=%s",
					"Rappelez-moi au %s svp.", "Meine Handynummer: %s", "mi teléfono es %s", "{\"phone\":\"%s\"}",
					"{\"contact\":{\"mobile\":\"%s\",\"preferred\":true}}", "<phone>%s</phone>",
					"WhatsApp %s");
			return shaped(shape, "phone", value);
		}
		return shaped(SHAPES[i % SHAPES.length], "phone", value);
	}

	private String pairs(int count) {
		StringBuilder pairs = new StringBuilder();
		for (int i = 0; i < count; i++) {
			pairs.append((i > 0) ? " " : "").append(digits(2));
		}
		return pairs.toString();
	}

	private String area() {
		return (2 + this.random.nextInt(8)) + digits(2);
	}

	private String card(int i) {
		String prefix = pick("4", "51", "52", "55", "2221", "34", "37", "6011", "35");
		int length = (prefix.equals("34") || prefix.equals("37")) ? 15 : 16;
		String digits = withLuhn(prefix + digits(length - prefix.length() - 1));
		int[] groups = (length == 15) ? new int[] { 4, 6, 5 } : new int[] { 4, 4, 4, 4 };
		return switch (i % 3) {
			case 0 -> digits;
			case 1 -> group(digits, groups, " ");
			default -> group(digits, groups, "-");
		};
	}

	private String iban(int i) {
		String country = pick("DE", "GB", "FR", "NL", "ES", "IT", "CH", "BE", "AT", "PL", "PT", "IE");
		String bban = switch (country) {
			case "GB", "IE" -> randomString(UPPER, 4) + digits(14);
			case "NL" -> randomString(UPPER, 4) + digits(10);
			case "IT" -> randomString(UPPER, 1) + digits(22);
			default -> digits(Checksums.ibanLength(country) - 4);
		};
		String iban = country + checkDigits(country, bban) + bban;
		return (i % 2 == 0) ? iban : groupsOfFour(iban);
	}

	private String ipv4(int i) {
		String address = pick("10", "192", "172", "203", "81", "34", "8", "1", "100", "52") + "." + this.random.nextInt(256)
				+ "." + this.random.nextInt(256) + "." + (1 + this.random.nextInt(254));
		return switch (i % 6) {
			case 0 -> address + ":" + (1024 + this.random.nextInt(60000));
			case 1 -> address + "/" + (8 + this.random.nextInt(25));
			default -> address;
		};
	}

	private String ipv6(int i) {
		return switch (i % 8) {
			case 0 -> "2001:db8:" + hex() + ":" + hex() + ":" + hex() + ":" + hex() + ":" + hex() + ":" + hex();
			case 1 -> "2001:db8:" + hex() + "::" + hex() + ":" + hex();
			case 2 -> "fe80::" + hex() + ":" + hex() + ":" + hex() + ":" + hex();
			case 3 -> "::1";
			case 4 -> "::ffff:10." + this.random.nextInt(256) + ".0." + (1 + this.random.nextInt(254));
			case 5 -> ("2a00:1450:" + hex() + "::" + hex()).toUpperCase();
			case 6 -> "[2001:db8::" + hex() + "]:8443";
			default -> "2606:4700:" + hex() + ":" + hex() + "::" + hex();
		};
	}

	private String hex() {
		return Integer.toHexString(1 + this.random.nextInt(0xffff));
	}

	private String jwt() {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String header = encoder.encodeToString(
				("{\"alg\":\"" + pick("HS256", "RS256", "ES256") + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
		String payload = encoder.encodeToString(("{\"sub\":\"" + digits(10) + "\",\"name\":\"" + pick(FIRST)
				+ "\",\"iat\":" + digits(10) + "}").getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + "." + randomString(ALNUM + "-_", 43);
	}

	private String apiKey(int i) {
		return switch (i % 16) {
			case 0 -> "sk-" + randomString(ALNUM, 48);
			case 1 -> "sk-proj-" + randomString(ALNUM + "-_", 56);
			case 2 -> "sk-ant-api03-" + randomString(ALNUM + "-_", 80);
			case 3 -> pick("AKIA", "ASIA") + randomString(UPPER + "234567", 16);
			case 4 -> "AKIA" + randomString(UPPER, 16);
			case 5 -> pick("ghp_", "gho_", "ghs_") + randomString(ALNUM, 36);
			case 6 -> "github_pat_" + randomString(ALNUM, 22) + "_" + randomString(ALNUM, 59);
			case 7 -> "AIza" + randomString(ALNUM + "-_", 35);
			case 8 -> pick("xoxb-", "xoxp-") + digits(12) + "-" + digits(13) + "-" + randomString(ALNUM, 24);
			case 9 -> "xapp-1-A" + randomString(UPPER + "0123456789", 10) + "-" + digits(13) + "-"
					+ randomString("0123456789abcdef", 64);
			case 10 -> "https://hooks.slack.com/services/T" + randomString(UPPER + "0123456789", 8) + "/B"
					+ randomString(UPPER + "0123456789", 10) + "/" + randomString(ALNUM, 24);
			case 11 -> "whsec_" + randomString(ALNUM, 32);
			case 12 -> "00D" + randomString(ALNUM, 12) + "!" + randomString(ALNUM + "._", 96);
			case 13 -> pick("sk_live_", "rk_live_", "sk_test_") + randomString(ALNUM, 24);
			case 14 -> "glpat-" + randomString(ALNUM + "-_", 20);
			default -> "npm_" + randomString(ALNUM, 36);
		};
	}

	private Item secret(int i) {
		String value = switch (i % 4) {
			case 0 -> randomString(ALNUM, 12 + this.random.nextInt(20)) + this.random.nextInt(10);
			case 1 -> randomString(ALNUM + "!#$%*-_.", 10 + this.random.nextInt(10)) + "9!";
			case 2 -> "wJalr" + randomString(ALNUM + "/+", 35);
			default -> pick("Summer", "Hunter", "Tr0ub4dor", "Winter", "Kiwi", "Soleil", "Sommer") + digits(2 + i % 3)
					+ pick("!", "#", "", "$");
		};
		String key = pick("password", "DB_PASSWORD", "db.password", "spring.datasource.password", "client_secret",
				"clientSecret", "webhookSecret", "STRIPE_SECRET_KEY", "api_key", "apiKey", "access_token",
				"refreshToken", "auth_token", "aws_secret_access_key", "SecretAccessKey", "passphrase", "pwd",
				"SLACK_SIGNING_SECRET", "GITHUB_TOKEN", "encryption_key", "signingKey", "privateKey", "adminPassword",
				"OPENAI_API_KEY", "x-api-key", "sessionToken", "app_secret", "master_key", "credentials.password");
		String flag = pick("password", "db-password", "client-secret", "token", "api-key", "secret");
		String shape = switch (i % 26) {
			case 0 -> key + "=" + value;
			case 1 -> "export " + key.replace('.', '_').toUpperCase() + "=\"" + value + "\"";
			case 2 -> key + ": " + value;
			case 3 -> key + " = " + value;
			case 4 -> "{\"" + key + "\":\"" + value + "\"}";
			case 5 -> "{\"config\":{\"env\":{\"" + key + "\":\"" + value + "\",\"REGION\":\"eu-west-1\"}}}";
			case 6 -> "{\n  \"" + key + "\": \"" + value + "\",\n  \"region\": \"eu-west-1\"\n}";
			case 7 -> "{\"arguments\":\"{\\\"" + key + "\\\":\\\"" + value + "\\\"}\"}";
			case 8 -> "<" + key.replace('.', '_') + ">" + value + "</" + key.replace('.', '_') + ">";
			case 9 -> "$ deploy --" + flag + " " + value + " --region eu-west-1";
			case 10 -> "$ deploy --" + flag + "=" + value;
			case 11 -> "$ mysql -h db.internal -u app -p" + value + " orders";
			case 12 -> "my password is " + value;
			case 13 -> "Mon mot de passe est " + value + ", merci de vérifier.";
			case 14 -> "Mein Passwort ist " + value + " - bitte prüfen.";
			case 15 -> "Mi contraseña es " + value + " y no funciona.";
			case 16 -> "A minha senha é " + value + ", obrigado.";
			case 17 -> "La mia password è " + value + ", grazie.";
			case 18 -> "Mijn wachtwoord is " + value + ".";
			case 19 -> "2024-05-17 10:22:01 DEBUG connecting with " + key + "=" + value + " timeout=30";
			case 20 -> "X-Api-Key: " + value;
			case 21 -> "  " + key + ": \"" + value + "\"\n  region: eu-west-1";
			case 22 -> "the password: " + value;
			case 23 -> "{\"Credentials\":{\"AccessKeyId\":\"ASIA" + randomString(UPPER, 16) + "\",\"SecretAccessKey\":\""
					+ value + "\"}}";
			case 24 -> "Kennwort: " + value;
			default -> "docker login -u ci -p " + value + " registry.example.com";
		};
		return new Item(shape, shape.startsWith("{"), "secret", value);
	}

	private Item urlPassword(int i) {
		String password = randomString(ALNUM, 8 + this.random.nextInt(12)) + this.random.nextInt(10)
				+ pick("", "!", "-x", "_");
		String user = (i % 5 == 0) ? "" : pick(FIRST);
		String url = pick("postgres", "postgresql", "mysql", "redis", "rediss", "amqp", "mongodb+srv", "https", "ftp",
				"smtp") + "://" + user + ":" + password + "@" + pick("db.internal", "10.0.0.5", "cache.example.com",
						"mq.local:5672") + pick("", "/orders", "/0", "?sslmode=require");
		String shape = pick("DATABASE_URL=%s", "{\"url\":\"%s\"}", "connecting to %s ...",
				"java.net.ConnectException: Connection refused: %s\n\tat org.postgresql.Driver.connect(Driver.java:285)",
				"  url: %s", "$ psql \"%s\"", "The connection string is %s, can you check it?",
				"<property name=\"url\" value=\"%s\"/>");
		return new Item(String.format(shape, url), shape.startsWith("{"), "url_password", password);
	}

	private Item bearer(int i) {
		String token = switch (i % 3) {
			case 0 -> randomString(ALNUM + "-_", 20 + this.random.nextInt(40)) + this.random.nextInt(10);
			case 1 -> "ya29." + randomString(ALNUM + "-_", 60);
			default -> randomString(ALNUM, 30) + this.random.nextInt(10) + "==";
		};
		String shape = pick("Authorization: Bearer %s", "$ curl -H \"Authorization: Bearer %s\" https://api.example.com/v1/orders",
				"{\"headers\":{\"Authorization\":\"Bearer %s\",\"Accept\":\"application/json\"}}",
				"DEBUG outgoing request headers={authorization=Bearer %s, accept=*/*}",
				"use this header: bearer %s", "Authorization: BEARER %s");
		return new Item(String.format(shape, token), shape.startsWith("{"), "bearer_token",
				token.endsWith("==") ? token.substring(0, token.length() - 2) : token);
	}

	private Item privateKey(int i) {
		String kind = pick("RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED ");
		String body = randomString(ALNUM + "+/", 64) + "\n" + randomString(ALNUM + "+/", 64) + "\n"
				+ randomString(ALNUM + "+/", 20) + "==";
		String key = "-----BEGIN " + kind + "PRIVATE KEY-----\n" + body + "\n-----END " + kind + "PRIVATE KEY-----";
		return switch (i % 4) {
			case 0 -> new Item("Here is the key:\n" + key + "\nplease rotate it.", false, "private_key", body);
			case 1 -> new Item("{\"private_key\":\"" + key.replace("\n", "\\n") + "\",\"client_email\":\"svc@example.iam.gserviceaccount.com\"}",
					true, "private_key", body.substring(0, 64));
			case 2 -> new Item("PRIVATE_KEY=\"" + key.replace("\n", "\\n") + "\"", false, "private_key",
					body.substring(0, 64));
			default -> new Item("tls:\n  key: |\n    " + key.replace("\n", "\n    "), false, "private_key",
					body.substring(0, 64));
		};
	}

	private Item ssn(int i) {
		int area = 1 + this.random.nextInt(665);
		String ssn = String.format("%03d-%02d-%04d", area, 1 + this.random.nextInt(99), 1 + this.random.nextInt(9999));
		return switch (i % 5) {
			case 0, 1 -> shaped(SHAPES[i % SHAPES.length], "ssn", ssn);
			case 2 -> shaped(SHAPES[(i + 3) % SHAPES.length], "ssn", ssn.replace('-', ' '));
			default -> shaped(pick("ssn=%s", "SSN: %s", "{\"ssn\":\"%s\"}", "social security number %s",
					"{\"applicant\":{\"ssn\":%s}}", "<SSN>%s</SSN>"), "ssn", ssn.replace("-", ""));
		};
	}

	// Near misses

	private String nearMiss(int i) {
		return switch (i % 48) {
			case 0 -> "Please upgrade to " + this.random.nextInt(10) + "." + this.random.nextInt(10) + "."
					+ this.random.nextInt(10) + "." + this.random.nextInt(10) + " before Friday.";
			case 1 -> "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
					+ (100 + this.random.nextInt(30)) + ".0.0.0 Safari/537.36";
			case 2 -> "iface eth0 netmask 255.255." + pick("255.0", "0.0", "255.128", "255.192", "240.0") + " mtu 1500";
			case 3 -> "evens = values[" + this.random.nextInt(3) + "::2]; rev = s[::-1]";
			case 4 -> "std::vector<int> v; std::sort(v.begin(), v.end()); auto x = ns::Foo::bar();";
			case 5 -> "{\"is_secret\":false,\"has_password\":true,\"name\":\"" + pick(FIRST) + "\"}";
			case 6 -> "{\"items\":[{\"id\":" + digits(5) + "}],\"nextPageToken\":\"" + randomString(ALNUM, 24) + "\"}";
			case 7 -> "api_key: {{ secrets.API_KEY }}\npassword: ${DB_PASSWORD}";
			case 8 -> "Replacement part no. " + digits(4) + "-" + digits(4) + "-" + digits(2) + " ships in 3 days.";
			case 9 -> "Order #" + digits(8) + " was shipped on " + date() + ".";
			case 10 -> "{\"token_count\":" + digits(4) + ",\"max_tokens\":" + digits(3) + ",\"token_type\":\"Bearer\"}";
			case 11 -> "TIMESTAMP=" + (1_700_000_000 + this.random.nextInt(99_999_999)) + " duration_ms=" + digits(4);
			case 12 -> "java.lang.NullPointerException: null\n\tat com.example.support.Router.route(Router.java:" + digits(3)
					+ ")\n\tat java.base/java.lang.Thread.run(Thread.java:1583)";
			case 13 -> "The password is incorrect, please try again.";
			case 14 -> "Le mot de passe est trop court (" + (8 + this.random.nextInt(6)) + " caractères minimum).";
			case 15 -> "Pin the dependency to " + this.random.nextInt(5) + "." + this.random.nextInt(20) + "."
					+ this.random.nextInt(10) + " in the pom.";
			case 16 -> "token limit exceeded: " + digits(4) + " tokens requested, " + digits(4) + " allowed";
			case 17 -> "password_min_length=" + (8 + this.random.nextInt(8)) + "\npassword_reset_required=true";
			case 18 -> "request_id=" + uuid() + " trace_id=" + randomString("0123456789abcdef", 32);
			case 19 -> "commit " + randomString("0123456789abcdef", 40) + "\nAuthor: CI Bot";
			case 20 -> "ISBN 978-" + this.random.nextInt(10) + "-" + digits(2) + "-" + digits(6) + "-" + this.random.nextInt(10);
			case 21 -> "Total: " + (1 + this.random.nextInt(9)) + " " + digits(3) + " " + digits(3) + ",00 EUR";
			case 22 -> "Tracking 1Z" + randomString(UPPER + "0123456789", 16) + " updated at " + time();
			case 23 -> "Foo::bar() and Vec::<u8>::new() both panic at src/main.rs:" + digits(2) + ":" + digits(2);
			case 24 -> "npm i @types/node@" + (14 + this.random.nextInt(8)) + "." + digits(2) + "." + this.random.nextInt(10)
					+ " && pip install requests==2." + digits(2) + ".0";
			case 25 -> "{\"password\":\"\",\"secret\":null,\"apiKey\":\"<your-api-key>\"}";
			case 26 -> "password: \"********\"\napi_key = os.environ[\"OPENAI_API_KEY\"]";
			case 27 -> "Set GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} in the workflow.";
			case 28 -> "Invoice INV-" + (2020 + this.random.nextInt(6)) + "-" + digits(6) + " of " + date() + ", amount "
					+ digits(3) + "." + digits(2);
			case 29 -> "Card ending in " + digits(4) + ", expires " + (1 + this.random.nextInt(12)) + "/" + (25 + this.random.nextInt(6));
			case 30 -> "Serial SN-" + digits(3) + "-" + digits(3) + "-" + digits(4) + "-" + pick("A", "B", "X");
			case 31 -> "Meeting at " + time() + " in room " + digits(3) + ", call extension " + digits(4) + ".";
			case 32 -> "docker pull nginx@sha256:" + randomString("0123456789abcdef", 64);
			case 33 -> "@media (max-width: 600px) { .card { padding: 4px; } } @Override public void run()";
			case 34 -> "Lat/long " + this.random.nextInt(90) + "." + digits(6) + ", " + this.random.nextInt(180) + "." + digits(6);
			case 35 -> "Build " + this.random.nextInt(30) + "." + this.random.nextInt(10) + "." + digits(4) + "."
					+ digits(3) + " (x64) released " + date();
			case 36 -> "Mac address " + mac() + " at " + time();
			case 37 -> "{\"secret_name\":\"prod/db\",\"rotation_enabled\":false,\"tokens\":" + digits(3) + "}";
			case 38 -> "Reset your password: go to Settings > Security.";
			case 39 -> "Check https://docs.example.com/v" + this.random.nextInt(5) + "/auth#tokens and RFC 6750.";
			case 40 -> "The ssn field is required; enter it without dashes.";
			case 41 -> "Employee id " + digits(9) + " has " + digits(2) + " open tickets.";
			case 42 -> "git@github.com:example/support-router.git and ssh://git@gitlab.example.com:2222/a/b.git";
			case 43 -> "Python " + this.random.nextInt(4) + "." + digits(2) + "." + this.random.nextInt(10)
					+ " on linux, OpenSSL 3.0." + this.random.nextInt(15);
			case 44 -> "Windows NT " + pick("10.0", "6.1") + "; build " + digits(5) + "." + digits(4);
			case 45 -> "Range 1-" + digits(3) + " of " + digits(5) + "; page " + digits(2) + "/" + digits(3);
			case 46 -> "Account number ends with " + digits(4) + "; ref " + randomString(UPPER, 3) + "-" + digits(6);
			default -> "Temperature " + this.random.nextInt(40) + "." + this.random.nextInt(10) + " C at " + date() + " "
					+ time() + " (sensor 10" + this.random.nextInt(10) + ")";
		};
	}

	private String uuid() {
		String hex = randomString("0123456789abcdef", 32);
		return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
				+ "-" + hex.substring(20);
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

	private String time() {
		return String.format("%02d:%02d:%02d", this.random.nextInt(24), this.random.nextInt(60), this.random.nextInt(60));
	}

	// Helpers

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
