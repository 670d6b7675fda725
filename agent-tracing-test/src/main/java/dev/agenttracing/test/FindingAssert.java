package dev.agenttracing.test;

import java.util.List;

import org.assertj.core.api.AbstractAssert;

import dev.agenttracing.semconv.AgentAttributes;

/**
 * Assertions on the findings of one kind in a run: where they are and what they say. Each
 * assertion narrows to the findings that pass it, so
 * {@code hasFinding("empty_tool_result").onStep("execute_tool lookupPricing").withMessageContaining("lookupPricing")}
 * asks for one finding that meets all three. A failure lists every finding of the run and
 * prints the run as a tree.
 *
 * @see AgentRunAssert#hasFinding(String)
 */
public final class FindingAssert extends AbstractAssert<FindingAssert, AgentRunTrace> {

	private final String kind;

	/** Findings of the kind that passed the assertions so far. */
	private final List<RunFinding> candidates;

	/** What the assertions so far asked, for the failure messages: " on step 'x'". */
	private final String asked;

	FindingAssert(AgentRunTrace run, String kind, List<RunFinding> candidates, String asked) {
		super(run, FindingAssert.class);
		this.kind = kind;
		this.candidates = candidates;
		this.asked = asked;
	}

	/**
	 * The finding is on this step: its {@code agent.finding} event is on a span of this
	 * name ({@code "execute_tool lookupPricing"}, {@code "chat gpt-4o"}) or of this
	 * operation ({@code "chat"}); the run's own span is named as a step too.
	 * @param step a span name or an operation name
	 * @return assertions on the findings of the kind on that step
	 */
	public FindingAssert onStep(String step) {
		List<RunFinding> onStep = this.candidates.stream()
			.filter((finding) -> !finding.listedOnly())
			.filter((finding) -> step.equals(finding.span().getName())
					|| step.equals(AgentRunTrace.operationOf(finding.span())))
			.toList();
		if (onStep.isEmpty()) {
			fail("Expected the %s finding of %s%s to be on step '%s' but %s", this.kind, runName(), this.asked, step,
					where());
		}
		return new FindingAssert(this.actual, this.kind, onStep, this.asked + " on step '" + step + "'");
	}

	/**
	 * The finding's message ({@code agent.finding.message}) contains this text.
	 * @param text the text
	 * @return assertions on the findings of the kind whose message contains it
	 */
	public FindingAssert withMessageContaining(String text) {
		List<RunFinding> matching = this.candidates.stream()
			.filter((finding) -> finding.message() != null && finding.message().contains(text))
			.toList();
		if (matching.isEmpty()) {
			fail("Expected the message of the %s finding of %s%s to contain%n  %s%nbut %s", this.kind, runName(),
					this.asked, text, messages());
		}
		return new FindingAssert(this.actual, this.kind, matching,
				this.asked + " with a message containing '" + text + "'");
	}

	/**
	 * The finding's event carries this attribute, typed as in
	 * {@link AbstractTraceSpanAssert#hasAttribute(String, Object)}: what the detector
	 * measured, such as {@code withAttribute("agent.finding.repeats", 3)}.
	 * @param key the event attribute's key
	 * @param expected its value
	 * @return assertions on the findings of the kind that carry it
	 */
	public FindingAssert withAttribute(String key, Object expected) {
		List<RunFinding> matching = this.candidates.stream()
			.filter((finding) -> AttributeValues.matches(AttributeValues.get(finding.attributes(), key), expected))
			.toList();
		if (matching.isEmpty()) {
			List<String> actual = this.candidates.stream()
				.map((finding) -> AttributeValues.describe(AttributeValues.get(finding.attributes(), key)))
				.toList();
			fail("Expected the %s finding of %s%s to have %s = %s but it has %s", this.kind, runName(), this.asked, key,
					AttributeValues.describe(expected), actual);
		}
		return new FindingAssert(this.actual, this.kind, matching,
				this.asked + " with " + key + " = " + AttributeValues.describe(expected));
	}

	private String where() {
		List<RunFinding> withEvent = this.candidates.stream().filter((finding) -> !finding.listedOnly()).toList();
		if (withEvent.isEmpty()) {
			return "no span of the run carries an " + AgentAttributes.FINDING_EVENT + " event of that kind (the run's "
					+ AgentAttributes.FINDINGS.getKey() + " lists it)";
		}
		return "it is on " + withEvent.stream().map((finding) -> "'" + finding.span().getName() + "'").distinct().toList()
				+ "; the findings of the run are:" + RunFinding.describe(RunFinding.of(this.actual));
	}

	private String messages() {
		return "the messages are:" + RunFinding.describe(this.candidates);
	}

	private String runName() {
		return "run " + AbstractTraceSpanAssert.runName(this.actual);
	}

	private void fail(String message, Object... arguments) {
		failWithMessage("%s", String.format(message, arguments) + "\n\nin run "
				+ AbstractTraceSpanAssert.runName(this.actual) + ":\n" + this.actual.tree());
	}

}
