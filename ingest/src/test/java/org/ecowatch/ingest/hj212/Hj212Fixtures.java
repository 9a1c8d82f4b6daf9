package org.ecowatch.ingest.hj212;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.reading.Reading;

/** A small registry and named values shared by the HJ 212 tests. */
final class Hj212Fixtures {

    /** The standard's own example (HJ 212-2017 Appendix A) and its CRC. */
    static final String STANDARD_SEGMENT =
            "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";
    static final String STANDARD_CRC = "1C80";

    static final String PAPER_MILL = "ent-001";
    static final String OUTLET = "ww-01";
    static final String OUTLET_MN = "88888880000001";
    static final String OUTLET_PW = "123456";
    static final String STACK = "fg-01";
    /** A flue-gas device whose logger computes MODBUS CRCs and is configured to be tolerated. */
    static final String STACK_MN = "010000A8900016F000169DC0";
    static final String PLATING = "ent-002";
    static final String PLATING_OUTLET = "ww-02";
    /** A device with a long, non-24-character MN and no password configured. */
    static final String PLATING_MN = "PLATING-WW-02-2005-LEGACY-LOGGER";
    static final ZoneId PLATING_ZONE = ZoneId.of("UTC");
    static final String UNKNOWN_MN = "99999999999999";

    static final ZoneId CST = Hj212Readings.CHINA_STANDARD_TIME;
    /** 2026-11-27 08:00:00 China Standard Time. */
    static final Instant EIGHT_AM_CST = Instant.parse("2026-11-27T00:00:00Z");
    static final String QN = "20261127080000123";

    private Hj212Fixtures() {}

    static Registry registry() {
        Device outlet = device(OUTLET, Device.Kind.WASTEWATER_OUTLET, OUTLET_MN, OUTLET_PW, false);
        Device stack = device(STACK, Device.Kind.FLUE_GAS_OUTLET, STACK_MN, null, true);
        Device platingOutlet = device(PLATING_OUTLET, Device.Kind.WASTEWATER_OUTLET, PLATING_MN, null, false);
        Enterprise paperMill = new Enterprise(PAPER_MILL, "某造纸有限公司", "north", "paper", Enterprise.Supervision.KEY,
                false, null, null, null, List.of(outlet, stack));
        Enterprise plating = new Enterprise(PLATING, "某电镀厂", "north", "plating", Enterprise.Supervision.GENERAL,
                true, null, null, PLATING_ZONE, List.of(platingOutlet));
        return new Registry(List.of(new District("north", "北片区", List.of())), List.of(paperMill, plating), List.of());
    }

    static Device device(String id, Device.Kind kind, String mn, String password, boolean modbusCrc) {
        return new Device(id, kind, List.of("w01018", "w21003", "w01001", "w00000"), Duration.ofSeconds(30),
                mn, password, modbusCrc, null, null, null);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** The standard's example frame with its CRLF. */
    static byte[] standardFrame() {
        return ascii("##" + String.format("%04d", STANDARD_SEGMENT.length()) + STANDARD_SEGMENT + STANDARD_CRC + "\r\n");
    }

    static Reading rtd(String metric, double value, String flag) {
        return Reading.realTime(PAPER_MILL, OUTLET, metric, EIGHT_AM_CST.toEpochMilli(), value, flag);
    }

    static Reading period(String metric, String kind, double value, String flag, long periodMillis) {
        return new Reading(PAPER_MILL, OUTLET, metric, EIGHT_AM_CST.toEpochMilli(), value, flag, kind, periodMillis);
    }

    static Hj212Encoder.DataSource outletSource(Hj212Version version) {
        return new Hj212Encoder.DataSource(version, CST, "32", OUTLET_MN, OUTLET_PW);
    }
}
