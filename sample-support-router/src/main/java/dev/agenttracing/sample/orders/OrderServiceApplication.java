package dev.agenttracing.sample.orders;

import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The order service: a separate application that serves the order-status tool to
 * agents over MCP (streamable HTTP).
 */
@SpringBootApplication
public class OrderServiceApplication {

	@Bean
	OrderTools orderTools() {
		return new OrderTools();
	}

	@Bean
	ToolCallbackProvider orderToolCallbacks(OrderTools orderTools) {
		return MethodToolCallbackProvider.builder().toolObjects(orderTools).build();
	}

}
