package dev.agenttracing.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.semconv.AgentAttributes;

/**
 * A finding of a run as its trace shows it: an {@code agent.finding} event on the span of
 * the step it concerns, or a kind its run span's {@code agent.findings} lists when no span
 * of the run carries an event of that kind (a fixture that kept the run span only, a step
 * span the export dropped).
 *
 * @param kind {@code agent.finding.kind}
 * @param message {@code agent.finding.message}, when there is one
 * @param span the span that carries the event; the run's span for a kind that is only listed
 * @param attributes the event's attributes (what the detector measured); empty for a kind that is only listed
 * @param listedOnly whether the run span lists the kind but no span carries its event
 */
record RunFinding(String kind, @Nullable String message, SpanData span, Attributes attributes, boolean listedOnly) {

	/**
	 * The findings of a run: the events on its span and on its own spans (not a sub-agent's),
	 * in time order, then the kinds its span lists that no event of those spans shows.
	 * @param run the run
	 * @return its findings
	 */
	static List<RunFinding> of(AgentRunTrace run) {
		List<SpanData> spans = new ArrayList<>();
		spans.add(run.span());
		spans.addAll(run.ownSpans());
		List<EventAt> events = new ArrayList<>();
		for (SpanData span : spans) {
			for (EventData event : span.getEvents()) {
				if (AgentAttributes.FINDING_EVENT.equals(event.getName())) {
					events.add(new EventAt(span, event));
				}
			}
		}
		events.sort(Comparator.comparingLong((EventAt at) -> at.event().getEpochNanos()));
		List<RunFinding> findings = new ArrayList<>();
		for (EventAt at : events) {
			Attributes attributes = at.event().getAttributes();
			Object kind = AttributeValues.get(attributes, AgentAttributes.FINDING_KIND);
			Object message = AttributeValues.get(attributes, AgentAttributes.FINDING_MESSAGE);
			findings.add(new RunFinding((kind != null) ? String.valueOf(kind) : "(no kind)",
					(message != null) ? String.valueOf(message) : null, at.span(), attributes, false));
		}
		List<String> listed = run.span().getAttributes().get(AgentAttributes.FINDINGS);
		if (listed != null) {
			for (String kind : listed) {
				if (findings.stream().noneMatch((finding) -> finding.kind().equals(kind))) {
					findings.add(new RunFinding(kind, null, run.span(), Attributes.empty(), true));
				}
			}
		}
		return findings;
	}

	/**
	 * The finding for a failure message: its kind, where it is, and its message.
	 * @return the description
	 */
	String describe() {
		if (this.listedOnly) {
			return this.kind + " (listed in " + AgentAttributes.FINDINGS.getKey() + " of the run, no "
					+ AgentAttributes.FINDING_EVENT + " event)";
		}
		return this.kind + " on '" + this.span.getName() + "'"
				+ ((this.message != null) ? ": " + this.message : " (no " + AgentAttributes.FINDING_MESSAGE + ")");
	}

	static String describe(List<RunFinding> findings) {
		StringBuilder text = new StringBuilder();
		for (RunFinding finding : findings) {
			text.append(String.format("%n  - ")).append(finding.describe());
		}
		return text.toString();
	}

	private record EventAt(SpanData span, EventData event) {
	}

}
