package dev.agenttracing.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

import org.opentest4j.AssertionFailedError;

/**
 * Golden traces: a run saved as a normalised JSON {@link TraceSnapshot}, and later runs
 * compared with it, so that a change in what the agent does (a step more, a tool called
 * with other arguments, an attribute of another type) fails the test with a diff.
 * <p>
 * A missing golden trace fails the test. To write or rewrite golden traces, run the tests
 * with the system property {@value #UPDATE_PROPERTY} (or the environment variable
 * {@value #UPDATE_ENVIRONMENT_VARIABLE}) set to {@code true}: every compared run is then
 * written to its file instead, and the test passes. Review the change in version control
 * as you review code.
 */
public final class GoldenTraces {

	/** System property that makes golden traces be rewritten rather than compared. */
	public static final String UPDATE_PROPERTY = "agent-tracing.golden.update";

	/** Environment variable that makes golden traces be rewritten rather than compared. */
	public static final String UPDATE_ENVIRONMENT_VARIABLE = "AGENT_TRACING_GOLDEN_UPDATE";

	/** Where golden traces are, relative to the module's directory (the tests' working directory). */
	public static final Path DEFAULT_DIRECTORY = Path.of("src", "test", "resources", "golden-traces");

	private final Path directory;

	private final SnapshotRules rules;

	private final boolean update;

	private GoldenTraces(Path directory, SnapshotRules rules, boolean update) {
		this.directory = directory;
		this.rules = rules;
		this.update = update;
	}

	/**
	 * Golden traces in {@link #DEFAULT_DIRECTORY}, snapshots with the default rules, in
	 * update mode when the system property or environment variable says so.
	 * @return the golden traces
	 */
	public static GoldenTraces standard() {
		return in(DEFAULT_DIRECTORY);
	}

	/**
	 * Golden traces in a directory, snapshots with the default rules, in update mode when
	 * the system property or environment variable says so.
	 * @param directory the directory
	 * @return the golden traces
	 */
	public static GoldenTraces in(Path directory) {
		return new GoldenTraces(directory, SnapshotRules.defaults(),
				updateRequested(System::getProperty, System::getenv));
	}

	/**
	 * These golden traces, with other snapshot rules.
	 * @param rules the rules
	 * @return the golden traces
	 */
	public GoldenTraces withRules(SnapshotRules rules) {
		return new GoldenTraces(this.directory, rules, this.update);
	}

	/**
	 * These golden traces, rewriting files rather than comparing with them, or not.
	 * @param update whether to rewrite
	 * @return the golden traces
	 */
	public GoldenTraces updating(boolean update) {
		return new GoldenTraces(this.directory, this.rules, update);
	}

	/**
	 * The file of a golden trace.
	 * @param name the golden trace's name ({@code .json} optional)
	 * @return the file
	 */
	public Path file(String name) {
		return this.directory.resolve(name.endsWith(".json") ? name : name + ".json");
	}

	/**
	 * Compare a run with its golden trace, or write it there in update mode.
	 * @param run the run
	 * @param name the golden trace's name ({@code .json} optional)
	 * @throws AssertionFailedError if the run differs from the golden trace (with the
	 * expected and actual JSON, so that IDEs offer their diff view) or there is none
	 */
	public void assertMatches(AgentRunTrace run, String name) {
		Path file = file(name);
		TraceSnapshot actual = TraceSnapshot.of(run, this.rules);
		if (this.update) {
			write(file, actual);
			return;
		}
		if (!Files.isRegularFile(file)) {
			throw new AssertionFailedError("No golden trace at " + file.toAbsolutePath() + ". Run the test with -D"
					+ UPDATE_PROPERTY + "=true to write it from this run:\n" + actual.json(), null, actual.json());
		}
		TraceSnapshot expected = TraceSnapshot.parse(read(file));
		if (!expected.equals(actual)) {
			String diff = LineDiff.unified("golden " + file, expected.lines(), "actual run " + runName(run),
					actual.lines());
			throw new AssertionFailedError("Run " + runName(run) + " differs from its golden trace " + file
					+ " (run with -D" + UPDATE_PROPERTY + "=true to accept the change):\n" + diff + "\nThe run:\n"
					+ run.tree(), expected.json(), actual.json());
		}
	}

	static boolean updateRequested(Function<String, String> properties, Function<String, String> environment) {
		String value = properties.apply(UPDATE_PROPERTY);
		if (value == null) {
			value = environment.apply(UPDATE_ENVIRONMENT_VARIABLE);
		}
		return value != null && (value.isEmpty() || value.trim().toLowerCase(Locale.ROOT).equals("true"));
	}

	private static String runName(AgentRunTrace run) {
		return (run.agentName() != null) ? run.agentName() : run.span().getName();
	}

	private static void write(Path file, TraceSnapshot snapshot) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(file, snapshot.json(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write golden trace " + file, ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read golden trace " + file, ex);
		}
	}

}
