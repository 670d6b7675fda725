/**
 * Tool executions: the @AgentTool annotation, tool spans, and their accounting in the run.
 */
@NullMarked
package dev.agenttracing.tool;

import org.jspecify.annotations.NullMarked;
