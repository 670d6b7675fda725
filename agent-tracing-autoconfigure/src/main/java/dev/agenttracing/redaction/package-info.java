/**
 * Redaction of captured content and the export safety net.
 */
@NullMarked
package dev.agenttracing.redaction;

import org.jspecify.annotations.NullMarked;
