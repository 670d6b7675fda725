package dev.agenttracing.sampling;

import dev.agenttracing.semconv.AgentAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * An ended span's data as tail sampling exports it: content attributes removed from the
 * span and its events, and the sampling reason added. Ended spans are immutable, so this
 * is a view over the original data. The attribute counts stay consistent: what the SDK
 * dropped for its limits ({@code totalAttributeCount - attributes.size()}) is unchanged,
 * and removed attributes are not counted as dropped.
 */
final class SampledSpanData extends DelegatingSpanData {

	private final Attributes attributes;

	private final int totalAttributeCount;

	private final List<EventData> events;

	private final boolean contentStripped;

	private SampledSpanData(SpanData delegate, Attributes attributes, int totalAttributeCount, List<EventData> events,
			boolean contentStripped) {
		super(delegate);
		this.attributes = attributes;
		this.totalAttributeCount = totalAttributeCount;
		this.events = events;
		this.contentStripped = contentStripped;
	}

	/**
	 * Rewrite span data.
	 * @param data the original data
	 * @param contentAttributes names of the attributes to remove, empty to keep content
	 * @param reason the sampling reason to add, or {@code null}
	 * @return the rewritten data, or {@code null} when nothing would change
	 */
	static @Nullable SampledSpanData rewrite(SpanData data, Set<String> contentAttributes, @Nullable String reason) {
		Attributes attributes = data.getAttributes();
		int removed = countContent(attributes, contentAttributes);
		List<EventData> events = data.getEvents();
		List<EventData> rewrittenEvents = events;
		for (int i = 0; i < events.size(); i++) {
			EventData event = events.get(i);
			int removedFromEvent = countContent(event.getAttributes(), contentAttributes);
			if (removedFromEvent > 0) {
				if (rewrittenEvents == events) {
					rewrittenEvents = new ArrayList<>(events);
				}
				rewrittenEvents.set(i, EventData.create(event.getEpochNanos(), event.getName(),
						withoutContent(event.getAttributes().toBuilder(), contentAttributes).build(),
						event.getTotalAttributeCount() - removedFromEvent));
			}
		}
		boolean contentStripped = removed > 0 || rewrittenEvents != events;
		if (!contentStripped && reason == null) {
			return null;
		}
		AttributesBuilder builder = attributes.toBuilder();
		if (removed > 0) {
			withoutContent(builder, contentAttributes);
		}
		int added = 0;
		if (reason != null) {
			added = (attributes.get(AgentAttributes.SAMPLING_REASON) != null) ? 0 : 1;
			builder.put(AgentAttributes.SAMPLING_REASON, reason);
		}
		return new SampledSpanData(data, builder.build(), data.getTotalAttributeCount() - removed + added,
				(rewrittenEvents != events) ? List.copyOf(rewrittenEvents) : events, contentStripped);
	}

	boolean contentStripped() {
		return this.contentStripped;
	}

	@Override
	public Attributes getAttributes() {
		return this.attributes;
	}

	@Override
	public int getTotalAttributeCount() {
		return this.totalAttributeCount;
	}

	@Override
	public List<EventData> getEvents() {
		return this.events;
	}

	private static int countContent(Attributes attributes, Set<String> contentAttributes) {
		if (contentAttributes.isEmpty() || attributes.isEmpty()) {
			return 0;
		}
		int count = 0;
		for (AttributeKey<?> key : attributes.asMap().keySet()) {
			if (contentAttributes.contains(key.getKey())) {
				count++;
			}
		}
		return count;
	}

	private static AttributesBuilder withoutContent(AttributesBuilder builder, Set<String> contentAttributes) {
		return builder.removeIf((key) -> contentAttributes.contains(key.getKey()));
	}

}
