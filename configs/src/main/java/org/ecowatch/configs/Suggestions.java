package org.ecowatch.configs;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?": the known name closest to a misspelt one. */
final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate closest to {@code input} by edit distance (ignoring case), when it is close enough to be a
     * plausible misspelling: at most a third of the input's length apart (at least 2 edits), or one being a prefix
     * of the other (such as {@code password} and {@code passwordEnv}).
     */
    static Optional<String> closest(String input, Collection<String> candidates) {
        String in = input.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(in, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String b = best.toLowerCase(Locale.ROOT);
        boolean prefix = in.length() >= 3 && (b.startsWith(in) || in.startsWith(b));
        return bestDistance <= Math.max(2, in.length() / 3) || prefix ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** "did you mean `x`? " or nothing: the start of a fix. */
    static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(s -> "did you mean `" + s + "`? ").orElse("");
    }
}
