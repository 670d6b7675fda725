package dev.agenttracing.sampling;

import org.jspecify.annotations.Nullable;

/**
 * What happens to every span of one trace, held or late.
 *
 * @param fate keep, drop, or pass through untouched
 * @param reason why it is kept; {@code null} unless kept
 * @param keepContent whether kept spans keep their content attributes
 * @param early what forced the decision before the local root ended, {@code null} when
 * it ended
 */
record TraceDecision(Fate fate, @Nullable SamplingReason reason, boolean keepContent,
		@Nullable EarlyDecisionCause early) {

	enum Fate {

		KEEP, DROP, PASS

	}

}
