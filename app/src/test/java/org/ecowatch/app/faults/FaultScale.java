package org.ecowatch.app.faults;

/**
 * How big the fault suite runs. CI runs the small scale (the default); a person runs the full scale the issue
 * asks for with {@code -Dfaults.scale=full} (docs/RELIABILITY.md). Each fault picks its own numbers with
 * {@link #pick(long, long)}.
 */
final class FaultScale {
    static final String PROPERTY = "faults.scale";

    private FaultScale() {}

    static boolean full() {
        String scale = System.getProperty(PROPERTY, "small");
        return switch (scale) {
            case "small" -> false;
            case "full" -> true;
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + "=" + scale + ": use small (the default, as in CI) or full");
        };
    }

    static String name() {
        return full() ? "full" : "small";
    }

    static long pick(long small, long full) {
        return full() ? full : small;
    }

    static int pick(int small, int full) {
        return full() ? full : small;
    }
}
