package dev.agenttracing.cost;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModelPricesTests {

	private final ModelPrices prices = new ModelPrices(
			Map.of("gpt-4o", new ModelPrice(2.5, 10.0, 1.25), "gpt-4o-mini", new ModelPrice(0.15, 0.6, 0.075)),
			"USD");

	@Test
	void cachedInputTokensArePartOfTheInputAndBilledAtTheCachedPrice() {
		// 1,000,000 input of which 400,000 cached, 100,000 output
		assertThat(this.prices.cost("gpt-4o", null, 1_000_000, 100_000, 400_000))
			.isCloseTo(600_000 * 2.5 / 1e6 + 400_000 * 1.25 / 1e6 + 100_000 * 10.0 / 1e6, within(1e-12));
	}

	@Test
	void theLongestConfiguredNameAModelStartsWithPricesIt() {
		assertThat(this.prices.priceOf("gpt-4o-mini-2024-07-18")).isEqualTo(new ModelPrice(0.15, 0.6, 0.075));
		assertThat(this.prices.priceOf("gpt-4o-2024-11-20")).isEqualTo(new ModelPrice(2.5, 10.0, 1.25));
		assertThat(this.prices.priceOf("claude-3")).isNull();
	}

	@Test
	void theResponseModelWinsAndTheRequestModelIsTheFallback() {
		assertThat(this.prices.cost("gpt-4o-mini-2024-07-18", "gpt-4o", 1_000_000, 0, 0)).isCloseTo(0.15, within(1e-12));
		assertThat(this.prices.cost("unknown", "gpt-4o", 1_000_000, 0, 0)).isCloseTo(2.5, within(1e-12));
		assertThat(this.prices.cost("unknown", null, 1_000_000, 0, 0)).isNull();
	}

}
