package org.ecowatch.ingest.hj212;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data segment's fields: {@code QN=..;ST=..;CN=..;PW=..;MN=..;Flag=..;[PNUM=..;PNO=..;]CP=&&…&&}, and their
 * text form for the encoder. The order of the header fields is not enforced (devices vary); their values are.
 */
final class DataSegment {

    private static final String CP_START = "CP=&&";
    private static final String CP_END = "&&";
    private static final Pattern QN = Pattern.compile("\\d{17}");
    private static final Pattern ST = Pattern.compile("\\d{2}");
    private static final Pattern CN = Pattern.compile("\\d{4}");
    private static final Pattern SMALL_NUMBER = Pattern.compile("\\d{1,4}");
    private static final Set<String> STANDARD_FIELDS = Set.of("QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO");

    private DataSegment() {}

    /** @param text the data segment, or {@code null} when it was not valid UTF-8 */
    static Hj212Result<Hj212Frame> parse(String text, boolean modbusCrc) {
        if (text == null) {
            return syntax("the data segment is not valid UTF-8");
        }
        int cpAt = text.indexOf(CP_START);
        if (cpAt < 0 || (cpAt > 0 && text.charAt(cpAt - 1) != ';')) {
            return syntax("the data segment has no field CP=&&…&&: '" + Texts.abbreviate(text) + "'");
        }
        if (!text.endsWith(CP_END) || text.length() < cpAt + CP_START.length() + CP_END.length()) {
            return syntax("the data segment must end with the && that closes CP");
        }
        Map<String, String> header = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String field : text.substring(0, cpAt).split(";")) {
            if (field.isEmpty()) {
                continue;
            }
            int eq = field.indexOf('=');
            if (eq <= 0) {
                return syntax("data segment field '" + Texts.abbreviate(field) + "' is not key=value");
            }
            String key = field.substring(0, eq);
            if (!seen.add(key)) {
                return syntax("the data segment repeats the field " + key);
            }
            header.put(key, field.substring(eq + 1));
        }
        String problem = checkHeader(header);
        if (problem != null) {
            return syntax(problem);
        }
        Hj212Result<List<Map<String, String>>> cp = CpText.parse(text.substring(cpAt + CP_START.length(), text.length() - CP_END.length()));
        if (!cp.isAccepted()) {
            return Hj212Result.rejected(cp.rejection());
        }
        Map<String, String> others = new LinkedHashMap<>(header);
        others.keySet().removeAll(STANDARD_FIELDS);
        return Hj212Result.accepted(new Hj212Frame(
                header.get("QN"), header.get("ST"), header.get("CN"), header.get("PW"), header.get("MN"),
                integer(header.get("Flag")), integer(header.get("PNUM")), integer(header.get("PNO")),
                cp.value(), others, modbusCrc));
    }

    /** The data segment text of a frame (fields in the standard's order, extra fields before CP). */
    static String format(Hj212Frame f) {
        StringBuilder sb = new StringBuilder();
        append(sb, "QN", f.qn());
        append(sb, "ST", f.st());
        append(sb, "CN", f.cn());
        append(sb, "PW", f.pw());
        append(sb, "MN", f.mn());
        append(sb, "Flag", f.flag());
        append(sb, "PNUM", f.pnum());
        append(sb, "PNO", f.pno());
        f.otherFields().forEach((k, v) -> append(sb, k, v));
        return sb.append(CP_START).append(CpText.format(f.cp())).append(CP_END).toString();
    }

    private static String checkHeader(Map<String, String> h) {
        for (String required : List.of("ST", "CN", "MN")) {
            if (h.get(required) == null || h.get(required).isEmpty()) {
                return "the data segment has no " + required;
            }
        }
        if (!ST.matcher(h.get("ST")).matches()) {
            return "ST must be 2 digits, not '" + Texts.abbreviate(h.get("ST")) + "'";
        }
        if (!CN.matcher(h.get("CN")).matches()) {
            return "CN must be 4 digits, not '" + Texts.abbreviate(h.get("CN")) + "'";
        }
        if (h.containsKey("QN") && !QN.matcher(h.get("QN")).matches()) {
            return "QN must be 17 digits (yyyyMMddHHmmssSSS), not '" + Texts.abbreviate(h.get("QN")) + "'";
        }
        String flag = h.get("Flag");
        if (flag != null && (!SMALL_NUMBER.matcher(flag).matches() || Integer.parseInt(flag) > 255)) {
            return "Flag must be a number 0..255, not '" + Texts.abbreviate(flag) + "'";
        }
        for (String packetField : List.of("PNUM", "PNO")) {
            String value = h.get(packetField);
            if (value != null && (!SMALL_NUMBER.matcher(value).matches() || Integer.parseInt(value) < 1)) {
                return packetField + " must be a number 1..9999, not '" + Texts.abbreviate(value) + "'";
            }
        }
        boolean split = flag != null && (Integer.parseInt(flag) & 2) != 0;
        if (split && (h.get("PNUM") == null || h.get("PNO") == null || h.get("QN") == null)) {
            return "Flag " + flag + " marks a split packet (bit D) but QN, PNUM or PNO is missing";
        }
        if (h.get("PNUM") != null && h.get("PNO") != null && Integer.parseInt(h.get("PNO")) > Integer.parseInt(h.get("PNUM"))) {
            return "PNO " + h.get("PNO") + " is greater than PNUM " + h.get("PNUM");
        }
        return null;
    }

    private static Integer integer(String s) {
        return s == null ? null : Integer.valueOf(s);
    }

    private static void append(StringBuilder sb, String key, Object value) {
        if (value == null) {
            return;
        }
        String text = value.toString();
        if (text.indexOf(';') >= 0 || text.contains("&&")) {
            throw new IllegalArgumentException("field " + key + "=" + text + " contains ; or &&");
        }
        sb.append(key).append('=').append(text).append(';');
    }

    private static Hj212Result<Hj212Frame> syntax(String detail) {
        return Hj212Result.rejected(Hj212Reasons.SYNTAX, detail);
    }
}
