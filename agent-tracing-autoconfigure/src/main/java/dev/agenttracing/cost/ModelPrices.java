package dev.agenttracing.cost;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The price table: prices by model name, in one currency. A model is priced by its exact
 * name, else by the longest configured name it starts with ({@code gpt-4o-mini} prices
 * {@code gpt-4o-mini-2024-07-18}).
 */
public final class ModelPrices {

	private final Map<String, ModelPrice> prices;

	private final String currency;

	/**
	 * Create the table.
	 * @param prices prices by model name
	 * @param currency their currency
	 */
	public ModelPrices(Map<String, ModelPrice> prices, String currency) {
		Map<String, ModelPrice> byLength = new LinkedHashMap<>();
		prices.entrySet()
			.stream()
			.sorted(Comparator.comparingInt((Map.Entry<String, ModelPrice> entry) -> entry.getKey().length())
				.reversed())
			.forEach((entry) -> byLength.put(entry.getKey(), entry.getValue()));
		this.prices = byLength;
		this.currency = currency;
	}

	/**
	 * A table without prices.
	 * @return the empty table
	 */
	public static ModelPrices none() {
		return new ModelPrices(Map.of(), "USD");
	}

	/**
	 * The currency of the prices.
	 * @return the currency code
	 */
	public String currency() {
		return this.currency;
	}

	/**
	 * The price of a model.
	 * @param model the model's name (response model first, else request model)
	 * @return its price, or {@code null} when the table has none
	 */
	public @Nullable ModelPrice priceOf(@Nullable String model) {
		if (model == null || this.prices.isEmpty()) {
			return null;
		}
		ModelPrice exact = this.prices.get(model);
		if (exact != null) {
			return exact;
		}
		for (Map.Entry<String, ModelPrice> entry : this.prices.entrySet()) {
			if (model.startsWith(entry.getKey())) {
				return entry.getValue();
			}
		}
		return null;
	}

	/**
	 * The cost of one model call.
	 * @param responseModel the model that answered, if known
	 * @param requestModel the model asked for, if known
	 * @param inputTokens all input tokens
	 * @param outputTokens output tokens
	 * @param cachedInputTokens input tokens read from cache
	 * @return the cost, or {@code null} when neither model has a price
	 */
	public @Nullable Double cost(@Nullable String responseModel, @Nullable String requestModel, long inputTokens,
			long outputTokens, long cachedInputTokens) {
		ModelPrice price = priceOf(responseModel);
		if (price == null) {
			price = priceOf(requestModel);
		}
		return (price != null) ? price.cost(inputTokens, outputTokens, cachedInputTokens) : null;
	}

}
