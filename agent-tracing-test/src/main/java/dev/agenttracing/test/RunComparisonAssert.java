package dev.agenttracing.test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.test.RunComparison.Aspect;
import dev.agenttracing.test.RunComparison.Difference;

/**
 * Assertions on how a run compares with another (see {@link RunComparison} for the
 * rules): the same run, where they part, what they differ in. Every failure prints the
 * comparison's report: where the runs part, both step lists side by side, and every
 * difference.
 * <pre class="code">
 * assertThatRun(replayed).comparedTo(recorded)
 *     .ignoringTokens()
 *     .partsAt("execute_tool lookupPricing");
 * </pre>
 *
 * @see AgentRunAssert#comparedTo(AgentRunTrace)
 */
public final class RunComparisonAssert extends AbstractAssert<RunComparisonAssert, RunComparison> {

	RunComparisonAssert(RunComparison comparison) {
		super(comparison, RunComparisonAssert.class);
	}

	/**
	 * Compare without the tokens of the model calls and of the run.
	 * @return assertions on the new comparison
	 */
	public RunComparisonAssert ignoringTokens() {
		return new RunComparisonAssert(this.actual.ignoringTokens());
	}

	/**
	 * Compare without content: the answers, the tools' arguments and results, the
	 * arguments of the tool calls a model asked for.
	 * @return assertions on the new comparison
	 */
	public RunComparisonAssert ignoringContent() {
		return new RunComparisonAssert(this.actual.ignoringContent());
	}

	/**
	 * Compare without these aspects.
	 * @param aspects the aspects
	 * @return assertions on the new comparison
	 */
	public RunComparisonAssert ignoring(Aspect... aspects) {
		return new RunComparisonAssert(this.actual.ignoring(aspects));
	}

	/**
	 * The runs are the same: the same steps, each doing the same, and the same outcome,
	 * findings and tokens (except what is ignored).
	 * @return this
	 */
	public RunComparisonAssert isSameRun() {
		isNotNull();
		if (!this.actual.same()) {
			fail("Expected run '%s' to be the same run as the expected one, but it is not.",
					RunComparison.runName(this.actual.actual()));
		}
		return this;
	}

	/**
	 * The runs part at this step: every step before it is the same in both runs, and this
	 * one differs (or only one run took it).
	 * @param step the step's number, from 1, as the failure messages and the viewer number
	 * steps; the number after the last step when only the run's own aspects differ
	 * @return this
	 */
	public RunComparisonAssert partsAt(int step) {
		isNotNull();
		List<Difference> differences = this.actual.differences();
		if (differences.isEmpty()) {
			fail("Expected run '%s' to part from the expected one at step %d, but the runs are the same.",
					RunComparison.runName(this.actual.actual()), step);
		}
		else if (differences.get(0).step() != step) {
			fail("Expected run '%s' to part from the expected one at step %d, but it parts at %s.",
					RunComparison.runName(this.actual.actual()), step, differences.get(0).where());
		}
		return this;
	}

	/**
	 * The runs part at a step of this name: every step before it is the same in both runs,
	 * and this one differs (or only one run took it).
	 * @param stepName the step's name as the report prints it
	 * ({@code billing-specialist › chat gpt-4o}), its span name ({@code chat gpt-4o}) or its
	 * operation ({@code chat})
	 * @return this
	 */
	public RunComparisonAssert partsAt(String stepName) {
		isNotNull();
		List<Difference> differences = this.actual.differences();
		if (differences.isEmpty()) {
			fail("Expected run '%s' to part from the expected one at %s, but the runs are the same.",
					RunComparison.runName(this.actual.actual()), stepName);
		}
		else if (!isNamed(differences.get(0).stepName(), stepName)) {
			fail("Expected run '%s' to part from the expected one at %s, but it parts at %s.",
					RunComparison.runName(this.actual.actual()), stepName, differences.get(0).where());
		}
		return this;
	}

	/**
	 * The runs differ, and only in these aspects.
	 * @param aspects the aspects
	 * @return this
	 */
	public RunComparisonAssert differsOnlyIn(Aspect... aspects) {
		isNotNull();
		Set<Aspect> allowed = EnumSet.noneOf(Aspect.class);
		allowed.addAll(Arrays.asList(aspects));
		List<Difference> differences = this.actual.differences();
		if (differences.isEmpty()) {
			fail("Expected run '%s' to differ from the expected one in %s only, but the runs are the same.",
					RunComparison.runName(this.actual.actual()), keys(aspects));
		}
		List<Difference> others = differences.stream().filter((d) -> !allowed.contains(d.aspect())).toList();
		if (!others.isEmpty()) {
			fail("Expected run '%s' to differ from the expected one in %s only, but it also differs in %s: %s.",
					RunComparison.runName(this.actual.actual()), keys(aspects), others.get(0).aspect().key(),
					others.get(0).where());
		}
		return this;
	}

	private static boolean isNamed(@Nullable String name, String wanted) {
		if (name == null) {
			return false;
		}
		int nested = name.lastIndexOf(" › ");
		String spanName = (nested < 0) ? name : name.substring(nested + 3);
		int space = spanName.indexOf(' ');
		String operation = (space > 0) ? spanName.substring(0, space) : spanName;
		return name.equals(wanted) || spanName.equals(wanted) || operation.equals(wanted);
	}

	private static List<String> keys(Aspect... aspects) {
		return Arrays.stream(aspects).map(Aspect::key).toList();
	}

	private void fail(String message, Object... arguments) {
		failWithMessage("%s", String.format(message, arguments) + "\n\n" + this.actual.report());
	}

}
