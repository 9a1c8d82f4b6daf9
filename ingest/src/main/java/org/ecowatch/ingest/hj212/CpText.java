package org.ecowatch.ingest.hj212;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The CP field's text ({@code items ; separated, fields , separated, key=value}) in both directions. */
final class CpText {

    // An SM4 block is 16 bytes: 32 hex digits or 24 base64 characters at least.
    private static final Pattern HEX_CIPHER = Pattern.compile("(?:[0-9A-Fa-f]{2}){16,}");
    private static final Pattern BASE64_CIPHER = Pattern.compile("[A-Za-z0-9+/]{22,}={0,2}");

    private CpText() {}

    /** Parses the text between {@code CP=&&} and the closing {@code &&}. */
    static Hj212Result<List<Map<String, String>>> parse(String text) {
        if (looksEncrypted(text)) {
            return Hj212Result.rejected(Hj212Reasons.ENCRYPTED,
                    "CP holds " + text.length() + " characters of cipher text (HJ 212-2025 SM4 encryption?) instead of key=value "
                            + "fields; ecowatch has no SM4 keys, so the device must send CP unencrypted");
        }
        List<Map<String, String>> items = new ArrayList<>();
        for (String itemText : text.split(";", -1)) {
            if (itemText.isEmpty()) {
                continue; // "a=1;;b=2" and a trailing ';' are harmless and common
            }
            Map<String, String> item = new LinkedHashMap<>();
            for (String field : itemText.split(",", -1)) {
                int eq = field.indexOf('=');
                if (eq <= 0) {
                    return Hj212Result.rejected(Hj212Reasons.SYNTAX,
                            "CP field '" + Texts.abbreviate(field) + "' is not key=value");
                }
                String key = field.substring(0, eq);
                if (item.putIfAbsent(key, field.substring(eq + 1)) != null) {
                    return Hj212Result.rejected(Hj212Reasons.SYNTAX,
                            "CP item '" + Texts.abbreviate(itemText) + "' repeats the field " + key);
                }
            }
            items.add(item);
        }
        return Hj212Result.accepted(items);
    }

    static String format(List<Map<String, String>> items) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, String> item : items) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            boolean first = true;
            for (Map.Entry<String, String> field : item.entrySet()) {
                checkWritable(field.getKey(), field.getValue());
                if (!first) {
                    sb.append(',');
                }
                sb.append(field.getKey()).append('=').append(field.getValue());
                first = false;
            }
        }
        return sb.toString();
    }

    /** Cipher text has no key=value structure: a single run of hex or base64 characters, at least one SM4 block long. */
    private static boolean looksEncrypted(String text) {
        return HEX_CIPHER.matcher(text).matches() || (text.length() % 4 == 0 && BASE64_CIPHER.matcher(text).matches());
    }

    private static void checkWritable(String key, String value) {
        if (key.isEmpty() || containsSeparator(key) || containsSeparator(value)) {
            throw new IllegalArgumentException("CP field " + key + "=" + value + " contains a separator (; , = &)");
        }
    }

    private static boolean containsSeparator(String s) {
        return s.indexOf(';') >= 0 || s.indexOf(',') >= 0 || s.indexOf('=') >= 0 || s.indexOf('&') >= 0;
    }
}
