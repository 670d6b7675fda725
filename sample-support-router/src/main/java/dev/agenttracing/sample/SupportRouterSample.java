package dev.agenttracing.sample;

import java.util.List;

import io.opentelemetry.sdk.trace.SpanProcessor;

import dev.agenttracing.sample.orders.OrderServiceApplication;
import dev.agenttracing.sample.router.SupportRouterApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the sample: the order service (an MCP server) and then the support router that
 * uses it, two Spring Boot applications in one JVM that share one terminal trace
 * printer. Command-line arguments apply to both (for example {@code --server.port=0}).
 */
public final class SupportRouterSample {

	private SupportRouterSample() {
	}

	public static void main(String[] args) {
		start(List.of(new TraceConsole(System.out)), args);
	}

	/**
	 * Start both applications.
	 * @param spanProcessors span processors both applications share (the trace console,
	 * a test's in-memory exporter)
	 * @param args the command line arguments
	 * @return the running applications
	 */
	public static Running start(List<SpanProcessor> spanProcessors, String... args) {
		ApplicationContextInitializer<ConfigurableApplicationContext> sharedConsole = (context) -> {
			for (int i = 0; i < spanProcessors.size(); i++) {
				context.getBeanFactory().registerSingleton("sharedSpanProcessor" + i, spanProcessors.get(i));
			}
		};
		ConfigurableApplicationContext orders = new SpringApplicationBuilder(OrderServiceApplication.class)
			.profiles("orders")
			.initializers(sharedConsole)
			.run(args);
		String ordersUrl = "http://localhost:" + orders.getEnvironment().getProperty("local.server.port");
		ConfigurableApplicationContext router = new SpringApplicationBuilder(SupportRouterApplication.class)
			.profiles("router")
			.initializers(sharedConsole)
			.properties("sample.orders.url=" + ordersUrl)
			.run(args);
		return new Running(router, orders);
	}

	/**
	 * The two running applications.
	 *
	 * @param router the support router
	 * @param orders the order service
	 */
	public record Running(ConfigurableApplicationContext router, ConfigurableApplicationContext orders)
			implements AutoCloseable {

		@Override
		public void close() {
			this.router.close();
			this.orders.close();
		}

	}

}
