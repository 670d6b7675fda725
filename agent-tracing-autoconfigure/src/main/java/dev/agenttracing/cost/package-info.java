/**
 * The price table of models and the cost of a model call.
 */
@NullMarked
package dev.agenttracing.cost;

import org.jspecify.annotations.NullMarked;
