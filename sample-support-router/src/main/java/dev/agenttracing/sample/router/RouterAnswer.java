package dev.agenttracing.sample.router;

/**
 * What the support router answers, with the run id that finds its trace.
 *
 * @param ticketId the ticket
 * @param runId the {@code workflow.run_id} of the run that answered
 * @param outcome {@code success} or {@code refused}
 * @param answer the answer
 */
public record RouterAnswer(String ticketId, String runId, String outcome, String answer) {
}
