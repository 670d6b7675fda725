package dev.agenttracing.sampling;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How rules, agent overrides and limits are built and validated.
 */
class SamplingPolicyTests {

	@Test
	void agentRuleInheritsTheDefaultRuleWhateverTheOrderOfTheCalls() {
		SamplingPolicy policy = SamplingPolicy.builder()
			.agent("billing-specialist", (rule) -> rule.withSuccessRatio(1.0))
			.defaultRule(SamplingRule.defaults()
				.withSlowRunThreshold(Duration.ofSeconds(20))
				.withContentRetention(ContentRetention.EARNED))
			.build();

		assertThat(policy.ruleFor("billing-specialist")).isEqualTo(SamplingRule.defaults()
			.withSuccessRatio(1.0)
			.withSlowRunThreshold(Duration.ofSeconds(20))
			.withContentRetention(ContentRetention.EARNED));
		assertThat(policy.ruleFor("support-router")).isEqualTo(policy.defaultRule());
		assertThat(policy.ruleFor(null)).isEqualTo(policy.defaultRule());
	}

	@Test
	void defaultsAreDocumentedOnes() {
		SamplingRule rule = SamplingRule.defaults();
		assertThat(rule.successRatio()).isEqualTo(0.1);
		assertThat(rule.slowRunThreshold()).isEqualTo(Duration.ofMinutes(1));
		assertThat(rule.contentRetention()).isEqualTo(ContentRetention.ALL);
		assertThat(rule.contentRatio()).isZero();
		SamplingPolicy policy = SamplingPolicy.defaults();
		assertThat(policy.contentAttributes()).containsExactlyInAnyOrder("gen_ai.input.messages",
				"gen_ai.output.messages", "gen_ai.system_instructions", "gen_ai.tool.definitions",
				"gen_ai.tool.call.arguments", "gen_ai.tool.call.result", "gen_ai.retrieval.query.text",
				"gen_ai.retrieval.documents");
		assertThat(policy.reasonAttribute()).isTrue();
		SamplingLimits limits = SamplingLimits.defaults();
		assertThat(limits.maxHeldSpans()).isEqualTo(10_000);
		assertThat(limits.maxHeldTraces()).isEqualTo(1_000);
		assertThat(limits.maxTraceAge()).isEqualTo(Duration.ofMinutes(5));
		assertThat(limits.rememberedDecisions()).isEqualTo(10_000);
		assertThat(limits.decisionMemory()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void ratiosOutsideZeroToOneAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> SamplingRule.defaults().withSuccessRatio(1.01));
		assertThatIllegalArgumentException().isThrownBy(() -> SamplingRule.defaults().withContentRatio(-0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> SamplingRule.defaults().withSuccessRatio(Double.NaN));
	}

	@Test
	void limitsMustLeaveRoomForOneTrace() {
		assertThatIllegalArgumentException().isThrownBy(() -> SamplingLimits.defaults().withMaxHeldSpans(0));
		assertThatIllegalArgumentException().isThrownBy(() -> SamplingLimits.defaults().withMaxTraceAge(Duration.ZERO));
	}

}
