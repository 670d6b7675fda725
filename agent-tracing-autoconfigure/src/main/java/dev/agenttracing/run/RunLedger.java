package dev.agenttracing.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the diagnosis of one run remembers between its steps, bounded whatever the run
 * does: the tool results (at most {@value #MAX_TOOL_RESULTS}, each cut to
 * {@value #MAX_VALUE_CHARS} characters), the tool failures not yet answered for (at most
 * {@value #MAX_TOOL_FAILURES}), how often each tool was called with each arguments (at
 * most {@value #MAX_DISTINCT_CALLS} distinct calls, the arguments cut to
 * {@value #MAX_KEY_CHARS} characters), and the findings so far (by kind, at most
 * {@value #MAX_KINDS} kinds, counted without limit). Made on the run's first diagnosed
 * step; thread-safe.
 * <p>
 * Internal: not part of agent-tracing's API.
 */
public final class RunLedger {

	/** Most tool results kept per run. */
	public static final int MAX_TOOL_RESULTS = 32;

	/** Longest tool result kept, in characters. */
	public static final int MAX_VALUE_CHARS = 8_192;

	/** Most unanswered tool failures kept per run. */
	public static final int MAX_TOOL_FAILURES = 16;

	/** Most distinct (tool, arguments) pairs counted per run. */
	public static final int MAX_DISTINCT_CALLS = 256;

	/** Longest arguments kept as a call's key, in characters. */
	public static final int MAX_KEY_CHARS = 1_024;

	/** Most distinct finding kinds kept per run. */
	public static final int MAX_KINDS = 32;

	private final List<String> toolResults = new ArrayList<>(4);

	private final List<String> failedTools = new ArrayList<>(2);

	private final Map<String, Integer> calls = new HashMap<>();

	/** The arguments of the tools called once so far, not yet in their canonical form. */
	private final Map<String, Object> onlyCall = new HashMap<>();

	private final java.util.Set<String> calledTools = new java.util.HashSet<>();

	private final Map<String, Long> findings = new LinkedHashMap<>(4);

	private long findingCount;

	RunLedger() {
	}

	/**
	 * A tool returned: its result is kept, and an earlier failure of the same tool is
	 * answered for (the tool was retried).
	 * @param tool the tool's name
	 * @param result its result as text
	 */
	public synchronized void toolReturned(String tool, String result) {
		this.failedTools.remove(tool);
		if (this.toolResults.size() < MAX_TOOL_RESULTS) {
			this.toolResults.add((result.length() > MAX_VALUE_CHARS) ? result.substring(0, MAX_VALUE_CHARS) : result);
		}
	}

	/**
	 * A tool failed.
	 * @param tool the tool's name
	 */
	public synchronized void toolFailed(String tool) {
		if (!this.failedTools.contains(tool) && this.failedTools.size() < MAX_TOOL_FAILURES) {
			this.failedTools.add(tool);
		}
	}

	/**
	 * The tools that failed and were not retried successfully since, forgotten once taken.
	 * @return their names
	 */
	public synchronized List<String> takeFailedTools() {
		if (this.failedTools.isEmpty()) {
			return List.of();
		}
		List<String> taken = List.copyOf(this.failedTools);
		this.failedTools.clear();
		return taken;
	}

	/**
	 * The tool results so far.
	 * @return a snapshot
	 */
	public synchronized List<String> toolResults() {
		return List.copyOf(this.toolResults);
	}

	/**
	 * Count one call of a tool with its arguments. The arguments are put in their
	 * canonical form only once the tool is called a second time: most tools are called
	 * once per run.
	 * @param tool the tool
	 * @param arguments its arguments
	 * @param canonical the canonical form of arguments
	 * @return how many times it was called with these arguments in this run, this one
	 * included; 0 when the run has too many distinct calls to count more
	 */
	public synchronized int countCall(String tool, Object arguments,
			java.util.function.Function<Object, String> canonical) {
		if (!this.onlyCall.containsKey(tool) && !this.calledTools.contains(tool)) {
			if (this.calledTools.size() >= MAX_DISTINCT_CALLS) {
				return 0;
			}
			this.calledTools.add(tool);
			this.onlyCall.put(tool, arguments);
			return 1;
		}
		Object first = this.onlyCall.remove(tool);
		if (first != null) {
			count(tool, canonical.apply(first));
		}
		return count(tool, canonical.apply(arguments));
	}

	private int count(String tool, String canonicalArguments) {
		String arguments = (canonicalArguments.length() > MAX_KEY_CHARS)
				? canonicalArguments.substring(0, MAX_KEY_CHARS) + '#' + canonicalArguments.length()
				: canonicalArguments;
		String key = tool + '\u0000' + arguments;
		Integer count = this.calls.get(key);
		if (count == null && this.calls.size() >= MAX_DISTINCT_CALLS) {
			return 0;
		}
		int next = (count != null) ? count + 1 : 1;
		this.calls.put(key, next);
		return next;
	}

	/**
	 * Record a finding of the run.
	 * @param kind its kind
	 */
	public synchronized void finding(String kind) {
		this.findingCount++;
		Long count = this.findings.get(kind);
		if (count != null) {
			this.findings.put(kind, count + 1);
		}
		else if (this.findings.size() < MAX_KINDS) {
			this.findings.put(kind, 1L);
		}
	}

	/**
	 * The kinds of the run's findings, each once, in the order they were first found.
	 * @return the kinds
	 */
	public synchronized List<String> findingKinds() {
		return List.copyOf(this.findings.keySet());
	}

	/**
	 * The number of findings by kind.
	 * @return a snapshot
	 */
	public synchronized Map<String, Long> findingCounts() {
		return new LinkedHashMap<>(this.findings);
	}

	/**
	 * The number of findings of the run.
	 * @return the count
	 */
	public synchronized long findingCount() {
		return this.findingCount;
	}

}
