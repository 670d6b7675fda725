package dev.agenttracing.recorder;

import java.util.List;

/**
 * The runs that matched a {@link RunQuery}, newest first, and the state of the recorder.
 *
 * @param runs the runs
 * @param recorder what the recorder holds and what its bounds dropped
 */
public record RunList(List<RunSummary> runs, RecorderStats recorder) {
}
