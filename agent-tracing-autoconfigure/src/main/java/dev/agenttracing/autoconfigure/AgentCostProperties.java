package dev.agenttracing.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The price table, under {@code agent-tracing.costs.*}: the cost of each model call is put
 * on its chat span and summed on its run ({@code agent.cost}). Empty by default: prices
 * change, so they are yours to set (the README has examples).
 */
@ConfigurationProperties("agent-tracing.costs")
public class AgentCostProperties {

	/**
	 * Currency of the prices ('agent.cost.currency').
	 */
	private String currency = "USD";

	/**
	 * Prices per million tokens by model name; a model is priced by its exact name or by
	 * the longest name it starts with.
	 */
	private Map<String, Price> models = new LinkedHashMap<>();

	public String getCurrency() {
		return this.currency;
	}

	public void setCurrency(String currency) {
		this.currency = currency;
	}

	public Map<String, Price> getModels() {
		return this.models;
	}

	public void setModels(Map<String, Price> models) {
		this.models = models;
	}

	/**
	 * The price of one model, per million tokens.
	 */
	public static class Price {

		/**
		 * Price of a million input tokens.
		 */
		private double input;

		/**
		 * Price of a million output tokens.
		 */
		private double output;

		/**
		 * Price of a million cached input tokens; the input price when not set.
		 */
		private Double cachedInput;

		public double getInput() {
			return this.input;
		}

		public void setInput(double input) {
			this.input = input;
		}

		public double getOutput() {
			return this.output;
		}

		public void setOutput(double output) {
			this.output = output;
		}

		public Double getCachedInput() {
			return this.cachedInput;
		}

		public void setCachedInput(Double cachedInput) {
			this.cachedInput = cachedInput;
		}

	}

}
