package dev.agenttracing.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Loads saved traces as {@link AgentTraces}, so that a trace captured elsewhere (exported
 * from a backend, an OTLP receiver, the flight recorder, a colleague's bug report) becomes
 * a test fixture:
 * assert on its runs as on runs captured in the test, or compare them with golden traces.
 * <p>
 * The known formats are tried in order and the first that recognises the document reads
 * it: {@link OtlpJsonTraceFormat} and {@link FlightRecorderTraceFormat}. Pass a
 * {@link TraceFormat} to read another.
 * <p>
 * To keep a run captured in a test as a fixture, {@link #save(AgentRunTrace, Path)} it
 * under {@code src/test/resources} (for instance
 * {@code src/test/resources/fixtures/refund.otlp.json}); from the next build on,
 * {@link #loadResource(String)} finds it on the test class path by the path below
 * {@code src/test/resources} ({@code fixtures/refund.otlp.json}).
 */
public final class TraceFixtures {

	private static final List<TraceFormat> FORMATS = List.of(new OtlpJsonTraceFormat(),
			new FlightRecorderTraceFormat());

	private TraceFixtures() {
	}

	/**
	 * The formats tried when none is named.
	 * @return the formats, in the order they are tried
	 */
	public static List<TraceFormat> formats() {
		return FORMATS;
	}

	/**
	 * Load a trace file in any known format.
	 * @param file the file
	 * @return its runs
	 */
	public static AgentTraces load(Path file) {
		return read(readFile(file), null, file.toString());
	}

	/**
	 * Load a trace file in a given format.
	 * @param file the file
	 * @param format its format
	 * @return its runs
	 */
	public static AgentTraces load(Path file, TraceFormat format) {
		return read(readFile(file), format, file.toString());
	}

	/**
	 * Load a trace from the class path, in any known format. In a Maven or Gradle build the
	 * test class path holds {@code src/test/resources}, so a fixture saved at
	 * {@code src/test/resources/fixtures/refund.otlp.json} is at
	 * {@code fixtures/refund.otlp.json}.
	 * @param location the resource's location, for example {@code fixtures/refund.otlp.json}
	 * @return its runs
	 */
	public static AgentTraces loadResource(String location) {
		String path = location.startsWith("/") ? location.substring(1) : location;
		ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
		if (classLoader == null) {
			classLoader = TraceFixtures.class.getClassLoader();
		}
		try (InputStream in = classLoader.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalArgumentException("No trace fixture on the class path at " + path);
			}
			return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read trace fixture " + path, ex);
		}
	}

	/**
	 * Save the trace of a run as OTLP/JSON, every captured span of its trace (those above
	 * the run too), to load later with {@link #load(Path)} or {@link #loadResource(String)}.
	 * Directories are created as needed and an existing file is replaced; a line on standard
	 * output says where the file was written.
	 * @param run the run
	 * @param file the file, for instance
	 * {@code Path.of("src/test/resources/fixtures/refund.otlp.json")} (relative to the
	 * module's directory, where Maven and Gradle run tests)
	 * @return the file
	 */
	public static Path save(AgentRunTrace run, Path file) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(file, new OtlpJsonTraceFormat().write(run.traceSpans()), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not save trace fixture " + file, ex);
		}
		System.out.println("Saved the trace of run " + AbstractTraceSpanAssert.runName(run) + " as OTLP/JSON to "
				+ file.toAbsolutePath());
		return file;
	}

	/**
	 * Read a trace document in any known format.
	 * @param json the document
	 * @return its runs
	 */
	public static AgentTraces parse(String json) {
		return read(json, null, "the document");
	}

	private static AgentTraces read(String json, @Nullable TraceFormat format, String source) {
		JsonNode document = TraceSnapshot.JSON.readTree(json);
		if (format != null) {
			return AgentTraces.of(format.read(document));
		}
		for (TraceFormat candidate : FORMATS) {
			if (candidate.recognises(document)) {
				return AgentTraces.of(candidate.read(document));
			}
		}
		throw new IllegalArgumentException(source + " is in none of the known trace formats "
				+ FORMATS.stream().map(TraceFormat::name).toList());
	}

	private static String readFile(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read trace fixture " + file, ex);
		}
	}

}
