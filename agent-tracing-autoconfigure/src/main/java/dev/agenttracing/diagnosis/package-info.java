/**
 * Diagnosis: detectors that look at each step of an agent run (model calls, tool
 * executions) and at the run's end, on the live values, and report findings: suspicions
 * that a run went wrong without throwing (an empty tool result, an answer stating a value
 * found in none of its inputs, ...). A finding is an {@code agent.finding} event on the
 * span of the step it concerns, summed up on the run's span ({@code agent.findings},
 * {@code agent.finding.count}). The API is {@link dev.agenttracing.diagnosis.FindingDetector},
 * {@link dev.agenttracing.diagnosis.Finding} and {@link dev.agenttracing.diagnosis.AgentStep};
 * everything else here is internal.
 */
@NullMarked
package dev.agenttracing.diagnosis;

import org.jspecify.annotations.NullMarked;
