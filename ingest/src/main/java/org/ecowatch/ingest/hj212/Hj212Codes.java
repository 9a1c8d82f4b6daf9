package org.ecowatch.ingest.hj212;

import java.util.HashMap;
import java.util.Map;

/**
 * HJ/T 212-2005 pollutant codes and their HJ 212-2017 equivalents. Only the codes ecowatch's domain uses are
 * mapped; any other code passes through unchanged. The 2005 codes (3 characters, 2 for some flue-gas ones)
 * never collide with the 6-character 2017 codes, so the mapping is applied whatever version a frame declares:
 * devices that send {@code Flag=0} with 2017 codes are common.
 */
final class Hj212Codes {

    private static final Map<String, String> TO_2017 = Map.ofEntries(
            Map.entry("B01", "w00000"),  // wastewater flow
            Map.entry("001", "w01001"),  // pH
            Map.entry("011", "w01018"),  // COD
            Map.entry("060", "w21003"),  // NH3-N
            Map.entry("065", "w21001"),  // total nitrogen
            Map.entry("101", "w21011"),  // total phosphorus
            Map.entry("B02", "a00000"),  // flue-gas flow
            Map.entry("02", "a21026"),   // SO2
            Map.entry("03", "a21002"),   // NOx
            Map.entry("01", "a34013"),   // particulate
            Map.entry("S01", "a19001"),  // O2
            Map.entry("S03", "a01012")); // flue-gas temperature

    private static final Map<String, String> TO_2005 = inverse(TO_2017);

    private Hj212Codes() {}

    static String to2017(String code) {
        return TO_2017.getOrDefault(code, code);
    }

    static String to2005(String code) {
        return TO_2005.getOrDefault(code, code);
    }

    private static Map<String, String> inverse(Map<String, String> map) {
        Map<String, String> inverse = new HashMap<>();
        map.forEach((k, v) -> inverse.put(v, k));
        return Map.copyOf(inverse);
    }
}
