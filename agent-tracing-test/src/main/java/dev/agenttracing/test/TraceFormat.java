package dev.agenttracing.test;

import java.util.List;

import io.opentelemetry.sdk.trace.data.SpanData;
import tools.jackson.databind.JsonNode;

/**
 * A JSON format that traces are saved in, read into spans by {@link TraceFixtures}. A
 * format recognises its own documents, so that a fixture file can be loaded without
 * naming its format.
 *
 * @see OtlpJsonTraceFormat
 */
public interface TraceFormat {

	/**
	 * The format's name, for messages.
	 * @return the name
	 */
	String name();

	/**
	 * Whether a document is in this format.
	 * @param document the parsed document
	 * @return whether {@link #read(JsonNode)} can read it
	 */
	boolean recognises(JsonNode document);

	/**
	 * The spans of a document.
	 * @param document the parsed document
	 * @return its spans, with their attribute types as the format records them
	 * @throws IllegalArgumentException if the document is not valid in this format
	 */
	List<SpanData> read(JsonNode document);

}
