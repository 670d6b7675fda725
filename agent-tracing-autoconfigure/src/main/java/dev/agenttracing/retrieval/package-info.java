/**
 * Retrieval spans of Spring AI's vector stores.
 */
@NullMarked
package dev.agenttracing.retrieval;

import org.jspecify.annotations.NullMarked;
