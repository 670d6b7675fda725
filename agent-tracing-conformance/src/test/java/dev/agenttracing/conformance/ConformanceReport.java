package dev.agenttracing.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.agenttracing.semconv.SemconvVersion;

/**
 * The Markdown the conformance suite writes: the rule list ({@code docs/conformance.md}
 * is a copy of it) and {@code target/conformance-report.md}, which lists the rules and
 * every span checked, run by run. Each test run publishes its section as a file, and the
 * report is put together again from all sections, so that it holds every run of the
 * build whatever their order.
 */
final class ConformanceReport {

	private static final String REPORT_PROPERTY = "conformance.report";

	private ConformanceReport() {
	}

	/**
	 * The rule list, as {@code docs/conformance.md} holds it.
	 * @param rules the rules
	 * @return the Markdown
	 */
	static String ruleList(List<ConformanceRule> rules) {
		return "# Wire conformance: the rules\n\n"
				+ "<!-- Generated from GenAiConformance (agent-tracing-conformance). ConformanceRulesTests fails when\n"
				+ "     this copy is out of date, and writes the current list to target/conformance-rules.md. -->\n\n"
				+ introduction() + "\n" + ruleTable(rules);
	}

	private static String introduction() {
		return """
				Every span the sample emits is exported by Spring Boot's OTLP exporter, over gRPC and over
				HTTP/protobuf, into a receiver started by the tests, and checked as received, with the types
				it had on the wire, against the rules below. The conventions are the OpenTelemetry GenAI
				semantic conventions (`open-telemetry/semantic-conventions-genai`) pinned in `SemconvVersion`:
				release `%s`,
				schema `%s`.
				Rules marked *project* are this project's own claims. Rules on captured content apply when a
				span carries content; their JSON schemas are in
				`agent-tracing-conformance/src/test/resources/gen-ai-schemas`. Each run's report, span by span,
				is written to `agent-tracing-conformance/target/conformance-report.md`.
				""".formatted(SemconvVersion.RELEASE, SemconvVersion.SCHEMA_URL);
	}

	private static String ruleTable(List<ConformanceRule> rules) {
		StringBuilder md = new StringBuilder();
		md.append("| Rule | Requirement | Applies to | Source |\n");
		md.append("|---|---|---|---|\n");
		for (ConformanceRule rule : rules) {
			md.append("| `").append(rule.id()).append("` | ").append(cell(rule.requirement())).append(" | ")
				.append(cell(rule.scope())).append(" | ").append(cell(rule.source())).append(" |\n");
		}
		return md.toString();
	}

	/**
	 * One run's section of the report: the rules with their counts, then every span
	 * checked.
	 * @param title the run
	 * @param description what was run, and how it travelled
	 * @param result what the check found
	 * @return the Markdown
	 */
	static String section(String title, String description, ConformanceResult result) {
		StringBuilder md = new StringBuilder();
		md.append("## ").append(title).append("\n\n").append(description).append("\n\n");
		long traces = result.spans().stream().map((span) -> span.span().traceId()).distinct().count();
		long genAi = result.spans().stream().filter((span) -> span.family().isGenAi()).count();
		List<String> violations = result.violations();
		md.append(result.spans().size()).append(" spans in ").append(traces).append(" traces, ").append(genAi)
			.append(" of them GenAI spans; ").append(violations.size()).append(" violations.\n\n");
		md.append("| Rule | Spans checked | Spans failing |\n|---|---|---|\n");
		for (ConformanceRule rule : result.rules()) {
			md.append("| `").append(rule.id()).append("` | ").append(result.checked(rule)).append(" | ")
				.append(result.failed(rule)).append(" |\n");
		}
		md.append("\n| Trace | Span | Kind | Service | Type | Rules checked | Result |\n|---|---|---|---|---|---|---|\n");
		for (ConformanceResult.SpanResult span : result.spans()) {
			WireSpan wire = span.span();
			String rules = span.outcomes().keySet().stream().map(ConformanceRule::id).collect(Collectors.joining(", "));
			String outcome = span.conforms() ? "pass"
					: span.outcomes()
						.entrySet()
						.stream()
						.filter((entry) -> !entry.getValue().isEmpty())
						.map((entry) -> "**" + entry.getKey().id() + "**: " + String.join("; ", entry.getValue()))
						.collect(Collectors.joining("<br>"));
			md.append("| `").append(wire.traceId(), 0, 8).append("` | ").append(cell(wire.name())).append(" | ")
				.append(wire.kind().name().replace("SPAN_KIND_", "")).append(" | ").append(cell(wire.serviceName()))
				.append(" | ").append(span.family().label()).append(" | ").append(rules)
				.append(" | ").append(cell(outcome)).append(" |\n");
		}
		return md.append('\n').toString();
	}

	/**
	 * Publish one run's section and write the report again with every section published
	 * so far.
	 * @param id the section's id (its order in the report)
	 * @param markdown the section
	 * @param rules the rules, listed at the top
	 * @return the report file
	 */
	static Path publish(String id, String markdown, List<ConformanceRule> rules) {
		Path report = Path.of(System.getProperty(REPORT_PROPERTY, "target/conformance-report.md"));
		Path sections = report.resolveSibling("conformance-sections");
		try {
			Files.createDirectories(sections);
			Files.writeString(sections.resolve(id + ".md"), markdown, StandardCharsets.UTF_8);
			StringBuilder md = new StringBuilder("# GenAI conformance report\n\n");
			md.append(introduction()).append("\n## Rules\n\n").append(ruleTable(rules)).append('\n');
			try (Stream<Path> files = Files.list(sections)) {
				for (Path file : files.sorted().toList()) {
					md.append(Files.readString(file, StandardCharsets.UTF_8));
				}
			}
			Files.writeString(report, md, StandardCharsets.UTF_8);
			return report;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("\n", " ");
	}

}
