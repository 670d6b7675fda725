package dev.agenttracing.sample.router;

/**
 * An incoming support ticket.
 *
 * @param id the ticket id
 * @param customerId the customer who wrote it
 * @param text what they wrote
 */
public record Ticket(String id, String customerId, String text) {
}
