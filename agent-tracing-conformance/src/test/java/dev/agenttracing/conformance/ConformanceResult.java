package dev.agenttracing.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What checking spans against the rules found: for each span, each rule that applied and
 * its violations.
 *
 * @param rules every rule of the suite
 * @param spans the spans checked, in arrival order
 */
record ConformanceResult(List<ConformanceRule> rules, List<SpanResult> spans) {

	/**
	 * Every violation, one line each, naming the span and the rule.
	 * @return the violations
	 */
	List<String> violations() {
		List<String> violations = new ArrayList<>();
		for (SpanResult result : this.spans) {
			result.outcomes()
				.forEach((rule, found) -> found
					.forEach((violation) -> violations.add(result.span() + ": [" + rule.id() + "] " + violation)));
		}
		return violations;
	}

	/**
	 * How many spans a rule was checked on.
	 * @param rule the rule
	 * @return the number of spans it applied to
	 */
	long checked(ConformanceRule rule) {
		return this.spans.stream().filter((span) -> span.outcomes().containsKey(rule)).count();
	}

	/**
	 * How many spans broke a rule.
	 * @param rule the rule
	 * @return the number of spans with violations of it
	 */
	long failed(ConformanceRule rule) {
		return this.spans.stream()
			.filter((span) -> !span.outcomes().getOrDefault(rule, List.of()).isEmpty())
			.count();
	}

	/**
	 * The span types seen among the spans checked.
	 * @return the families, with repeats
	 */
	List<SpanFamily> families() {
		return this.spans.stream().map(SpanResult::family).toList();
	}

	/**
	 * One span and the rules that applied to it.
	 *
	 * @param span the span as received
	 * @param family its span type
	 * @param outcomes each rule that applied, with its violations (empty when it passed)
	 */
	record SpanResult(WireSpan span, SpanFamily family, Map<ConformanceRule, List<String>> outcomes) {

		boolean conforms() {
			return this.outcomes.values().stream().allMatch(List::isEmpty);
		}

	}

}
