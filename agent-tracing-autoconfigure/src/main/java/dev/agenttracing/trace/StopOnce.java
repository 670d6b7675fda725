package dev.agenttracing.trace;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;

/**
 * Lets a handler act on the stop of an observation once, however many times it is
 * stopped: Micrometer passes every {@code stop()} on to the handlers, and an observation
 * of a stream can be stopped again by code that finishes it on both completion and
 * cancellation. Each handler keeps its own instance; the mark lives in the context.
 */
public final class StopOnce {

	/**
	 * Mark the observation stopped for this handler.
	 * @param context the observation's context
	 * @return whether this is its first stop
	 */
	public boolean first(Observation.Context context) {
		AtomicBoolean stopped = context.computeIfAbsent(this, (key) -> new AtomicBoolean());
		return stopped.compareAndSet(false, true);
	}

	/**
	 * Whether the observation was stopped already.
	 * @param context the observation's context
	 * @return whether it was
	 */
	public boolean stopped(Observation.Context context) {
		AtomicBoolean stopped = context.get(this);
		return stopped != null && stopped.get();
	}

}
