package dev.agenttracing.redaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.re2j.Pattern;
import dev.agenttracing.text.ContentTruncator;
import dev.agenttracing.text.WellFormedText;
import org.jspecify.annotations.Nullable;

/**
 * The redactor configured from a {@link RedactionConfig}: the built-in detectors that are
 * on, the custom patterns, the field-name rules for JSON, the allow-list, and masking or
 * keyed hashing.
 * <p>
 * Every pattern is an RE2 pattern, so redaction takes time linear in the input even for a
 * user's pattern written with nested quantifiers. Custom patterns run over the whole text;
 * the built-in detectors are hand-written matchers, each linear in the text, that look only
 * where one pass over the text ({@link TextScan}) found something that can start a value.
 * Content longer than
 * {@link RedactionConfig#maxInputChars()} is truncated before it is redacted (text at a
 * space near the limit, so that a value is rarely cut in two; JSON keeping it valid). The
 * output is well-formed text (see {@link WellFormedText}). No exception escapes: if
 * redaction fails, the whole content is replaced by {@code [REDACTED:unredactable]}.
 */
public final class DefaultRedactor implements Redactor {

	/** The name of the redaction that replaces content that could not be redacted. */
	public static final String UNREDACTABLE = "unredactable";

	/** How far back from the input limit a space is looked for to cut at. */
	private static final int CUT_LOOKBACK = 256;

	private final List<Detector> detectors;

	private final List<String> names;

	/** The index of the first built-in detector: those after it need the scan's triggers. */
	private final int firstBuiltIn;

	private final AllowList allowList;

	private final Replacements replacements;

	private final JsonRedaction jsonRedaction;

	private final ContentTruncator inputTruncator;

	private DefaultRedactor(RedactionConfig config) {
		List<Detector> detectors = new ArrayList<>();
		config.customPatterns().forEach((name, regex) -> detectors.add(customDetector(name, regex)));
		this.firstBuiltIn = detectors.size();
		for (BuiltInDetector detector : BuiltInDetector.values()) {
			if (config.detectors().contains(detector)) {
				detectors.add(BuiltInDetectors.create(detector, config));
			}
		}
		this.detectors = List.copyOf(detectors);
		this.names = detectors.stream().map(Detector::name).toList();
		this.allowList = new AllowList(config.allowedValues(), config.allowedPatterns());
		this.replacements = (config.mode() == RedactionMode.HASH) ? Replacements.hash(config.hashKey())
				: Replacements.mask();
		this.jsonRedaction = new JsonRedaction(new FieldNameRules(config.fieldNames()),
				config.detectors().contains(BuiltInDetector.SECRET), this.allowList, this.replacements,
				(field, text, counts) -> redact(text, field, counts));
		this.inputTruncator = ContentTruncator.create(config.maxInputChars());
	}

	/**
	 * A redactor.
	 * @param config what to redact and how
	 * @return the redactor
	 */
	public static DefaultRedactor create(RedactionConfig config) {
		return new DefaultRedactor(config);
	}

	@Override
	public RedactionResult redactText(@Nullable String text) {
		if (text == null) {
			return RedactionResult.unchanged("");
		}
		try {
			String input = text;
			boolean cut = false;
			if (input.length() > this.inputTruncator.maxChars()) {
				input = input.substring(0, cutIndex(input, this.inputTruncator.maxChars()));
				cut = true;
			}
			Map<String, Integer> counts = new TreeMap<>();
			String redacted = redact(input, (String) null, counts);
			return RedactionResult.of(cut ? redacted + ContentTruncator.TEXT_MARKER : redacted, counts);
		}
		catch (RuntimeException | StackOverflowError ex) {
			return unredactable();
		}
	}

	@Override
	public RedactionResult redactJson(@Nullable String json) {
		if (json == null) {
			return RedactionResult.unchanged("null");
		}
		try {
			String input = (json.length() > this.inputTruncator.maxChars())
					? this.inputTruncator.truncateJson(json).value() : json;
			Map<String, Integer> counts = new TreeMap<>();
			String redacted;
			try {
				redacted = this.jsonRedaction.redact(input, counts);
			}
			catch (RuntimeException notJson) {
				return redactText(input);
			}
			return RedactionResult.of(redacted, counts);
		}
		catch (RuntimeException | StackOverflowError ex) {
			return unredactable();
		}
	}

	/**
	 * Redact text, made well-formed first, counting what was redacted.
	 * @param field the name of the JSON field the text is the value of, or {@code null}
	 */
	private String redact(@Nullable String text, @Nullable String field, Map<String, Integer> counts) {
		if (text == null || text.isEmpty()) {
			return (text != null) ? text : "";
		}
		TextScan scan = new TextScan(text, field);
		if (!scan.wellFormed()) {
			String wellFormed = WellFormedText.of(text);
			return redact(wellFormed, new TextScan(wellFormed, field), counts);
		}
		return redact(text, scan, counts);
	}

	private String redact(String text, TextScan scan, Map<String, Integer> counts) {
		int detectors = scan.hasTriggers() ? this.detectors.size() : this.firstBuiltIn;
		if (detectors == 0) {
			return text;
		}
		Findings findings = new Findings(text, this.allowList);
		for (int i = 0; i < detectors; i++) {
			findings.priority(i);
			this.detectors.get(i).detect(text, scan, findings);
		}
		return findings.replace(this.names, this.replacements, counts);
	}

	private static RedactionResult unredactable() {
		return RedactionResult.of("[REDACTED:" + UNREDACTABLE + "]", Collections.singletonMap(UNREDACTABLE, 1));
	}

	/** Cut at whitespace shortly before the limit, so that a value is rarely cut in two. */
	private static int cutIndex(String text, int limit) {
		int cut = WellFormedText.cutIndex(text, limit);
		for (int i = cut - 1; i >= Math.max(0, cut - CUT_LOOKBACK); i--) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return cut;
	}

	private static Detector customDetector(String name, String regex) {
		Pattern pattern = Pattern.compile(regex);
		Integer valueGroup = pattern.namedGroups().get("value");
		int[] groups = (valueGroup != null) ? new int[] { valueGroup } : new int[0];
		return new PatternDetector(name, pattern, groups, PatternDetector.ANY);
	}

}
