/**
 * Agent runs: the @AgentRun annotation and its business-context annotations, AgentRuns and
 * CurrentRun, outcomes, and the run's observation.
 */
@NullMarked
package dev.agenttracing.run;

import org.jspecify.annotations.NullMarked;
