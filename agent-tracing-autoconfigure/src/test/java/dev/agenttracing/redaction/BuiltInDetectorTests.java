package dev.agenttracing.redaction;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Each built-in detector on the formats it must find and on the look-alikes it must leave.
 */
class BuiltInDetectorTests {

	private final Redactor redactor = DefaultRedactor.create(RedactionConfig.defaults());

	@Test
	void emailAddressesAreReplacedByTheirName() {
		assertThat(redact("Mail john.doe+shop@Mail.Example.CO.UK or o'brien@example.ie today."))
			.isEqualTo("Mail [REDACTED:email] or [REDACTED:email] today.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "@support on Twitter", "support at example dot com", "john@localhost",
			"npm i left-pad@1.3.0", "user@ and @host" })
	void emailLookAlikesAreKept(String text) {
		assertNothingRedacted(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "+44 20 7946 0958", "(555) 123-4567", "+1-202-555-0143", "555-123-4567", "555.123.4567",
			"+33 1 23 45 67 89", "+49 30 1234567", "0044 20 7946 0958", "+44 (0)20 7946 0958", "020 7946 0958",
			"1 (800) 555-0199", "+919876543210", "555 123 4567" })
	void phoneNumbersInInternationalAndNationalFormatsAreFound(String phone) {
		assertRedacted("Call me on " + phone + " after 5pm.", "phone", phone);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Order 12345678 ships 2024-03-15.", "Price is $1,299.99 (ref 2024.03.15).",
			"Meeting 10:30-11:45, room 101.", "ISBN 978-3-16-148410-0", "Score +5 and +12%",
			"Tracking 9400 1000 0000 0000 0000 00", "Version 5.12.3-1, build 20240315" })
	void phoneLookAlikesAreKept(String text) {
		assertNothingRedacted(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5555 5555 5555 4444",
			"3782 822463 10005", "6011 1111 1111 1117", "3056 9309 0259 04", "2221 0000 0000 0009" })
	void cardNumbersPassingLuhnAreFound(String card) {
		assertRedacted("Charge card " + card + " again please.", "credit_card", card);
	}

	@Test
	void cardNumberFollowedByExpiryKeepsTheExpiry() {
		assertThat(redact("Card 4111 1111 1111 1111 12/25 was declined"))
			.isEqualTo("Card [REDACTED:credit_card] 12/25 was declined");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Tracking 4111 1111 1111 1112 is lost", "Order 1234 5678 9012 3456 (fails the prefix)",
			"Parcel 9400 1000 0000 0000 0000 00 stuck", "Invoice 0000000000000000", "Card ending in 1111" })
	void cardLookAlikesAreKept(String text) {
		assertNothingRedacted(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", "DE89 3704 0044 0532 0130 00",
			"de89370400440532013000", "FR14 2004 1010 0505 0001 3M02 606", "NL91 ABNA 0417 1643 00" })
	void ibansPassingMod97AreFound(String iban) {
		assertRedacted("Please wire it to " + iban + " please.", "iban", iban);
	}

	@ParameterizedTest
	@ValueSource(strings = { "IBAN GB83 WEST 1234 5698 7654 32 fails the checksum",
			"DE89 3704 0044 0532 0130 0 is too short", "Ticket XX82 WEST 1234 5698 7654 32 has no country" })
	void ibanLookAlikesAreKept(String text) {
		assertNothingRedacted(text);
	}

	@Test
	void socialSecurityNumbersAreFoundDashedSpacedOrAfterTheirName() {
		assertThat(redact("SSN 123-45-6789, 123 45 6789, ssn: 123456789, social security number is 078051120"))
			.isEqualTo("SSN [REDACTED:ssn], [REDACTED:ssn], ssn: [REDACTED:ssn], social security number is"
					+ " [REDACTED:ssn]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000",
			"customer 123456789" })
	void invalidSocialSecurityNumbersAreKept(String text) {
		assertNothingRedacted(text);
	}

	@Test
	void ipAddressesAreFoundButNotVersionNumbers() {
		assertThat(redact("From 192.168.1.10:8080 and [2001:db8::8a2e:370:7334]:443, mapped ::ffff:10.0.0.1;"
				+ " fe80::1ff:fe23:4567:890a. Version 10.2.0.1, build 4.18.2.1."))
			.isEqualTo("From [REDACTED:ipv4]:8080 and [[REDACTED:ipv6]]:443, mapped [REDACTED:ipv6];"
					+ " [REDACTED:ipv6]. Version 10.2.0.1, build 4.18.2.1.");
		// The loopback says what runs on the host; a netmask is not an address.
		assertThat(redact("listening on ::1 port 8080, netmask 255.255.255.0"))
			.isEqualTo("listening on [REDACTED:ipv6] port 8080, netmask 255.255.255.0");
	}

	@ParameterizedTest
	@ValueSource(strings = { "at 12:30:45 UTC", "MAC 00:1a:2b:3c:4d:5e", "std::vector<int>", "ratio 16:9",
			"256.1.1.1 is not an address", "version 1.2.3", "1.2.3.4.5 is a long version",
			"evens = values[1::2]; rev = s[::-1]", "Foo::bar() and a::b", "upgrade to 7.5.7.7", "Chrome/114.0.0.0 Safari/537.36",
			"netmask 255.255.255.0" })
	void ipLookAlikesAreKept(String text) {
		assertNothingRedacted(text);
	}

	@Test
	void jwtsAreFoundWholeEvenAsTheValueOfAKey() {
		String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
		assertThat(redact("id_token=" + jwt + " expired")).isEqualTo("id_token=[REDACTED:jwt] expired");
	}

	@Test
	void bearerTokensKeepTheWordBearer() {
		assertThat(redact("Authorization: Bearer abc123.DEF-456_ghi~789 failed"))
			.isEqualTo("Authorization: Bearer [REDACTED:bearer_token] failed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Is bearer authentication supported?", "the bearer of bad news",
			"Bearer tokens expire" })
	void bearerLookAlikesAreKept(String text) {
		assertNothingRedacted(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL",
			"sk-proj-Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7j", "sk-ant-api03-Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f",
			"AKIAIOSFODNN7EXAMPLE", "ASIA2B3C4D5E6F7G8H9J", "ghp_1234567890abcdefghijklmnopqrstuvwxyz",
			"gho_1234567890abcdefghijklmnopqrstuvwxyz", "ghs_1234567890abcdefghijklmnopqrstuvwxyz",
			"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789",
			"AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
			"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "rk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_4eC39HqLyjWDarjtT1zdp7dc" })
	void apiKeysOfCommonProvidersAreFound(String key) {
		assertRedacted("My key " + key + " stopped working.", "api_key", key);
	}

	@ParameterizedTest
	@ValueSource(strings = { "pip install scikit-learn and sk-learn", "risk-assessment-framework-version-two",
			"AKIA is a prefix", "task-ghp_short", "xoxo hugs" })
	void apiKeyLookAlikesAreKept(String text) {
		assertNothingRedacted(text);
	}

	@Test
	void privateKeyBlocksAreFoundWithOrWithoutTheirEnd() {
		assertThat(redact("Key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc+/==\n-----END RSA PRIVATE"
				+ " KEY-----\nthanks"))
			.isEqualTo("Key:\n[REDACTED:private_key]\nthanks");
		assertThat(redact("Pasted: -----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEA\\nAAAABG5vbmU"))
			.isEqualTo("Pasted: [REDACTED:private_key]");
	}

	@Test
	void urlPasswordsAreReplacedAndTheRestOfTheUrlKept() {
		assertThat(redact("Use postgres://admin:S3cr3t!x@db.internal:5432/app or https://u:p4ss@h.example.com/x"))
			.isEqualTo("Use postgres://admin:[REDACTED:url_password]@db.internal:5432/app or"
					+ " https://u:[REDACTED:url_password]@h.example.com/x");
	}

	@Test
	void secretValuesOfSecretishKeysAreReplaced() {
		assertThat(redact("password=hunter2 DB_PASSWORD: Tr0ub4dor&3 {\"client_secret\": \"a b c\"}"
				+ " SECRET_KEY = 'xyz123' apiKey=abc my password is Summer2024! ok"))
			.isEqualTo("password=[REDACTED:secret] DB_PASSWORD: [REDACTED:secret] {\"client_secret\":"
					+ " \"[REDACTED:secret]\"} SECRET_KEY = '[REDACTED:secret]' apiKey=[REDACTED:secret]"
					+ " my password is [REDACTED:secret] ok");
	}

	@ParameterizedTest
	@ValueSource(strings = { "The password is incorrect.", "Reset your password: go to Settings.",
			"max_tokens=1024 and tokens: 300", "token_count=12", "My token expired.", "Password: forgotten",
			"The pin on the map" })
	void secretLookAlikesAreKept(String text) {
		assertNothingRedacted(text);
	}

	@Test
	void everyDetectorCanBeSwitchedOffByName() {
		for (BuiltInDetector detector : BuiltInDetector.values()) {
			assertThat(BuiltInDetector.forName(detector.detectorName().toUpperCase().replace('_', '-')))
				.isEqualTo(detector);
		}
		Redactor withoutPhones = DefaultRedactor.create(RedactionConfig.builder().detector("phone", false).build());
		RedactionResult result = withoutPhones.redactText("Call +44 20 7946 0958 or mail a@example.com");
		assertThat(result.value()).isEqualTo("Call +44 20 7946 0958 or mail [REDACTED:email]");
		assertThat(result.counts()).isEqualTo(Map.of("email", 1));
		assertThatIllegalArgumentException().isThrownBy(() -> BuiltInDetector.forName("passport"))
			.withMessageContaining("email, iban");
	}

	private String redact(String text) {
		return this.redactor.redactText(text).value();
	}

	private void assertRedacted(String text, String detector, String value) {
		RedactionResult result = this.redactor.redactText(text);
		assertThat(result.value()).doesNotContain(value).contains("[REDACTED:" + detector + "]");
		assertThat(result.counts()).containsEntry(detector, 1);
	}

	private void assertNothingRedacted(String text) {
		RedactionResult result = this.redactor.redactText(text);
		assertThat(result.value()).isEqualTo(text);
		assertThat(result.counts()).isEmpty();
	}

}
