/**
 * Run budgets: limits per agent, the checks made when a model call or tool execution ends
 * and when a run progresses, and their enforcement.
 */
@NullMarked
package dev.agenttracing.budget;

import org.jspecify.annotations.NullMarked;
