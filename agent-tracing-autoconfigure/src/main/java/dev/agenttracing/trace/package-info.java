/**
 * The operation pipeline every GenAI operation goes through, and the span conventions it
 * writes spans with.
 */
@NullMarked
package dev.agenttracing.trace;

import org.jspecify.annotations.NullMarked;
