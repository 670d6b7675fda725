package dev.agenttracing.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link DefaultRedactor} redacts and how. Immutable; made with
 * {@link #builder()}, which checks everything (pattern syntax, names, the hash key) so that
 * a mistake fails at startup rather than on the first captured message.
 */
public final class RedactionConfig {

	/**
	 * The default field names whose values are masked whole in JSON content. Names are
	 * compared lower-cased with {@code _ - .} and spaces removed, and a field matches when
	 * its name ends with one of these ({@code newPassword}, {@code db_password} and
	 * {@code X-Api-Key} all match).
	 */
	public static final List<String> DEFAULT_FIELD_NAMES = List.of("password", "passwd", "pwd", "passphrase",
			"secret", "token", "api_key", "access_key", "private_key", "authorization", "cookie", "ssn",
			"social_security_number", "iban", "card_number", "credit_card", "cvv", "cvc", "pin");

	/** The default of {@link Builder#maxInputChars(int)}. */
	public static final int DEFAULT_MAX_INPUT_CHARS = 262_144;

	/** The shortest hash key accepted. */
	public static final int MIN_HASH_KEY_LENGTH = 16;

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.\\-]{0,63}");

	private final Set<BuiltInDetector> detectors;

	private final Map<String, String> customPatterns;

	private final List<String> fieldNames;

	private final Set<String> allowedValues;

	private final List<String> allowedPatterns;

	private final RedactionMode mode;

	private final @Nullable String hashKey;

	private final int maxInputChars;

	private final boolean ungroupedPhoneNumbers;

	private RedactionConfig(Builder builder) {
		this.detectors = Collections.unmodifiableSet(EnumSet.copyOf(builder.detectors));
		this.customPatterns = Collections.unmodifiableMap(new LinkedHashMap<>(builder.customPatterns));
		this.fieldNames = List.copyOf(builder.fieldNames);
		this.allowedValues = Collections.unmodifiableSet(new LinkedHashSet<>(builder.allowedValues));
		this.allowedPatterns = List.copyOf(builder.allowedPatterns);
		this.mode = builder.mode;
		this.hashKey = builder.hashKey;
		this.maxInputChars = builder.maxInputChars;
		this.ungroupedPhoneNumbers = builder.ungroupedPhoneNumbers;
	}

	/**
	 * The defaults: every built-in detector, {@link #DEFAULT_FIELD_NAMES}, masking.
	 * @return the default configuration
	 */
	public static RedactionConfig defaults() {
		return builder().build();
	}

	/**
	 * A builder starting from the defaults.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The built-in detectors that run.
	 * @return the detectors, unmodifiable
	 */
	public Set<BuiltInDetector> detectors() {
		return this.detectors;
	}

	/**
	 * Patterns (RE2 syntax) by the name used in their replacement, in order.
	 * @return the patterns, unmodifiable
	 */
	public Map<String, String> customPatterns() {
		return this.customPatterns;
	}

	/**
	 * Field names whose values are masked whole in JSON content, lower-cased.
	 * @return the names
	 */
	public List<String> fieldNames() {
		return this.fieldNames;
	}

	/**
	 * Values that are never redacted.
	 * @return the values, unmodifiable
	 */
	public Set<String> allowedValues() {
		return this.allowedValues;
	}

	/**
	 * Patterns (RE2 syntax) of values that are never redacted; a value is kept when a
	 * pattern matches it whole.
	 * @return the patterns
	 */
	public List<String> allowedPatterns() {
		return this.allowedPatterns;
	}

	/**
	 * What redacted values are replaced with.
	 * @return the mode
	 */
	public RedactionMode mode() {
		return this.mode;
	}

	/**
	 * The key of {@link RedactionMode#HASH}.
	 * @return the key, {@code null} unless hashing
	 */
	public @Nullable String hashKey() {
		return this.hashKey;
	}

	/**
	 * The most characters redacted in one call; longer content is truncated first.
	 * @return the limit
	 */
	public int maxInputChars() {
		return this.maxInputChars;
	}

	/**
	 * Whether an ungrouped run of 10 or 11 digits is a phone number without a phone word or
	 * key before it (see {@link Builder#ungroupedPhoneNumbers(boolean)}).
	 * @return whether it is
	 */
	public boolean ungroupedPhoneNumbers() {
		return this.ungroupedPhoneNumbers;
	}

	@Override
	public String toString() {
		return "RedactionConfig[detectors=" + this.detectors + ", customPatterns=" + this.customPatterns.keySet()
				+ ", fieldNames=" + this.fieldNames + ", allowedValues=" + this.allowedValues.size()
				+ ", allowedPatterns=" + this.allowedPatterns.size() + ", mode=" + this.mode + ", maxInputChars="
				+ this.maxInputChars + ", ungroupedPhoneNumbers=" + this.ungroupedPhoneNumbers + "]";
	}

	/**
	 * Builds a {@link RedactionConfig}.
	 */
	public static final class Builder {

		private final Set<BuiltInDetector> detectors = EnumSet.allOf(BuiltInDetector.class);

		private final Map<String, String> customPatterns = new LinkedHashMap<>();

		private final List<String> fieldNames = new ArrayList<>(DEFAULT_FIELD_NAMES);

		private final Set<String> allowedValues = new LinkedHashSet<>();

		private final List<String> allowedPatterns = new ArrayList<>();

		private RedactionMode mode = RedactionMode.MASK;

		private @Nullable String hashKey;

		private int maxInputChars = DEFAULT_MAX_INPUT_CHARS;

		private boolean ungroupedPhoneNumbers;

		private Builder() {
		}

		/**
		 * Switch a built-in detector on or off by name.
		 * @param name the name of a {@link BuiltInDetector}
		 * @param enabled whether it runs
		 * @return this
		 * @throws IllegalArgumentException when no detector has that name
		 */
		public Builder detector(String name, boolean enabled) {
			return enabled ? enable(BuiltInDetector.forName(name)) : disable(BuiltInDetector.forName(name));
		}

		/**
		 * Switch built-in detectors on (all are on by default).
		 * @param detectors the detectors
		 * @return this
		 */
		public Builder enable(BuiltInDetector... detectors) {
			this.detectors.addAll(List.of(detectors));
			return this;
		}

		/**
		 * Switch built-in detectors off.
		 * @param detectors the detectors
		 * @return this
		 */
		public Builder disable(BuiltInDetector... detectors) {
			List.of(detectors).forEach(this.detectors::remove);
			return this;
		}

		/**
		 * Add a pattern of your own. Only the part matched by a group named {@code value}
		 * ({@code (?P<value>...)}) is redacted when the pattern has one, else the whole
		 * match. Patterns use RE2 syntax (no backreferences, no lookaround), which runs in
		 * time linear in the input whatever the pattern.
		 * @param name the name shown in the replacement and counts: lower-case letters,
		 * digits, {@code _ . -}, at most 64, not a built-in detector's name
		 * @param regex the pattern
		 * @return this
		 * @throws IllegalArgumentException when the name or the pattern is not valid
		 */
		public Builder customPattern(String name, String regex) {
			String normalized = name.trim().toLowerCase(Locale.ROOT);
			if (!NAME.matches(normalized)) {
				throw new IllegalArgumentException("Custom pattern name '" + name
						+ "' must be lower-case letters, digits, '_', '.' or '-', at most 64");
			}
			for (BuiltInDetector detector : BuiltInDetector.values()) {
				if (detector.detectorName().equals(normalized)) {
					throw new IllegalArgumentException(
							"Custom pattern name '" + name + "' is the name of a built-in detector");
				}
			}
			this.customPatterns.put(normalized, checkSyntax("custom pattern '" + normalized + "'", regex));
			return this;
		}

		/**
		 * Set the field names whose values are masked whole in JSON content, replacing
		 * the defaults.
		 * @param names the names (see {@link #DEFAULT_FIELD_NAMES} for how they match)
		 * @return this
		 */
		public Builder fieldNames(Collection<String> names) {
			this.fieldNames.clear();
			names.forEach(this::addFieldName);
			return this;
		}

		/**
		 * Add a field name whose values are masked whole in JSON content.
		 * @param name the name
		 * @return this
		 */
		public Builder addFieldName(String name) {
			String normalized = name.trim().toLowerCase(Locale.ROOT);
			if (!normalized.isEmpty() && !this.fieldNames.contains(normalized)) {
				this.fieldNames.add(normalized);
			}
			return this;
		}

		/**
		 * Never redact this exact value (a support address, a documentation IP).
		 * @param value the value
		 * @return this
		 */
		public Builder allowValue(String value) {
			this.allowedValues.add(value);
			return this;
		}

		/**
		 * Never redact values matched whole by this pattern (RE2 syntax).
		 * @param regex the pattern
		 * @return this
		 * @throws IllegalArgumentException when the pattern is not valid
		 */
		public Builder allowPattern(String regex) {
			this.allowedPatterns.add(checkSyntax("allowed pattern", regex));
			return this;
		}

		/**
		 * Choose what redacted values are replaced with.
		 * @param mode the mode
		 * @return this
		 */
		public Builder mode(RedactionMode mode) {
			this.mode = mode;
			return this;
		}

		/**
		 * Set the key of {@link RedactionMode#HASH}. Keep it secret and stable: tokens
		 * only match across spans (and restarts) made with the same key.
		 * @param key the key, at least {@value RedactionConfig#MIN_HASH_KEY_LENGTH} characters
		 * @return this
		 */
		public Builder hashKey(@Nullable String key) {
			this.hashKey = key;
			return this;
		}

		/**
		 * Set how many characters are redacted in one call at most. Longer content is
		 * truncated to this length first (JSON staying valid), which bounds the time
		 * redaction takes.
		 * @param maxInputChars the limit, at least 1,024
		 * @return this
		 */
		public Builder maxInputChars(int maxInputChars) {
			if (maxInputChars < 1024) {
				throw new IllegalArgumentException("maxInputChars must be at least 1024, was " + maxInputChars);
			}
			this.maxInputChars = maxInputChars;
			return this;
		}

		/**
		 * Set whether an ungrouped run of 10 or 11 digits ({@code 4155550134}) is a phone
		 * number wherever it is. Off by default: such a run is as often an order number, an
		 * account id or a Unix timestamp, so it counts as a phone number only after a phone
		 * word ("call", "phone", "tel", "mobile", "Handy", "téléphone"...) or as the value of
		 * a JSON field so named. Grouped and international numbers are found either way.
		 * @param ungroupedPhoneNumbers whether every such run is a phone number
		 * @return this
		 */
		public Builder ungroupedPhoneNumbers(boolean ungroupedPhoneNumbers) {
			this.ungroupedPhoneNumbers = ungroupedPhoneNumbers;
			return this;
		}

		/**
		 * Build the configuration.
		 * @return the configuration
		 * @throws IllegalStateException when hashing without a key of at least
		 * {@value RedactionConfig#MIN_HASH_KEY_LENGTH} characters
		 */
		public RedactionConfig build() {
			if (this.mode == RedactionMode.HASH
					&& (this.hashKey == null || this.hashKey.length() < MIN_HASH_KEY_LENGTH)) {
				throw new IllegalStateException(
						"Redaction mode HASH needs a hash key of at least " + MIN_HASH_KEY_LENGTH + " characters");
			}
			return new RedactionConfig(this);
		}

		private static String checkSyntax(String what, String regex) {
			try {
				Pattern.compile(regex);
				return regex;
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("The " + what + " is not valid RE2 syntax (RE2 has no"
						+ " backreferences or lookaround): " + ex.getMessage(), ex);
			}
		}

	}

}
