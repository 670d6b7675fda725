package dev.agenttracing.conformance;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One requirement of the GenAI conventions (or one claim of this project), checked on a
 * span as it was received.
 *
 * @param id a short stable id, used in the report and in {@code docs/conformance.md}
 * @param requirement what is required, in a sentence
 * @param source where it is required: the conventions' file and section, or "project"
 * with the document that claims it
 * @param scope which spans it applies to, in words
 * @param appliesTo which spans it applies to
 * @param check the violations on one span, empty when it conforms
 */
record ConformanceRule(String id, String requirement, String source, String scope, Predicate<WireSpan> appliesTo,
		Function<WireSpan, List<String>> check) {

	boolean appliesTo(WireSpan span) {
		return this.appliesTo.test(span);
	}

	List<String> violations(WireSpan span) {
		return this.check.apply(span);
	}

}
