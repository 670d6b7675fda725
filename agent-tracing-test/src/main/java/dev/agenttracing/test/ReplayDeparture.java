package dev.agenttracing.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a replayed run departed from its recording: a model call whose input differs from
 * the recorded one (a tool result changed, the prompt changed), a model call the recording
 * has no answer for, or a run of an agent the recording does not have.
 *
 * @param agentName the agent whose run departed
 * @param callIndex the model call of that run, from 0
 * @param recordedCalls how many model calls the recording has for that run
 * @param recorded what the recording was sent at that call (its input messages as JSON),
 * or {@code null} when the recording has no such call
 * @param actual what the call sent now, in the same shape
 * @param differences where the two differ, one line each (JSON paths, {@code ->} going
 * into JSON held in a string), or why there is no recorded call
 * @param message the whole readable message
 */
public record ReplayDeparture(String agentName, int callIndex, int recordedCalls, @Nullable String recorded,
		String actual, List<String> differences, String message) {

	@Override
	public String toString() {
		return this.message;
	}

}
