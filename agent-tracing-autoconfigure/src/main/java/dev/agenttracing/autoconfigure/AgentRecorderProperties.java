package dev.agenttracing.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import dev.agenttracing.recorder.FlightRecorderLimits;

/**
 * Configuration of the flight recorder, under {@code agent-tracing.recorder.*}.
 */
@ConfigurationProperties("agent-tracing.recorder")
public class AgentRecorderProperties {

	/**
	 * Whether the recent agent runs are kept in memory, as they are exported, for the
	 * 'agentruns' actuator endpoint and the viewer page.
	 */
	private boolean enabled = true;

	/**
	 * Most successful runs kept (outcome 'success' and no failed span); the oldest goes
	 * first.
	 */
	private int maxSuccessfulRuns = 50;

	/**
	 * Most failed runs kept: outcome 'error' or 'refused', or a span with status ERROR.
	 * Kept apart from the successful ones, so that successes never push a failure out.
	 */
	private int maxFailedRuns = 200;

	/**
	 * Most traces held while none of their spans is an 'invoke_agent' span yet (a run's
	 * model and tool calls end before the run). Traces without any GenAI span are
	 * discarded first.
	 */
	private int maxPendingTraces = 100;

	/**
	 * Most spans kept for one run: the earliest started, so that the top of the tree
	 * stays. The others are counted as dropped.
	 */
	private int maxSpansPerRun = 256;

	/**
	 * Estimated heap size past which a run keeps its earliest started spans only.
	 */
	private DataSize maxRunSize = DataSize.ofKilobytes(256);

	/**
	 * Longest string attribute value kept whole, in characters; a longer one is cut and
	 * the span says so.
	 */
	private int maxValueLength = 16_384;

	private final Viewer viewer = new Viewer();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxSuccessfulRuns() {
		return this.maxSuccessfulRuns;
	}

	public void setMaxSuccessfulRuns(int maxSuccessfulRuns) {
		this.maxSuccessfulRuns = maxSuccessfulRuns;
	}

	public int getMaxFailedRuns() {
		return this.maxFailedRuns;
	}

	public void setMaxFailedRuns(int maxFailedRuns) {
		this.maxFailedRuns = maxFailedRuns;
	}

	public int getMaxPendingTraces() {
		return this.maxPendingTraces;
	}

	public void setMaxPendingTraces(int maxPendingTraces) {
		this.maxPendingTraces = maxPendingTraces;
	}

	public int getMaxSpansPerRun() {
		return this.maxSpansPerRun;
	}

	public void setMaxSpansPerRun(int maxSpansPerRun) {
		this.maxSpansPerRun = maxSpansPerRun;
	}

	public DataSize getMaxRunSize() {
		return this.maxRunSize;
	}

	public void setMaxRunSize(DataSize maxRunSize) {
		this.maxRunSize = maxRunSize;
	}

	public int getMaxValueLength() {
		return this.maxValueLength;
	}

	public void setMaxValueLength(int maxValueLength) {
		this.maxValueLength = maxValueLength;
	}

	public Viewer getViewer() {
		return this.viewer;
	}

	/**
	 * The bounds these properties set.
	 * @return the recorder's limits
	 */
	public FlightRecorderLimits toLimits() {
		return new FlightRecorderLimits(this.maxSuccessfulRuns, this.maxFailedRuns, this.maxPendingTraces,
				this.maxSpansPerRun, this.maxRunSize.toBytes(), this.maxValueLength);
	}

	/**
	 * The viewer page.
	 */
	public static class Viewer {

		/**
		 * Whether the application serves the viewer page of recent runs at
		 * '/agent-tracing/runs/' (and its JSON below it), on its own port, behind its
		 * Spring Security rules if any. Off by default: recorded runs may hold user ids
		 * and captured content.
		 */
		private boolean enabled = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
