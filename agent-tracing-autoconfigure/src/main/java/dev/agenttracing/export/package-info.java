/**
 * What becomes of finished spans on their way out: how many the exporters delivered or
 * failed to deliver, and how many Boot's batch span processor dropped because its queue
 * was full (the exporter endpoint down, unreachable or slow).
 */
@NullMarked
package dev.agenttracing.export;

import org.jspecify.annotations.NullMarked;
