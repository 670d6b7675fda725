package dev.agenttracing.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;

/**
 * Golden traces: a run saved as a normalised JSON {@link TraceSnapshot}, and later runs
 * compared with it, so that a change in what the agent does (a step more, a tool called
 * with other arguments, an attribute of another type) fails the test with a diff.
 * <p>
 * A missing golden trace fails the test. To write or rewrite golden traces, run the tests
 * with the system property {@value #UPDATE_PROPERTY} (or the environment variable
 * {@value #UPDATE_ENVIRONMENT_VARIABLE}) set to {@code true}: every compared run is then
 * written to its file instead, the test passes, and a line on standard output says which
 * file was written (or that it was left as it is, when the run is the same JSON as the
 * file already holds). Review the change in version control as you review code.
 * <p>
 * A run matches its golden trace when their snapshots are the same JSON (see
 * {@link TraceSnapshot}): key order never matters, in the snapshot or in JSON held in
 * attribute values; array order does. When they differ, the failure lists the JSON paths
 * where they differ (going on into JSON held in strings), then a line diff in which a long
 * line is cut around its change.
 */
public final class GoldenTraces {

	/** System property that makes golden traces be rewritten rather than compared. */
	public static final String UPDATE_PROPERTY = "agent-tracing.golden.update";

	/** Environment variable that makes golden traces be rewritten rather than compared. */
	public static final String UPDATE_ENVIRONMENT_VARIABLE = "AGENT_TRACING_GOLDEN_UPDATE";

	/** Where golden traces are, relative to the module's directory (the tests' working directory). */
	public static final Path DEFAULT_DIRECTORY = Path.of("src", "test", "resources", "golden-traces");

	/** Differences listed by JSON path in a failure, at most. */
	private static final int LISTED_DIFFERENCES = 10;

	private final Path directory;

	private final SnapshotRules rules;

	private final boolean update;

	private final Consumer<String> report;

	private GoldenTraces(Path directory, SnapshotRules rules, boolean update, Consumer<String> report) {
		this.directory = directory;
		this.rules = rules;
		this.update = update;
		this.report = report;
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
				updateRequested(System::getProperty, System::getenv), System.out::println);
	}

	/**
	 * These golden traces, with other snapshot rules.
	 * @param rules the rules
	 * @return the golden traces
	 */
	public GoldenTraces withRules(SnapshotRules rules) {
		return new GoldenTraces(this.directory, rules, this.update, this.report);
	}

	/**
	 * These golden traces, rewriting files rather than comparing with them, or not.
	 * @param update whether to rewrite
	 * @return the golden traces
	 */
	public GoldenTraces updating(boolean update) {
		return new GoldenTraces(this.directory, this.rules, update, this.report);
	}

	/** These golden traces, saying what update mode wrote somewhere else than standard output. */
	GoldenTraces reportingTo(Consumer<String> report) {
		return new GoldenTraces(this.directory, this.rules, this.update, report);
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
			update(run, file, actual);
			return;
		}
		if (!Files.isRegularFile(file)) {
			throw new AssertionFailedError("No golden trace at " + file.toAbsolutePath() + ". Run the test with -D"
					+ UPDATE_PROPERTY + "=true to write it from this run:\n" + actual.json(), null, actual.json());
		}
		TraceSnapshot expected = TraceSnapshot.parse(read(file));
		if (!expected.equals(actual)) {
			JsonNode expectedTree = expected.tree();
			JsonNode actualTree = actual.tree();
			// The run written in the golden file's key order, so that the diff shows only real changes.
			TraceSnapshot shown = TraceSnapshot.ofTree(JsonComparison.aligned(expectedTree, actualTree));
			List<String> differences = JsonComparison.differences(expectedTree, actualTree, LISTED_DIFFERENCES);
			String diff = LineDiff.unified("golden " + file, expected.lines(), "actual run " + runName(run),
					shown.lines());
			throw new AssertionFailedError("Run " + runName(run) + " differs from its golden trace " + file
					+ " (run with -D" + UPDATE_PROPERTY + "=true to accept the change).\nWhere it differs"
					+ " (JSON paths; -> goes into JSON held in a string; key order never matters):\n  "
					+ String.join("\n  ", differences)
					+ ((differences.size() == LISTED_DIFFERENCES) ? "\n  ..." : "") + "\n\n" + diff
					+ "\nThe run:\n" + run.tree(), expected.json(), shown.json());
		}
	}

	private void update(AgentRunTrace run, Path file, TraceSnapshot actual) {
		if (Files.isRegularFile(file) && TraceSnapshot.parse(read(file)).equals(actual)) {
			this.report.accept("Golden trace " + file.toAbsolutePath() + " left as it is: run " + runName(run)
					+ " is the same JSON (" + UPDATE_PROPERTY + "=true)");
			return;
		}
		write(file, actual);
		this.report.accept("Wrote golden trace " + file.toAbsolutePath() + " from run " + runName(run) + " ("
				+ UPDATE_PROPERTY + "=true): review it and commit it with the test");
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
