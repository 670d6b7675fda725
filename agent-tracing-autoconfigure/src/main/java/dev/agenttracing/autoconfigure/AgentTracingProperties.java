package dev.agenttracing.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of agent-tracing, under {@code agent-tracing.*}.
 */
@ConfigurationProperties("agent-tracing")
public class AgentTracingProperties {

	/**
	 * Whether agent-tracing is on. When off, no bean of agent-tracing is created and Spring
	 * AI's own observations are left as they are.
	 */
	private boolean enabled = true;

	private final Run run = new Run();

	private final Spans spans = new Spans();

	private final Retrieval retrieval = new Retrieval();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Run getRun() {
		return this.run;
	}

	public Spans getSpans() {
		return this.spans;
	}

	public Retrieval getRetrieval() {
		return this.retrieval;
	}

	/**
	 * Retrieval spans of vector store queries.
	 */
	public static class Retrieval {

		/**
		 * The 'gen_ai.data_source.id' of retrieval spans (the knowledge base's name as
		 * the agent knows it). When empty, the vector store's collection name is used, or
		 * its database system when it names none.
		 */
		private String dataSourceId = "";

		public String getDataSourceId() {
			return this.dataSourceId;
		}

		public void setDataSourceId(String dataSourceId) {
			this.dataSourceId = dataSourceId;
		}

	}

	/**
	 * Agent runs ({@code @AgentRun}).
	 */
	public static class Run {

		/**
		 * Exception types (and their subtypes) that mean the agent refused rather than
		 * failed: the run's outcome is 'refused', its span is not marked as an error, and
		 * the exception still propagates.
		 */
		private List<Class<? extends Throwable>> refusalExceptions = new ArrayList<>();

		/**
		 * MDC key under which the workflow run id is available to log lines while a run
		 * is in scope. Empty to leave the MDC alone.
		 */
		private String mdcKey = "workflow.run_id";

		public List<Class<? extends Throwable>> getRefusalExceptions() {
			return this.refusalExceptions;
		}

		public void setRefusalExceptions(List<Class<? extends Throwable>> refusalExceptions) {
			this.refusalExceptions = refusalExceptions;
		}

		public String getMdcKey() {
			return this.mdcKey;
		}

		public void setMdcKey(String mdcKey) {
			this.mdcKey = mdcKey;
		}

	}

	/**
	 * Which spans the trace holds.
	 */
	public static class Spans {

		/**
		 * Whether Spring AI's framework spans (the 'spring_ai chat_client' span and one
		 * span per advisor) are kept in the trace. Off by default: model calls and tool
		 * executions then hang directly under the agent run. Their metrics are kept
		 * either way.
		 */
		private boolean frameworkSpans = false;

		public boolean isFrameworkSpans() {
			return this.frameworkSpans;
		}

		public void setFrameworkSpans(boolean frameworkSpans) {
			this.frameworkSpans = frameworkSpans;
		}

	}

}
