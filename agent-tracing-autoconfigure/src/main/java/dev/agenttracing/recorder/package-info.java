/**
 * The flight recorder: the recent agent runs of this application, kept in memory as they
 * are exported, listed and shown as span trees by the {@code agentruns} actuator endpoint
 * and by the viewer page, with no tracing backend.
 *
 * @see dev.agenttracing.recorder.FlightRecorder
 * @see dev.agenttracing.recorder.FlightRecorderSpanExporter
 */
@NullMarked
package dev.agenttracing.recorder;

import org.jspecify.annotations.NullMarked;
