/**
 * The GenAI metrics and the agent run metrics, recorded by the operation pipeline's
 * metrics steps.
 */
@NullMarked
package dev.agenttracing.metrics;

import org.jspecify.annotations.NullMarked;
