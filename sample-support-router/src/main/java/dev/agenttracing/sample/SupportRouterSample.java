package dev.agenttracing.sample;

import java.util.List;
import java.util.Map;

import io.opentelemetry.sdk.trace.SpanProcessor;

import dev.agenttracing.sample.orders.OrderServiceApplication;
import dev.agenttracing.sample.router.SupportRouterApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Starts the sample: the order service (an MCP server) and then the support router that
 * uses it, two Spring Boot applications in one JVM that share one terminal trace
 * printer. Command-line arguments apply to both (for example {@code --server.port=0}).
 * Without one, the router listens on {@code SERVER_PORT} (8080) and the order service on
 * {@code ORDERS_PORT} (8091).
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
		// Each application logs its start-up under its own name (both would be SupportRouterSample).
		ConfigurableApplicationContext orders = new SpringApplicationBuilder(OrderServiceApplication.class)
			.main(OrderServiceApplication.class)
			.profiles("orders")
			.initializers(sharedConsole, SupportRouterSample::ordersPort)
			.run(args);
		String ordersUrl = "http://localhost:" + orders.getEnvironment().getProperty("local.server.port");
		ConfigurableApplicationContext router = new SpringApplicationBuilder(SupportRouterApplication.class)
			.main(SupportRouterApplication.class)
			.profiles("router")
			.initializers(sharedConsole)
			.properties("sample.orders.url=" + ordersUrl)
			.run(args);
		return new Running(router, orders);
	}

	/**
	 * The order service's port: {@code ORDERS_PORT}, 8091 by default. Both applications
	 * read {@code server.port}, to which Boot binds the {@code SERVER_PORT} environment
	 * variable ahead of any configuration file: without this, {@code SERVER_PORT} would move
	 * the order service too, onto the router's port. A {@code --server.port} argument still
	 * applies to both.
	 */
	static void ordersPort(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		PropertySource<?> commandLine = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		if (commandLine != null && commandLine.containsProperty("server.port")) {
			return;
		}
		String port = environment.getProperty("ORDERS_PORT", "8091");
		environment.getPropertySources()
			.addFirst(new MapPropertySource("orderServicePort", Map.of("server.port", port)));
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
