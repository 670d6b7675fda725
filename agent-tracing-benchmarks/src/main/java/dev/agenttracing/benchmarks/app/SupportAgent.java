package dev.agenttracing.benchmarks.app;

/**
 * The agent every scenario runs: one support ticket in, one answer out.
 */
public interface SupportAgent {

	/**
	 * Handle a ticket.
	 * @param ticket the ticket
	 * @param conversationId the conversation it belongs to
	 * @param sessionId the user's session
	 * @return the answer
	 */
	String handle(Ticket ticket, String conversationId, String sessionId);

	/**
	 * A support ticket.
	 * @param customer the customer's id
	 * @param priority its priority
	 * @param text what the customer wrote
	 */
	record Ticket(String customer, String priority, String text) {
	}

}
