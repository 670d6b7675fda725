package dev.agenttracing.test;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The name a misspelled one was most likely meant to be: the closest by edit distance,
 * when it is close enough to be a slip ({@code lookupPrices} for {@code lookupPricing}) and
 * not another name altogether.
 */
final class ClosestName {

	private ClosestName() {
	}

	static Optional<String> to(String wanted, Collection<String> names) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String name : names) {
			int distance = distance(wanted.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
			if (distance < bestDistance && !name.equals(wanted)) {
				best = name;
				bestDistance = distance;
			}
		}
		return (best != null && bestDistance <= Math.max(2, wanted.length() / 3)) ? Optional.of(best)
				: Optional.empty();
	}

	/** Levenshtein distance: insertions, deletions and substitutions. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
