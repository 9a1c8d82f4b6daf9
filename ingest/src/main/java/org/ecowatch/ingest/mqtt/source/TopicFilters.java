package org.ecowatch.ingest.mqtt.source;

/** MQTT topic-filter syntax checks (MQTT 5 §4.7), so a typo fails the build, not the subscribe. */
final class TopicFilters {

    private TopicFilters() {}

    /** What is wrong with {@code filter}, or {@code null} when it is a valid plain topic filter. */
    static String problemWith(String filter) {
        if (filter == null || filter.isEmpty()) {
            return "is empty";
        }
        if (filter.startsWith("$share/")) {
            return "must not start with $share/: the source adds the shared-subscription prefix itself";
        }
        if (filter.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "may use '#' only as the whole last level";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "may use '+' only as a whole level";
            }
        }
        return null;
    }
}
