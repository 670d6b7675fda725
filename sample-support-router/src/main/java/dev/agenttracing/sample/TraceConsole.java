package dev.agenttracing.sample;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Prints each finished agent trace as a compact tree in the terminal: span names,
 * durations, the attributes that matter when debugging, the outcome and the
 * {@code workflow.run_id}. It holds a trace's spans until the trace's root ends, keeps
 * at most {@value #MAX_TRACES} traces in flight, and prints only traces that hold an
 * agent run. One instance can serve several applications in the same JVM.
 */
public final class TraceConsole implements SpanProcessor {

	static final int MAX_TRACES = 256;

	private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");

	private final PrintStream out;

	private final Map<String, List<SpanData>> traces = new LinkedHashMap<>();

	public TraceConsole(PrintStream out) {
		this.out = out;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		SpanData data = span.toSpanData();
		List<SpanData> finished;
		synchronized (this.traces) {
			this.traces.computeIfAbsent(data.getTraceId(), (id) -> new ArrayList<>()).add(data);
			if (data.getParentSpanContext().isValid()) {
				if (this.traces.size() > MAX_TRACES) {
					String oldest = this.traces.keySet().iterator().next();
					this.traces.remove(oldest);
				}
				return;
			}
			finished = this.traces.remove(data.getTraceId());
		}
		if (finished.stream().anyMatch((s) -> "invoke_agent".equals(s.getAttributes().get(OPERATION)))) {
			this.out.print(render(finished));
			this.out.flush();
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	/**
	 * The tree of one trace as text.
	 * @param spans the spans of the trace
	 * @return the rendering
	 */
	public static String render(List<SpanData> spans) {
		StringBuilder text = new StringBuilder();
		SpanData root = spans.stream()
			.filter((s) -> !s.getParentSpanContext().isValid())
			.findFirst()
			.orElse(spans.get(0));
		SpanData run = spans.stream()
			.filter((s) -> "invoke_agent".equals(s.getAttributes().get(OPERATION)))
			.min(Comparator.comparingLong(SpanData::getStartEpochNanos))
			.orElse(root);
		text.append("\n── ")
			.append(run.getName())
			.append(" · outcome=")
			.append(run.getAttributes().get(AttributeKey.stringKey("agent.outcome")))
			.append(" · workflow.run_id=")
			.append(run.getAttributes().get(AttributeKey.stringKey("workflow.run_id")))
			.append(" · trace ")
			.append(root.getTraceId())
			.append('\n');
		print(root, spans, "", "", text);
		return text.toString();
	}

	private static void print(SpanData span, List<SpanData> spans, String lead, String childLead,
			StringBuilder text) {
		long millis = TimeUnit.NANOSECONDS.toMillis(span.getEndEpochNanos() - span.getStartEpochNanos());
		String label = lead + span.getName();
		text.append(String.format("%-58s %6d ms  %s%n", label, millis, details(span)));
		List<SpanData> children = spans.stream()
			.filter((s) -> s.getParentSpanId().equals(span.getSpanId()))
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
			.toList();
		for (int i = 0; i < children.size(); i++) {
			boolean last = i == children.size() - 1;
			print(children.get(i), spans, childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "),
					text);
		}
	}

	/** The attributes shown, with their short labels. */
	private static final Map<String, String> SHOWN = shown();

	private static Map<String, String> shown() {
		Map<String, String> shown = new LinkedHashMap<>();
		shown.put("agent.outcome", "outcome");
		shown.put("agent.refusal.reason", "refusal");
		shown.put("user.id", "user");
		shown.put("gen_ai.conversation.id", "conversation");
		shown.put("gen_ai.response.finish_reasons", "finish");
		shown.put("agent.response.truncated", "truncated");
		shown.put("gen_ai.tool.call.id", "call");
		shown.put("gen_ai.data_source.id", "source");
		shown.put("gen_ai.retrieval.top_k", "top_k");
		shown.put("agent.model_calls", "model_calls");
		shown.put("agent.tool_calls", "tool_calls");
		shown.put("agent.findings", "findings");
		shown.put("error.type", "error");
		return shown;
	}

	private static String details(SpanData span) {
		Map<String, Object> shown = new LinkedHashMap<>();
		SHOWN.forEach((key, label) -> {
			Object value = span.getAttributes().asMap().entrySet()
				.stream()
				.filter((entry) -> entry.getKey().getKey().equals(key))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
			if (value != null) {
				shown.put(label, value);
			}
		});
		Object input = span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"));
		Object output = span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"));
		if (input != null || output != null) {
			shown.put("tokens", input + "/" + output);
		}
		String result = span.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.result"));
		if (result != null) {
			shown.put("result", (result.length() > 60) ? result.substring(0, 57) + "..." : result);
		}
		String status = (span.getStatus().getStatusCode() == StatusCode.ERROR) ? "ERROR " : "";
		String findings = span.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("agent.finding"))
			.map((event) -> event.getAttributes().get(AttributeKey.stringKey("agent.finding.kind")))
			.collect(Collectors.joining(","));
		if (!findings.isEmpty()) {
			// The span a finding concerns stands out in the tree.
			status = "⚠ FINDING " + findings + " " + status;
		}
		return status + shown.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
	}

}
