/**
 * The attribute keys of the OpenTelemetry GenAI semantic conventions followed (pinned in
 * SemconvVersion) and agent-tracing's own.
 */
@NullMarked
package dev.agenttracing.semconv;

import org.jspecify.annotations.NullMarked;
