/**
 * Auto-configuration of agent-tracing and its configuration properties. Not API: the beans
 * and properties it declares are documented in the README.
 */
@NullMarked
package dev.agenttracing.autoconfigure;

import org.jspecify.annotations.NullMarked;
