package dev.agenttracing.conformance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import tools.jackson.databind.JsonNode;

/**
 * The GenAI conventions this project claims to follow, as rules checked on every span it
 * emits, as received over OTLP. The rules come from the conventions at the version pinned
 * in {@code SemconvVersion} (each rule names its source); a few are this project's own claims
 * ({@code DESIGN.md}), marked "project". Rules on captured content apply when the content
 * is there.
 */
final class GenAiConformance {

	/** Keys the conventions deprecated ({@code registry-deprecated.yaml}). */
	static final Set<String> DEPRECATED_ATTRIBUTES = Set.of("gen_ai.system", "gen_ai.usage.prompt_tokens",
			"gen_ai.usage.completion_tokens", "gen_ai.prompt", "gen_ai.completion", "gen_ai.openai.request.seed",
			"gen_ai.openai.request.response_format", "gen_ai.openai.request.service_tier",
			"gen_ai.openai.response.service_tier", "gen_ai.openai.response.system_fingerprint");

	/** Per-message events the conventions deprecated ({@code events-deprecated.yaml}). */
	static final Set<String> DEPRECATED_EVENTS = Set.of("gen_ai.system.message", "gen_ai.user.message",
			"gen_ai.assistant.message", "gen_ai.tool.message", "gen_ai.choice");

	/** The conventions' finish reasons ({@code gen-ai-output-messages.json}). */
	static final Set<String> FINISH_REASONS = Set.of("stop", "length", "content_filter", "tool_call", "error");

	/**
	 * Provider names that Spring AI (or the deprecated {@code gen_ai.system}) uses where
	 * the conventions list another value.
	 */
	static final Map<String, String> LEGACY_PROVIDER_NAMES = Map.of("azure_openai", "azure.ai.openai",
			"bedrock_converse", "aws.bedrock", "bedrock", "aws.bedrock", "google_genai", "gcp.gen_ai", "vertex_ai",
			"gcp.vertex_ai", "vertexai", "gcp.vertex_ai", "moonshot", "moonshot_ai", "watsonx_ai", "ibm.watsonx.ai",
			"mistralai", "mistral_ai", "az.ai.inference", "azure.ai.inference");

	/** The MCP methods the conventions list ({@code mcp.md}). */
	static final Set<String> MCP_METHODS = Set.of("initialize", "ping", "notifications/initialized",
			"notifications/cancelled", "notifications/progress", "notifications/message", "resources/list",
			"resources/templates/list", "resources/read", "resources/subscribe", "resources/unsubscribe",
			"notifications/resources/list_changed", "notifications/resources/updated", "prompts/list", "prompts/get",
			"notifications/prompts/list_changed", "tools/list", "tools/call", "notifications/tools/list_changed",
			"logging/setLevel", "sampling/createMessage", "completion/complete", "roots/list",
			"notifications/roots/list_changed", "elicitation/create");

	/** The span types each content attribute may appear on ({@code gen-ai-spans.md}). */
	static final Map<String, Set<SpanFamily>> CONTENT_PLACES = contentPlaces();

	/** The roles of chat messages ({@code gen-ai-input-messages.json}). */
	static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

	/**
	 * A low-cardinality error type: a class name, an error code, or {@code _OTHER}; never a
	 * message.
	 */
	private static final Pattern ERROR_TYPE = Pattern.compile("[A-Za-z0-9_$.\\-/:]{1,128}");

	private static final Set<String> USAGE_INPUT_PARTS = Set.of("gen_ai.usage.cache_read.input_tokens",
			"gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_write.input_tokens");

	private final AttributeTypes types;

	private final ContentSchemas schemas;

	private final List<ConformanceRule> rules;

	GenAiConformance() {
		this.types = AttributeTypes.forProject();
		this.schemas = new ContentSchemas();
		this.rules = buildRules();
	}

	/**
	 * The rules, in the order they are reported.
	 * @return the rules
	 */
	List<ConformanceRule> rules() {
		return this.rules;
	}

	private List<ConformanceRule> buildRules() {
		List<ConformanceRule> rules = new ArrayList<>();
		// Every span
		rules.add(rule("no-deprecated-attributes",
				"No deprecated GenAI attribute: " + String.join(", ", sorted(DEPRECATED_ATTRIBUTES)) + ".",
				"semantic-conventions model/gen-ai/deprecated/registry-deprecated.yaml",
				"every span", (span) -> true,
				(span) -> span.attributes()
					.keySet()
					.stream()
					.filter(DEPRECATED_ATTRIBUTES::contains)
					.map((key) -> key + " is deprecated")
					.toList()));
		rules.add(rule("no-deprecated-events",
				"No deprecated per-message event (" + String.join(", ", sorted(DEPRECATED_EVENTS)) + ").",
				"semantic-conventions model/gen-ai/deprecated/events-deprecated.yaml",
				"every span", (span) -> true,
				(span) -> span.events()
					.stream()
					.map(Span.Event::getName)
					.filter(DEPRECATED_EVENTS::contains)
					.map((name) -> "event " + name + " is deprecated")
					.toList()));
		rules.add(rule("attribute-types",
				"Every attribute has its type on the wire: the conventions' type for their keys (int64, double, "
						+ "boolean, string, string[]; content as JSON), the declared AttributeKey type for this "
						+ "project's keys.",
				"model/gen-ai/registry.yaml, model/mcp/registry.yaml; project: dev.agenttracing.semconv",
				"every span", (span) -> true, this::typeViolations));
		// Every GenAI span
		rules.add(genAi("operation-name",
				"gen_ai.operation.name is set to a well-known value, the first word of the span name (MCP spans "
						+ "aside).",
				"registry.yaml gen_ai.operation.name; span names in gen-ai-spans.md, gen-ai-agent-spans.md",
				(span) -> {
					String operation = span.string("gen_ai.operation.name");
					if (operation == null) {
						return List.of("gen_ai.operation.name is missing");
					}
					List<String> violations = new ArrayList<>();
					if (!SpanFamily.WELL_KNOWN_OPERATIONS.contains(operation)) {
						violations.add("gen_ai.operation.name '" + operation + "' is not a well-known operation");
					}
					if (SpanFamily.of(span) != SpanFamily.MCP && !span.name().split(" ", 2)[0].equals(operation)) {
						violations.add("span name '" + span.name() + "' does not start with '" + operation + "'");
					}
					return violations;
				}));
		rules.add(genAi("status",
				"Status UNSET on success (never OK); on failure ERROR with error.type set; error.type only on "
						+ "failed spans.",
				"gen-ai-spans.md: span status (Recording Errors), error.type", (span) -> {
					StatusCode status = span.statusCode();
					boolean errorType = span.has("error.type");
					if (status == StatusCode.STATUS_CODE_OK) {
						return List.of("status is OK, expected UNSET on success");
					}
					if (status == StatusCode.STATUS_CODE_ERROR && !errorType) {
						return List.of("status is ERROR without error.type");
					}
					if (status != StatusCode.STATUS_CODE_ERROR && errorType) {
						return List.of("error.type is set but status is " + status);
					}
					return List.of();
				}));
		rules.add(rule("error-type",
				"error.type is low-cardinality: an exception class name, an error code or _OTHER, never a message.",
				"spans.yaml attributes.gen_ai.error (error.type)", "GenAI spans with error.type",
				(span) -> SpanFamily.of(span).isGenAi() && span.has("error.type"), (span) -> {
					String type = span.string("error.type");
					return (type != null && ERROR_TYPE.matcher(type).matches()) ? List.of()
							: List.of("error.type '" + type + "' does not look like a class name or a code");
				}));
		rules.add(genAi("no-spring-ai-dialect",
				"No key of Spring AI's own dialect (spring.ai.*): one span per operation, in today's conventions.",
				"project: DESIGN.md, decision 2",
				(span) -> span.attributes()
					.keySet()
					.stream()
					.filter((key) -> key.startsWith("spring.ai."))
					.map((key) -> key + " is Spring AI's dialect")
					.toList()));
		rules.add(rule("server-port",
				"server.port (int) is set whenever server.address is (Conditionally Required).",
				"gen-ai-spans.md, gen-ai-agent-spans.md: server.port",
				"inference, embeddings, retrieval and invoke_agent spans",
				families(SpanFamily.INFERENCE, SpanFamily.EMBEDDINGS, SpanFamily.RETRIEVAL, SpanFamily.INVOKE_AGENT),
				(span) -> (span.has("server.address") && !span.has("server.port"))
						? List.of("server.address is set without server.port") : List.of()));
		rules.add(rule("usage-tokens",
				"Token counts are not negative; cache read/write input tokens are part of input_tokens, reasoning "
						+ "tokens part of output_tokens.",
				"registry.yaml gen_ai.usage.*", "spans with gen_ai.usage.*",
				(span) -> span.attributes().keySet().stream().anyMatch((key) -> key.startsWith("gen_ai.usage.")),
				this::usageViolations));
		rules.add(rule("positive-only-flags",
				"gen_ai.request.stream and gen_ai.conversation.compacted appear only as true; "
						+ "gen_ai.request.choice.count only when it is not 1.",
				"gen-ai-spans.md: Inference; registry.yaml gen_ai.conversation.compacted", "GenAI spans",
				(span) -> SpanFamily.of(span).isGenAi(), (span) -> {
					List<String> violations = new ArrayList<>();
					for (String flag : List.of("gen_ai.request.stream", "gen_ai.conversation.compacted")) {
						AnyValue value = span.attribute(flag).orElse(null);
						if (value != null && value.hasBoolValue() && !value.getBoolValue()) {
							violations.add(flag + " is false; it is set only when true");
						}
					}
					Long choices = span.integer("gen_ai.request.choice.count");
					if (choices != null && choices == 1) {
						violations.add("gen_ai.request.choice.count is 1; it is set only when not 1");
					}
					return violations;
				}));
		// Inference
		rules.add(family(SpanFamily.INFERENCE, "inference-name",
				"Named '{gen_ai.operation.name} {gen_ai.request.model}', or '{gen_ai.operation.name}' without a "
						+ "model.",
				"gen-ai-spans.md: Inference", (span) -> {
					String operation = span.string("gen_ai.operation.name");
					// A missing operation name is the operation-name rule's violation.
					return (operation != null) ? expectName(span, operation, span.string("gen_ai.request.model"))
							: List.of();
				}));
		rules.add(family(SpanFamily.INFERENCE, "inference-kind", "Kind CLIENT.", "gen-ai-spans.md: Inference",
				(span) -> expectKind(span, SpanKind.SPAN_KIND_CLIENT)));
		rules.add(family(SpanFamily.INFERENCE, "inference-provider",
				"gen_ai.provider.name is set (Required), lower-case, and the conventions' value where they list one "
						+ "(never Spring AI's or gen_ai.system's older names); with provider openai, "
						+ "gen_ai.request.model is Required.",
				"gen-ai-spans.md: Inference, OpenAI; registry.yaml gen_ai.provider.name", (span) -> {
					String provider = span.string("gen_ai.provider.name");
					if (provider == null || provider.isBlank()) {
						return List.of("gen_ai.provider.name is missing");
					}
					List<String> violations = new ArrayList<>();
					if (!provider.equals(provider.toLowerCase(Locale.ROOT))) {
						violations.add("gen_ai.provider.name '" + provider + "' is not lower-case");
					}
					String current = LEGACY_PROVIDER_NAMES.get(provider.toLowerCase(Locale.ROOT));
					if (current != null) {
						violations.add("gen_ai.provider.name '" + provider + "' is an older name of '" + current + "'");
					}
					if (provider.equals("openai") && !span.has("gen_ai.request.model")) {
						violations.add("provider openai requires gen_ai.request.model");
					}
					return violations;
				}));
		rules.add(family(SpanFamily.INFERENCE, "time-to-first-chunk",
				"gen_ai.response.time_to_first_chunk is set only on a streamed call (gen_ai.request.stream=true), "
						+ "in seconds, not negative.",
				"registry.yaml gen_ai.response.time_to_first_chunk; gen-ai-spans.md: Inference", (span) -> {
					AnyValue value = span.attribute("gen_ai.response.time_to_first_chunk").orElse(null);
					if (value == null) {
						return List.of();
					}
					List<String> violations = new ArrayList<>();
					AnyValue stream = span.attribute("gen_ai.request.stream").orElse(null);
					if (stream == null || !stream.getBoolValue()) {
						violations.add("gen_ai.response.time_to_first_chunk is set on a call that was not streamed");
					}
					if (value.hasDoubleValue() && value.getDoubleValue() < 0) {
						violations.add("gen_ai.response.time_to_first_chunk is negative");
					}
					return violations;
				}));
		rules.add(family(SpanFamily.INFERENCE, "finish-reasons",
				"Every gen_ai.response.finish_reasons entry is one of " + String.join(", ", sorted(FINISH_REASONS))
						+ ".",
				"registry.yaml gen_ai.response.finish_reasons; gen-ai-output-messages.json", (span) -> {
					List<String> reasons = span.strings("gen_ai.response.finish_reasons");
					if (reasons == null) {
						return List.of();
					}
					return reasons.stream()
						.filter((reason) -> !FINISH_REASONS.contains(reason))
						.map((reason) -> "finish reason '" + reason + "' is not one of the conventions' values")
						.toList();
				}));
		// invoke_agent
		rules.add(family(SpanFamily.INVOKE_AGENT, "invoke-agent-name",
				"Named 'invoke_agent {gen_ai.agent.name}', or 'invoke_agent' without a name.",
				"gen-ai-agent-spans.md: Invoke agent",
				(span) -> expectName(span, "invoke_agent", span.string("gen_ai.agent.name"))));
		rules.add(family(SpanFamily.INVOKE_AGENT, "invoke-agent-kind",
				"Kind INTERNAL: the agents this project traces run in-process.",
				"gen-ai-agent-spans.md: Invoke agent (internal); project",
				(span) -> expectKind(span, SpanKind.SPAN_KIND_INTERNAL)));
		rules.add(family(SpanFamily.INVOKE_AGENT, "invoke-agent-in-process-attributes",
				"An in-process (INTERNAL) invoke_agent span has no gen_ai.provider.name, gen_ai.agent.id, "
						+ "gen_ai.agent.version or server.*; a remote (CLIENT) one has gen_ai.provider.name.",
				"gen-ai-agent-spans.md: Invoke agent (client, internal)", (span) -> {
					if (span.kind() == SpanKind.SPAN_KIND_CLIENT) {
						return span.has("gen_ai.provider.name") ? List.of()
								: List.of("a remote invoke_agent span requires gen_ai.provider.name");
					}
					return span.attributes()
						.keySet()
						.stream()
						.filter((key) -> key.equals("gen_ai.provider.name") || key.equals("gen_ai.agent.id")
								|| key.equals("gen_ai.agent.version") || key.startsWith("server."))
						.map((key) -> key + " must not be on an in-process invoke_agent span")
						.toList();
				}));
		// execute_tool
		rules.add(family(SpanFamily.EXECUTE_TOOL, "execute-tool-name",
				"gen_ai.tool.name is set (Required) and the span is named 'execute_tool {gen_ai.tool.name}'.",
				"gen-ai-agent-spans.md: Execute tool", (span) -> {
					String tool = span.string("gen_ai.tool.name");
					return (tool == null) ? List.of("gen_ai.tool.name is missing")
							: expectName(span, "execute_tool", tool);
				}));
		rules.add(family(SpanFamily.EXECUTE_TOOL, "execute-tool-kind", "Kind INTERNAL.",
				"gen-ai-agent-spans.md: Execute tool",
				(span) -> expectKind(span, SpanKind.SPAN_KIND_INTERNAL)));
		// retrieval
		rules.add(family(SpanFamily.RETRIEVAL, "retrieval-name",
				"Named 'retrieval {gen_ai.data_source.id}', or 'retrieval' without a data source.", "gen-ai-spans.md: Retrieval",
				(span) -> expectName(span, "retrieval", span.string("gen_ai.data_source.id"))));
		rules.add(family(SpanFamily.RETRIEVAL, "retrieval-kind", "Kind CLIENT.", "gen-ai-spans.md: Retrieval",
				(span) -> expectKind(span, SpanKind.SPAN_KIND_CLIENT)));
		rules.add(family(SpanFamily.RETRIEVAL, "retrieval-top-k",
				"The number of documents asked for is gen_ai.retrieval.top_k, not gen_ai.request.top_k.",
				"gen-ai-spans.md: Retrieval",
				(span) -> span.has("gen_ai.request.top_k")
						? List.of("gen_ai.request.top_k on a retrieval span; use gen_ai.retrieval.top_k") : List.of()));
		// MCP
		rules.add(family(SpanFamily.MCP, "mcp-span",
				"An MCP span is named '{mcp.method.name} {target}' (target: gen_ai.tool.name or gen_ai.prompt.name "
						+ "when there is one), of kind CLIENT or SERVER, with a well-known mcp.method.name; "
						+ "gen_ai.operation.name is execute_tool, and only for tools/call.",
				"mcp.md: spans", (span) -> {
					String method = span.string("mcp.method.name");
					List<String> violations = new ArrayList<>();
					if (!MCP_METHODS.contains(method)) {
						violations.add("mcp.method.name '" + method + "' is not a well-known method");
					}
					String target = (span.string("gen_ai.tool.name") != null) ? span.string("gen_ai.tool.name")
							: span.string("gen_ai.prompt.name");
					violations.addAll(expectName(span, method, target));
					if (span.kind() != SpanKind.SPAN_KIND_CLIENT && span.kind() != SpanKind.SPAN_KIND_SERVER) {
						violations.add("kind is " + span.kind() + ", expected CLIENT or SERVER");
					}
					String operation = span.string("gen_ai.operation.name");
					if (operation != null && !("tools/call".equals(method) && operation.equals("execute_tool"))) {
						violations.add("gen_ai.operation.name '" + operation + "' on an MCP " + method + " span");
					}
					return violations;
				}));
		// Captured content, when present
		rules.add(rule("content-placement",
				"Content attributes appear only on the span types that may carry them: input/output messages on "
						+ "inference and invoke_agent, system instructions on inference, invoke_agent and "
						+ "create_agent, tool definitions on inference and invoke_agent, tool call arguments/result "
						+ "on execute_tool and MCP, retrieval documents on retrieval.",
				"gen-ai-spans.md: Capturing instructions, inputs, and outputs", "spans with content attributes",
				(span) -> span.attributes().keySet().stream().anyMatch(CONTENT_PLACES::containsKey), (span) -> {
					SpanFamily family = SpanFamily.of(span);
					return span.attributes()
						.keySet()
						.stream()
						.filter(CONTENT_PLACES::containsKey)
						.filter((key) -> !CONTENT_PLACES.get(key).contains(family))
						.map((key) -> key + " is not allowed on a " + family + " span")
						.toList();
				}));
		ContentSchemas.SCHEMA_FILES.forEach((key, file) -> rules.add(rule(
				"content-" + key.substring("gen_ai.".length()).replace('.', '-').replace('_', '-'),
				key + " is JSON (a JSON string on spans, or a structured value) valid against the schema "
						+ "gen-ai-schemas/" + file
						+ (key.startsWith("gen_ai.tool.call.")
								? " when it is an object (the conventions expect an object on a best-effort basis: "
										+ "a tool's text or array is reported as that JSON value)."
								: "."),
				"model/gen-ai/gen-ai-" + file.replace(".json", "") + ".json", "spans with " + key, (span) -> span.has(key),
				(span) -> this.schemas.violations(key, span.attribute(key).orElseThrow()))));
		rules.add(rule("content-roles",
				"Chat message roles are system, user, assistant or tool.",
				"gen-ai-input-messages.json, gen-ai-output-messages.json: role",
				"spans with gen_ai.input.messages or gen_ai.output.messages",
				(span) -> span.has("gen_ai.input.messages") || span.has("gen_ai.output.messages"),
				this::roleViolations));
		rules.add(rule("content-output-count",
				"One output message per choice: as many gen_ai.output.messages as gen_ai.response.finish_reasons.",
				"gen-ai-spans.md: one output message per choice", "inference spans with both",
				(span) -> SpanFamily.of(span) == SpanFamily.INFERENCE && span.has("gen_ai.output.messages")
						&& span.has("gen_ai.response.finish_reasons"),
				(span) -> {
					JsonNode messages = json(span, "gen_ai.output.messages");
					List<String> reasons = span.strings("gen_ai.response.finish_reasons");
					if (messages == null || !messages.isArray() || reasons == null) {
						return List.of();
					}
					return (messages.size() == reasons.size()) ? List.of()
							: List.of(messages.size() + " output messages for " + reasons.size() + " finish reasons");
				}));
		return List.copyOf(rules);
	}

	/**
	 * Check spans against every rule that applies to them.
	 * @param spans the spans
	 * @return the outcome, span by span
	 */
	ConformanceResult check(WireSpans spans) {
		List<ConformanceResult.SpanResult> results = new ArrayList<>();
		for (WireSpan span : spans.all()) {
			Map<ConformanceRule, List<String>> outcomes = new LinkedHashMap<>();
			for (ConformanceRule rule : this.rules) {
				if (rule.appliesTo(span)) {
					outcomes.put(rule, List.copyOf(rule.violations(span)));
				}
			}
			results.add(new ConformanceResult.SpanResult(span, SpanFamily.of(span), outcomes));
		}
		return new ConformanceResult(this.rules, results);
	}

	private List<String> typeViolations(WireSpan span) {
		List<String> violations = new ArrayList<>();
		span.attributes().forEach((key, value) -> {
			String violation = this.types.violation(key, value);
			if (violation != null) {
				violations.add(violation);
			}
		});
		return violations;
	}

	private List<String> usageViolations(WireSpan span) {
		List<String> violations = new ArrayList<>();
		span.attributes().forEach((key, value) -> {
			if (key.startsWith("gen_ai.usage.") && value.hasIntValue() && value.getIntValue() < 0) {
				violations.add(key + " is negative");
			}
		});
		Long input = span.integer("gen_ai.usage.input_tokens");
		for (String part : USAGE_INPUT_PARTS) {
			Long tokens = span.integer(part);
			if (tokens != null && (input == null || tokens > input)) {
				violations.add(part + " (" + tokens + ") is not part of gen_ai.usage.input_tokens (" + input + ")");
			}
		}
		Long output = span.integer("gen_ai.usage.output_tokens");
		Long reasoning = span.integer("gen_ai.usage.reasoning.output_tokens");
		if (reasoning != null && (output == null || reasoning > output)) {
			violations.add("gen_ai.usage.reasoning.output_tokens (" + reasoning
					+ ") is not part of gen_ai.usage.output_tokens (" + output + ")");
		}
		return violations;
	}

	private List<String> roleViolations(WireSpan span) {
		List<String> violations = new ArrayList<>();
		for (String key : List.of("gen_ai.input.messages", "gen_ai.output.messages")) {
			JsonNode messages = json(span, key);
			if (messages == null || !messages.isArray()) {
				continue;
			}
			for (JsonNode message : messages) {
				JsonNode role = message.get("role");
				if (role != null && !ROLES.contains(role.asString())) {
					violations.add(key + " has a message with role '" + role.asString() + "'");
				}
			}
		}
		return violations;
	}

	private static JsonNode json(WireSpan span, String key) {
		try {
			return ContentSchemas.toJson(span.attribute(key).orElseThrow());
		}
		catch (RuntimeException ex) {
			// Reported by the schema rule.
			return null;
		}
	}

	private static List<String> expectName(WireSpan span, String prefix, String suffix) {
		String expected = (suffix != null && !suffix.isBlank()) ? prefix + " " + suffix : prefix;
		return span.name().equals(expected) ? List.of()
				: List.of("name is '" + span.name() + "', expected '" + expected + "'");
	}

	private static List<String> expectKind(WireSpan span, SpanKind kind) {
		return (span.kind() == kind) ? List.of()
				: List.of("kind is " + span.kind().name().replace("SPAN_KIND_", "") + ", expected "
						+ kind.name().replace("SPAN_KIND_", ""));
	}

	private static ConformanceRule rule(String id, String requirement, String source, String scope,
			Predicate<WireSpan> appliesTo, Function<WireSpan, List<String>> check) {
		return new ConformanceRule(id, requirement, source, scope, appliesTo, check);
	}

	private static ConformanceRule genAi(String id, String requirement, String source,
			Function<WireSpan, List<String>> check) {
		return rule(id, requirement, source, "GenAI spans", (span) -> SpanFamily.of(span).isGenAi(), check);
	}

	private static ConformanceRule family(SpanFamily family, String id, String requirement, String source,
			Function<WireSpan, List<String>> check) {
		return rule(id, requirement, source, family.label() + " spans",
				(span) -> SpanFamily.of(span) == family, check);
	}

	private static Predicate<WireSpan> families(SpanFamily... families) {
		Set<SpanFamily> set = EnumSet.of(families[0], families);
		return (span) -> set.contains(SpanFamily.of(span));
	}

	private static List<String> sorted(Set<String> values) {
		return values.stream().sorted().toList();
	}

	private static Map<String, Set<SpanFamily>> contentPlaces() {
		Set<SpanFamily> agentOrModel = EnumSet.of(SpanFamily.INFERENCE, SpanFamily.INVOKE_AGENT,
				SpanFamily.OTHER_GENAI);
		Set<SpanFamily> tools = EnumSet.of(SpanFamily.EXECUTE_TOOL, SpanFamily.MCP);
		Map<String, Set<SpanFamily>> places = new LinkedHashMap<>();
		places.put("gen_ai.input.messages", agentOrModel);
		places.put("gen_ai.output.messages", agentOrModel);
		places.put("gen_ai.system_instructions", agentOrModel);
		places.put("gen_ai.tool.definitions", agentOrModel);
		places.put("gen_ai.tool.call.arguments", tools);
		places.put("gen_ai.tool.call.result", tools);
		places.put("gen_ai.retrieval.query.text", EnumSet.of(SpanFamily.RETRIEVAL));
		places.put("gen_ai.retrieval.documents", EnumSet.of(SpanFamily.RETRIEVAL));
		return Map.copyOf(places);
	}

}
