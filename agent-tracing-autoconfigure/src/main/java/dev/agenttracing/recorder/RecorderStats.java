package dev.agenttracing.recorder;

/**
 * What a {@link FlightRecorder} holds, and what its bounds dropped since it started.
 *
 * @param successfulRuns successful runs held
 * @param failedRuns failed (error, refused, or with a failed span) runs held
 * @param pendingTraces traces held until one of their spans is an {@code invoke_agent}
 * span
 * @param evictedRuns runs pushed out by newer ones
 * @param discardedTraces pending traces pushed out, most of them traces without an agent
 * run (plain HTTP traffic)
 * @param droppedSpans spans dropped by the bounds of a run
 */
public record RecorderStats(int successfulRuns, int failedRuns, int pendingTraces, long evictedRuns,
		long discardedTraces, long droppedSpans) {
}
