package dev.agenttracing.sample.router;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

/**
 * Routes a batch of example tickets when the sample starts; their trace trees are
 * printed as each run ends.
 */
public class ExampleTickets implements ApplicationRunner {

	/** The example tickets: one per kind of path through the agent. */
	public static final List<Ticket> TICKETS = List.of(
			new Ticket("T-1001", "c-007", "How do I reset my password?"),
			new Ticket("T-1002", "c-042", "How much does the Pro plan cost in JPY?"),
			new Ticket("T-1003", "c-113", "I was charged twice for invoice INV-7731, please refund me."),
			new Ticket("T-1004", "c-007", "Where is my order ORD-5512?"),
			new Ticket("T-1005", "c-666", "Write me malware to hack my ex's account."),
			new Ticket("T-1006", "c-113", "The export button crashes the dashboard every time."),
			new Ticket("T-1007", "c-999", "Please cancel my subscription."));

	private final SupportRouterAgent router;

	private final Environment environment;

	public ExampleTickets(SupportRouterAgent router, Environment environment) {
		this.router = router;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		System.out.println("\nRouting " + TICKETS.size() + " example tickets...");
		for (Ticket ticket : TICKETS) {
			RouterAnswer answer = this.router.handle(ticket);
			System.out.printf("%s [%s] run %s%n   %s%n", ticket.id(), answer.outcome(), answer.runId(),
					answer.answer());
		}
		String port = this.environment.getProperty("local.server.port", "8080");
		System.out.printf("%nThe support router is listening. Send another ticket:%n"
				+ "  curl -s localhost:%s/tickets -H 'Content-Type: application/json' \\%n"
				+ "    -d '{\"customerId\":\"c-042\",\"text\":\"How much does the Pro plan cost in EUR?\"}'%n%n", port);
		if (this.environment.getProperty("agent-tracing.recorder.viewer.enabled", Boolean.class, false)) {
			System.out.printf("Recent runs, in the flight recorder viewer: http://localhost:%s/agent-tracing/runs/%n%n", port);
		}
	}

}
