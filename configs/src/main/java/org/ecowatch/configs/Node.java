package org.ecowatch.configs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A value of a parsed YAML file together with its field path ({@code enterprises[3].devices[0].mn}). Its
 * accessors convert the value to the type a binder wants and report to {@link Problems} why they cannot,
 * returning null instead of throwing, so that binding goes on and every problem is reported at once.
 * An absent key and an explicit {@code null} are the same: absent.
 */
final class Node {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SHORTHAND_DURATION =
            Pattern.compile("(?i)\\s*(\\d+)\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)\\s*");

    private final Problems problems;
    private final String file;
    private final String path;
    private final String key;
    private final JsonNode value;

    private Node(Problems problems, String file, String path, String key, JsonNode value) {
        this.problems = problems;
        this.file = file;
        this.path = path;
        this.key = key;
        this.value = value == null ? MissingNode.getInstance() : value;
    }

    static Node root(String file, JsonNode tree, Problems problems) {
        return new Node(problems, file, "", "", tree);
    }

    String path() {
        return path;
    }

    boolean present() {
        return !value.isMissingNode() && !value.isNull();
    }

    void problem(String problem, String fix) {
        problems.add(file, path, problem, fix);
    }

    /** The value under {@code k}; absent when this is not a mapping (the mapping check reports that). */
    Node get(String k) {
        String childPath = SIMPLE_KEY.matcher(k).matches()
                ? (path.isEmpty() ? k : path + "." + k)
                : path + "[\"" + k + "\"]";
        return new Node(problems, file, childPath, k, value.isObject() ? value.get(k) : null);
    }

    /** The items of a list; none when absent. */
    List<Node> items() {
        List<Node> items = new ArrayList<>();
        if (!present()) {
            return items;
        }
        if (!value.isArray()) {
            problem("expected a list, got " + describe(), "write one `- …` item per line, or `[a, b]`");
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            items.add(new Node(problems, file, path + "[" + i + "]", "", value.get(i)));
        }
        return items;
    }

    /** The entries of a mapping in file order; none when absent. */
    Map<String, Node> entries() {
        Map<String, Node> entries = new LinkedHashMap<>();
        if (!isMapping()) {
            return entries;
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            entries.put(name, get(name));
        }
        return entries;
    }

    /** Reports a present value that is not a mapping; true when this is a mapping. */
    boolean isMapping() {
        if (!present()) {
            return false;
        }
        if (!value.isObject()) {
            problem("expected a mapping of `key: value` lines, got " + describe(),
                    "indent the keys of `" + (key.isEmpty() ? path : key) + "` under it, one `key: value` per line");
            return false;
        }
        return true;
    }

    /** The keys of this mapping that are not in {@code known}. */
    List<String> unknownKeys(Collection<String> known) {
        List<String> unknown = new ArrayList<>();
        if (isMapping()) {
            value.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    unknown.add(name);
                }
            });
        }
        return unknown;
    }

    /** Reports every key of this mapping that is not in {@code known}, suggesting the closest known key. */
    void checkKeys(Collection<String> known) {
        unknownKeys(known).forEach(k -> get(k).reportUnknownKey(known));
    }

    void reportUnknownKey(Collection<String> known) {
        problem("unknown key `" + key + "`",
                Suggestions.didYouMean(key, known) + "known keys here: " + String.join(", ", known));
    }

    /** Reports a missing value; {@code example} is what to write, such as {@code PT30S}. */
    Node required(String example) {
        if (!present()) {
            problem("missing required key `" + key + "`", "add `" + key + ": " + example + "`");
        }
        return this;
    }

    String text() {
        if (!present()) {
            return null;
        }
        if (!value.isTextual()) {
            problem("expected text, got " + describe(), value.isValueNode()
                    ? "quote it: `" + assignment("\"" + value.asText() + "\"") + "`"
                      + (value.isNumber() ? " (unquoted digits are read as a number; a leading 0 even as octal)" : "")
                    : "write a single text value");
            return null;
        }
        String text = value.textValue();
        if (text.isBlank()) {
            problem("is empty", "write a value or remove the key");
            return null;
        }
        return text;
    }

    String text(String whenAbsent) {
        return present() ? text() : whenAbsent;
    }

    /** An identifier: {@code [A-Za-z0-9_.-]{1,64}}, the characters allowed in MQTT topics. */
    String id() {
        String text = text();
        if (text != null && !ID.matcher(text).matches()) {
            String example = text.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^-+|-+$", "");
            example = example.isEmpty() ? "ent-001" : example.substring(0, Math.min(64, example.length()));
            problem("\"" + text + "\" is not a valid id",
                    "use 1 to 64 of the characters A-Z a-z 0-9 _ . - only, for example `" + example + "`");
            return null;
        }
        return text;
    }

    /** The name of an environment variable (which holds a secret). */
    String envName() {
        String text = text();
        if (text != null && !ENV_NAME.matcher(text).matches()) {
            problem("\"" + text + "\" is not an environment variable name",
                    "write the NAME of the variable that holds the secret, such as `ECOWATCH_MQTT_PASSWORD`,"
                            + " never the secret itself");
            return null;
        }
        return text;
    }

    /** A finite number. */
    Double number() {
        if (!present()) {
            return null;
        }
        if (value.isNumber() && Double.isFinite(value.doubleValue())) {
            return value.doubleValue();
        }
        String fix = value.isTextual() && isNumeric(value.textValue())
                ? "remove the quotes: `" + assignment(value.textValue().trim()) + "`"
                : "write a plain number, such as `" + assignment("100.0") + "`";
        problem("expected a number, got " + describe(), fix);
        return null;
    }

    /** A number greater than zero. */
    Double positive() {
        Double number = number();
        if (number != null && number <= 0) {
            problem("must be greater than 0, got " + value.asText(), "write a positive number");
            return null;
        }
        return number;
    }

    /** A whole number from {@code min} to {@code max}. */
    Integer integer(int min, int max) {
        if (!present()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem("expected a whole number, got " + describe(), "write a whole number from " + min + " to " + max);
            return null;
        }
        int n = value.intValue();
        if (n < min || n > max) {
            problem("must be from " + min + " to " + max + ", got " + n, "write a whole number from " + min + " to " + max);
            return null;
        }
        return n;
    }

    /** The number, or {@code whenAbsent} when absent or wrong (then reported, and loading fails anyway). */
    int integer(int min, int max, int whenAbsent) {
        Integer n = present() ? integer(min, max) : null;
        return n == null ? whenAbsent : n;
    }

    Boolean bool() {
        if (!present()) {
            return null;
        }
        if (!value.isBoolean()) {
            problem("expected true or false, got " + describe(), "write `" + assignment("true") + "` or `"
                    + assignment("false") + "`");
            return null;
        }
        return value.booleanValue();
    }

    boolean bool(boolean whenAbsent) {
        Boolean b = present() ? bool() : null;
        return b == null ? whenAbsent : b;
    }

    /** A positive ISO-8601 duration such as {@code PT30S}. */
    Duration duration() {
        if (!present()) {
            return null;
        }
        String example = value.isNumber() ? "PT" + value.asText() + "S" : shorthandToIso(value.asText());
        String fix = example != null
                ? "write `" + assignment(example) + "`"
                : "write an ISO-8601 duration such as `PT30S`, `PT1M` or `PT4H`";
        if (!value.isTextual()) {
            problem("expected an ISO-8601 duration, got " + describe(), fix
                    + (value.isNumber() ? " if you mean seconds" : ""));
            return null;
        }
        Duration d;
        try {
            d = Duration.parse(value.textValue().trim());
        } catch (DateTimeParseException e) {
            problem("\"" + value.textValue() + "\" is not an ISO-8601 duration", fix);
            return null;
        }
        if (d.isNegative() || d.isZero()) {
            problem("must be longer than zero, got " + value.textValue(), "write a positive duration such as `PT30S`");
            return null;
        }
        return d;
    }

    Duration duration(Duration whenAbsent) {
        return present() ? duration() : whenAbsent;
    }

    /** An ISO-8601 timestamp with an offset, such as {@code 2026-11-20T09:00:00+08:00}. */
    Instant instant() {
        String text = text();
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                LocalDateTime.parse(text.trim());
                problem("timestamp \"" + text + "\" has no UTC offset",
                        "append the offset: `" + assignment(text.trim() + "+08:00") + "` (for China Standard Time)");
            } catch (DateTimeParseException notLocalEither) {
                problem("\"" + text + "\" is not an ISO-8601 timestamp",
                        "write it like `" + assignment("2026-11-20T09:00:00+08:00") + "`");
            }
            return null;
        }
    }

    ZoneId zone() {
        String text = text();
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            problem("unknown time zone \"" + text + "\"",
                    Suggestions.closest(text, ZoneId.getAvailableZoneIds())
                            .map(z -> "write `" + assignment(z) + "`")
                            .orElse("write a region id such as `" + assignment("Asia/Shanghai") + "`"));
            return null;
        }
    }

    ZoneId zone(ZoneId whenAbsent) {
        return present() ? zone() : whenAbsent;
    }

    /** One of {@code allowed}, written exactly as the constant's name. */
    <E extends Enum<E>> E oneOf(Class<E> type, Collection<E> allowed) {
        String text = text();
        if (text == null) {
            return null;
        }
        for (E constant : allowed) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        List<String> names = allowed.stream().map(Enum::name).collect(Collectors.toList());
        String upper = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        String fix = names.contains(upper)
                ? "write `" + assignment(upper) + "`"
                : Suggestions.closest(text, names).map(s -> "did you mean `" + s + "`? ").orElse("")
                        + "write one of " + String.join(", ", names);
        boolean otherConstant = Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.name().equals(text));
        problem((otherConstant ? "\"" + text + "\" is not allowed here" : "unknown value \"" + text + "\"")
                + "; expected one of " + String.join(" | ", names), fix);
        return null;
    }

    <E extends Enum<E>> E oneOf(Class<E> type) {
        return oneOf(type, List.of(type.getEnumConstants()));
    }

    /** The value as plain Java objects (String, Boolean, Integer/Long/Double, List, Map), for raw parameters. */
    Object raw() {
        return raw(value);
    }

    private static Object raw(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(raw(item)));
            return items;
        }
        if (node.isObject()) {
            Map<String, Object> entries = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> entries.put(e.getKey(), raw(e.getValue())));
            return entries;
        }
        return null;
    }

    private String describe() {
        if (value.isTextual()) {
            return "the text \"" + value.textValue() + "\"";
        }
        if (value.isNumber()) {
            return "the number " + value.asText();
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** {@code key: v} for a mapping entry, {@code - v} for a list item. */
    private String assignment(String v) {
        return key.isEmpty() ? "- " + v : key + ": " + v;
    }

    private static boolean isNumeric(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code 30s} → {@code PT30S}, {@code 5 min} → {@code PT5M}, {@code 1d} → {@code P1D}; null otherwise. */
    private static String shorthandToIso(String text) {
        Matcher m = SHORTHAND_DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        char unit = Character.toUpperCase(m.group(2).charAt(0));
        return unit == 'D' ? "P" + m.group(1) + "D" : "PT" + m.group(1) + unit;
    }
}
