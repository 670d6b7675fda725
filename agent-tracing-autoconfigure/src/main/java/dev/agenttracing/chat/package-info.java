/**
 * Spring AI model calls: their span convention, their accounting in the run, and the
 * timing of streamed rounds.
 */
@NullMarked
package dev.agenttracing.chat;

import org.jspecify.annotations.NullMarked;
