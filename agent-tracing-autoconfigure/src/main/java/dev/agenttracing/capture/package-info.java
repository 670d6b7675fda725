/**
 * Content capture: what a model call, tool execution or retrieval said, serialised to the
 * GenAI JSON schemas, redacted and truncated before it becomes a span attribute or event.
 */
@NullMarked
package dev.agenttracing.capture;

import org.jspecify.annotations.NullMarked;
