package org.ecowatch.ingest.hj212;

/** Renders untrusted input safely inside rejection details: short, printable ASCII, escapes for the rest. */
final class Texts {

    static final int SAMPLE = 40;

    private Texts() {}

    static String abbreviate(String s) {
        return s.length() <= SAMPLE ? s : s.substring(0, SAMPLE) + "…";
    }

    /** The first bytes of some input, printable ASCII as is, others as \xNN, with "…" when cut. */
    static String sample(byte[] bytes, int length, long total) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(length, SAMPLE); i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                sb.append((char) b);
            } else if (b == '\r') {
                sb.append("\\r");
            } else if (b == '\n') {
                sb.append("\\n");
            } else {
                sb.append(String.format("\\x%02X", b));
            }
        }
        return total > Math.min(length, SAMPLE) ? sb + "…" : sb.toString();
    }
}
