package dev.agenttracing.sample.orders;

import java.util.Map;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The order-status tool the order service serves over MCP.
 */
public class OrderTools {

	private static final Map<String, String> ORDERS = Map.of("ORD-5512",
			"{\"orderId\":\"ORD-5512\",\"status\":\"shipped\",\"carrier\":\"DHL\",\"expectedDelivery\":\"2026-11-24\"}",
			"ORD-6003", "{\"orderId\":\"ORD-6003\",\"status\":\"processing\",\"expectedDelivery\":\"2026-11-28\"}");

	@Tool(description = "Status of an order by its id (ORD-nnnn)")
	public String orderStatus(@ToolParam(description = "The order id") String orderId) {
		return ORDERS.getOrDefault(orderId, "{\"orderId\":\"" + orderId + "\",\"status\":\"unknown\"}");
	}

}
