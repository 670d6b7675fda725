package dev.agenttracing.test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link TraceSnapshot} leaves out or replaces so that two runs of the same
 * behaviour give the same snapshot. Trace and span ids, timestamps, durations, resource
 * and scope are always left out. By default, besides:
 * <ul>
 * <li>the values of {@code workflow.run_id}, {@code gen_ai.response.id} and
 * {@code gen_ai.tool.call.id} are replaced by placeholders numbered in order of first
 * appearance ({@code <workflow.run_id #1>}), so a sub-agent that shares its caller's run
 * id still visibly shares it;</li>
 * <li>{@code exception.stacktrace}, {@code thread.id} and {@code thread.name} are left
 * out, and so are the sampling decision's attributes ({@code agent.sampling.*}): they say
 * why the trace was kept, which depends on the environment's sampling settings, not what
 * the agent did.</li>
 * </ul>
 * Rules are immutable; each method returns new rules.
 */
public final class SnapshotRules {

	private static final SnapshotRules DEFAULTS = new SnapshotRules(
			List.of("workflow.run_id", "gen_ai.response.id", "gen_ai.tool.call.id"),
			List.of("exception.stacktrace", "thread.id", "thread.name", "agent.sampling.*"));

	private final Set<String> idKeys;

	private final Set<String> ignoredKeys;

	private SnapshotRules(Iterable<String> idKeys, Iterable<String> ignoredKeys) {
		this.idKeys = new LinkedHashSet<>();
		idKeys.forEach(this.idKeys::add);
		this.ignoredKeys = new LinkedHashSet<>();
		ignoredKeys.forEach(this.ignoredKeys::add);
	}

	/**
	 * The default rules.
	 * @return the rules
	 */
	public static SnapshotRules defaults() {
		return DEFAULTS;
	}

	/**
	 * These rules, and the values of these attributes replaced by numbered placeholders
	 * (ids that differ from run to run, such as a random conversation id).
	 * @param keys attribute keys
	 * @return the new rules
	 */
	public SnapshotRules replacingIds(String... keys) {
		SnapshotRules rules = new SnapshotRules(this.idKeys, this.ignoredKeys);
		rules.idKeys.addAll(List.of(keys));
		return rules;
	}

	/**
	 * These rules, and these attributes left out (span and event attributes). A key
	 * ending in {@code *} leaves out every key that starts with what precedes it, for
	 * example {@code "http.*"}.
	 * @param keys attribute keys or prefixes
	 * @return the new rules
	 */
	public SnapshotRules ignoringAttributes(String... keys) {
		SnapshotRules rules = new SnapshotRules(this.idKeys, this.ignoredKeys);
		rules.ignoredKeys.addAll(List.of(keys));
		return rules;
	}

	boolean isId(String key) {
		return this.idKeys.contains(key);
	}

	boolean isIgnored(String key) {
		for (String ignored : this.ignoredKeys) {
			if (ignored.endsWith("*") ? key.startsWith(ignored.substring(0, ignored.length() - 1))
					: key.equals(ignored)) {
				return true;
			}
		}
		return false;
	}

}
