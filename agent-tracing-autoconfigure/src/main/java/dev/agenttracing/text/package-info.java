/**
 * Text that content capture and redaction both handle: made well-formed, JSON read and
 * written, and truncated to a limit. Internal: not part of agent-tracing's API.
 */
@NullMarked
package dev.agenttracing.text;

import org.jspecify.annotations.NullMarked;
