package dev.agenttracing.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.agenttracing.capture.ContentDestination;
import dev.agenttracing.text.ContentTruncator;
import dev.agenttracing.redaction.RedactionConfig;
import dev.agenttracing.redaction.RedactionMode;
import dev.agenttracing.sampling.ContentRetention;

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

	private final Capture capture = new Capture();

	private final Redaction redaction = new Redaction();

	private final Metrics metrics = new Metrics();

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

	public Capture getCapture() {
		return this.capture;
	}

	public Redaction getRedaction() {
		return this.redaction;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	/**
	 * GenAI metrics.
	 */
	public static class Metrics {

		/**
		 * Whether the GenAI metrics (gen_ai.client.operation.duration,
		 * gen_ai.client.token.usage, gen_ai.execute_tool.duration,
		 * gen_ai.invoke_agent.duration, agent.runs, agent.budget.exceeded) are recorded.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Content capture: prompts, completions, tool arguments and results, retrieval queries
	 * and documents. Off by default; when on, every value is redacted and truncated.
	 */
	public static class Capture {

		/**
		 * Whether content is captured. Per-agent and per-tool settings override it.
		 */
		private boolean enabled = false;

		/**
		 * Capture on or off for the runs of individual agents, by 'gen_ai.agent.name'.
		 */
		private Map<String, Boolean> agents = new LinkedHashMap<>();

		/**
		 * Capture on or off for individual tools, by 'gen_ai.tool.name'; wins over the
		 * agent's setting.
		 */
		private Map<String, Boolean> tools = new LinkedHashMap<>();

		/**
		 * Where model-call content goes: span attributes, the
		 * 'gen_ai.client.inference.operation.details' span event, or both.
		 */
		private ContentDestination destination = ContentDestination.ATTRIBUTES;

		/**
		 * Largest captured attribute, in characters. Longer content is cut inside its text
		 * values so that it stays valid JSON, and the span is marked
		 * 'agent.content.truncated'.
		 */
		private int maxAttributeLength = 16_384;

		/**
		 * Deepest JSON nesting kept in captured content; deeper values are replaced by a
		 * marker.
		 */
		private int maxDepth = ContentTruncator.DEFAULT_MAX_DEPTH;

		/**
		 * Which kept traces export their content when tail sampling is on: 'all' of them,
		 * or only those 'earned' by a reason (error, refusal, budget, slowness) plus the
		 * 'keep-success-ratio' share of the others.
		 */
		private ContentRetention keep = ContentRetention.ALL;

		/**
		 * With 'keep=earned': the share of traces kept without a reason that still export
		 * their content, decided from the trace id.
		 */
		private double keepSuccessRatio = 0.0;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Map<String, Boolean> getAgents() {
			return this.agents;
		}

		public void setAgents(Map<String, Boolean> agents) {
			this.agents = agents;
		}

		public Map<String, Boolean> getTools() {
			return this.tools;
		}

		public void setTools(Map<String, Boolean> tools) {
			this.tools = tools;
		}

		public ContentDestination getDestination() {
			return this.destination;
		}

		public void setDestination(ContentDestination destination) {
			this.destination = destination;
		}

		public int getMaxAttributeLength() {
			return this.maxAttributeLength;
		}

		public void setMaxAttributeLength(int maxAttributeLength) {
			this.maxAttributeLength = maxAttributeLength;
		}

		public int getMaxDepth() {
			return this.maxDepth;
		}

		public void setMaxDepth(int maxDepth) {
			this.maxDepth = maxDepth;
		}

		public ContentRetention getKeep() {
			return this.keep;
		}

		public void setKeep(ContentRetention keep) {
			this.keep = keep;
		}

		public double getKeepSuccessRatio() {
			return this.keepSuccessRatio;
		}

		public void setKeepSuccessRatio(double keepSuccessRatio) {
			this.keepSuccessRatio = keepSuccessRatio;
		}

	}

	/**
	 * Redaction of captured content, and the safety net applied to every exported span.
	 */
	public static class Redaction {

		/**
		 * Built-in detectors switched on or off by name: email, phone, credit_card, iban,
		 * ssn, ipv4, ipv6, jwt, bearer_token, api_key, private_key, url_password, secret.
		 * All are on by default.
		 */
		private Map<String, Boolean> detectors = new LinkedHashMap<>();

		/**
		 * Custom patterns (RE2 syntax, linear time), by the name shown in their
		 * replacement. With a '(?P<value>...)' group only that group is redacted.
		 */
		private Map<String, String> customPatterns = new LinkedHashMap<>();

		/**
		 * JSON field names whose values are always masked, whatever they hold (case and
		 * '_', '-', '.' ignored; a name also matches as the end of a longer one).
		 */
		private List<String> fieldNames = new ArrayList<>(RedactionConfig.DEFAULT_FIELD_NAMES);

		/**
		 * Values that are never redacted, exactly as written.
		 */
		private List<String> allowValues = new ArrayList<>();

		/**
		 * Patterns (RE2) of values that are never redacted.
		 */
		private List<String> allowPatterns = new ArrayList<>();

		/**
		 * How a redacted value is replaced: 'mask' shows what was removed
		 * ('[REDACTED:email]'); 'hash' replaces it with a keyed hash token
		 * ('[email:3f9a1c2b]') so the same value can be followed across spans.
		 */
		private RedactionMode mode = RedactionMode.MASK;

		/**
		 * The key of the hash tokens (at least 16 characters); required with mode=hash.
		 */
		private @Nullable String hashKey;

		/**
		 * Longest text the redactor reads; longer content is cut first.
		 */
		private int maxInputChars = RedactionConfig.DEFAULT_MAX_INPUT_CHARS;

		/**
		 * Whether an ungrouped run of 10 or 11 digits is a phone number wherever it is; by
		 * default only after a phone word or as the value of a phone field, because such a
		 * run is as often an order number or a timestamp.
		 */
		private boolean ungroupedPhoneNumbers;

		/**
		 * Attribute keys redacted on every exported span and span event, whoever set them
		 * (the safety net): Spring AI's query text on vector store spans, URLs that may
		 * carry secrets in their query string, Spring AI's own tool content attributes,
		 * and the message and stack trace of exception events, which may quote the input
		 * that failed.
		 */
		private List<String> safetyNet = new ArrayList<>(List.of("db.vector.query.content", "db.query.text",
				"url.full", "url.query", "http.url", "uri", "spring.ai.tool.call.arguments",
				"spring.ai.tool.call.result", "exception.message", "exception.stacktrace"));

		public Map<String, Boolean> getDetectors() {
			return this.detectors;
		}

		public void setDetectors(Map<String, Boolean> detectors) {
			this.detectors = detectors;
		}

		public Map<String, String> getCustomPatterns() {
			return this.customPatterns;
		}

		public void setCustomPatterns(Map<String, String> customPatterns) {
			this.customPatterns = customPatterns;
		}

		public List<String> getFieldNames() {
			return this.fieldNames;
		}

		public void setFieldNames(List<String> fieldNames) {
			this.fieldNames = fieldNames;
		}

		public List<String> getAllowValues() {
			return this.allowValues;
		}

		public void setAllowValues(List<String> allowValues) {
			this.allowValues = allowValues;
		}

		public List<String> getAllowPatterns() {
			return this.allowPatterns;
		}

		public void setAllowPatterns(List<String> allowPatterns) {
			this.allowPatterns = allowPatterns;
		}

		public RedactionMode getMode() {
			return this.mode;
		}

		public void setMode(RedactionMode mode) {
			this.mode = mode;
		}

		public @Nullable String getHashKey() {
			return this.hashKey;
		}

		public void setHashKey(@Nullable String hashKey) {
			this.hashKey = hashKey;
		}

		public int getMaxInputChars() {
			return this.maxInputChars;
		}

		public void setMaxInputChars(int maxInputChars) {
			this.maxInputChars = maxInputChars;
		}

		public boolean isUngroupedPhoneNumbers() {
			return this.ungroupedPhoneNumbers;
		}

		public void setUngroupedPhoneNumbers(boolean ungroupedPhoneNumbers) {
			this.ungroupedPhoneNumbers = ungroupedPhoneNumbers;
		}

		public List<String> getSafetyNet() {
			return this.safetyNet;
		}

		public void setSafetyNet(List<String> safetyNet) {
			this.safetyNet = safetyNet;
		}

		/**
		 * The redactor's configuration from these properties.
		 * @return the configuration
		 */
		public RedactionConfig toConfig() {
			RedactionConfig.Builder builder = RedactionConfig.builder()
				.fieldNames(this.fieldNames)
				.mode(this.mode)
				.hashKey(this.hashKey)
				.maxInputChars(this.maxInputChars)
				.ungroupedPhoneNumbers(this.ungroupedPhoneNumbers);
			this.detectors.forEach(builder::detector);
			this.customPatterns.forEach(builder::customPattern);
			this.allowValues.forEach(builder::allowValue);
			this.allowPatterns.forEach(builder::allowPattern);
			return builder.build();
		}

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
