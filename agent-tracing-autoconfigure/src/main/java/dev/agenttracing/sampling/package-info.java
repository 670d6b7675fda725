/**
 * Tail sampling of agent traces: a span processor that holds a trace's ended spans until
 * its local root ends, keeps every failed, refused, slow or over-budget run, keeps a
 * trace-id-derived share of the successful ones, and strips captured content from kept
 * traces that did not earn it.
 *
 * @see dev.agenttracing.sampling.TraceSamplingProcessor
 */
package dev.agenttracing.sampling;
