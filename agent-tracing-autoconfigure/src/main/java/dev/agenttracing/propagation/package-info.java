/**
 * One trace across boundaries: baggage of the business context, message envelopes, remote
parents.
 */
@NullMarked
package dev.agenttracing.propagation;

import org.jspecify.annotations.NullMarked;
