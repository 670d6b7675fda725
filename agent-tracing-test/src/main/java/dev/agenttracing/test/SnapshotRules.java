package dev.agenttracing.test;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link TraceSnapshot} leaves out or replaces so that two runs of the same
 * behaviour give the same snapshot. Trace and span ids, timestamps, durations, resource
 * and scope are always left out. By default, besides:
 * <ul>
 * <li>the values of {@code workflow.run_id}, {@code gen_ai.response.id} and
 * {@code gen_ai.tool.call.id} are replaced by placeholders numbered in order of first
 * appearance ({@code <workflow.run_id #1>}), so a sub-agent that shares its caller's run
 * id still visibly shares it, and a tool call id quoted in captured messages gets the
 * placeholder of its tool call;</li>
 * <li>{@code exception.stacktrace}, {@code thread.id} and {@code thread.name} are left
 * out, and so are the sampling decision's attributes ({@code agent.sampling.*}): they say
 * why the trace was kept, which depends on the environment's sampling settings, not what
 * the agent did;</li>
 * <li>the tools offered to the model, {@code gen_ai.tool.definitions}, are sorted by
 * name: Spring AI lists a tool object's methods in the order reflection gives them, which
 * can change from one JVM run to the next.</li>
 * </ul>
 * Rules are immutable; each method returns new rules.
 */
public final class SnapshotRules {

	private static final SnapshotRules DEFAULTS = new SnapshotRules(
			List.of("workflow.run_id", "gen_ai.response.id", "gen_ai.tool.call.id"),
			List.of("exception.stacktrace", "thread.id", "thread.name", "agent.sampling.*"),
			Map.of("gen_ai.tool.definitions", "name"));

	private final Set<String> idKeys;

	private final Set<String> ignoredKeys;

	private final Map<String, String> sortedArrays;

	private SnapshotRules(Iterable<String> idKeys, Iterable<String> ignoredKeys, Map<String, String> sortedArrays) {
		this.idKeys = new LinkedHashSet<>();
		idKeys.forEach(this.idKeys::add);
		this.ignoredKeys = new LinkedHashSet<>();
		ignoredKeys.forEach(this.ignoredKeys::add);
		this.sortedArrays = new LinkedHashMap<>(sortedArrays);
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
		SnapshotRules rules = copy();
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
		SnapshotRules rules = copy();
		rules.ignoredKeys.addAll(List.of(keys));
		return rules;
	}

	/**
	 * These rules, and the JSON array of objects in this attribute sorted by one of their
	 * fields, for lists whose order the framework does not keep from run to run.
	 * @param key the attribute key
	 * @param field the field of the array's objects to sort by
	 * @return the new rules
	 */
	public SnapshotRules sortingJsonArray(String key, String field) {
		SnapshotRules rules = copy();
		rules.sortedArrays.put(key, field);
		return rules;
	}

	private SnapshotRules copy() {
		return new SnapshotRules(this.idKeys, this.ignoredKeys, this.sortedArrays);
	}

	boolean isId(String key) {
		return this.idKeys.contains(key);
	}

	/** The field to sort this attribute's JSON array by, or {@code null}. */
	@Nullable String sortField(String key) {
		return this.sortedArrays.get(key);
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
