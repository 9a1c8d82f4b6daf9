package org.ecowatch.ingest.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.decode.TelemetryTopic;
import org.ecowatch.ingest.hj212.Hj212Encoder;
import org.ecowatch.ingest.hj212.Hj212Frame;
import org.ecowatch.ingest.hj212.Hj212Version;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.reading.Reading;

/** A two-device registry, frames from its loggers, and gateway options for tests. */
final class GatewayFixtures {

    static final String ENTERPRISE = "ent-001";
    static final String OUTLET = "ww-01";
    static final String OUTLET_MN = "88888880000001";
    static final String OUTLET_PW = "123456";
    static final String STACK = "fg-01";
    /** A device with no password configured and a long MN. */
    static final String STACK_MN = "010000A8900016F000169DC0";
    static final String UNKNOWN_MN = "99999999999999";
    static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    /** 2026-11-27 08:00:00 China Standard Time. */
    static final long EIGHT_AM = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayFixtures() {}

    static Registry registry() {
        List<String> metrics = List.of("w01018", "w21003", "w01001", "w00000");
        Device outlet = new Device(OUTLET, Device.Kind.WASTEWATER_OUTLET, metrics, Duration.ofSeconds(30),
                OUTLET_MN, OUTLET_PW, false, null, null, null);
        Device stack = new Device(STACK, Device.Kind.FLUE_GAS_OUTLET, List.of("a21026", "a21002"), Duration.ofSeconds(30),
                STACK_MN, null, false, null, null, null);
        Enterprise mill = new Enterprise(ENTERPRISE, "某造纸有限公司", "north", "paper", Enterprise.Supervision.KEY, false,
                null, null, null, List.of(outlet, stack));
        return new Registry(List.of(new District("north", "北片区", List.of())), List.of(mill), List.of());
    }

    /** A topic prefix of its own, so tests sharing one broker never see each other's messages. */
    static String uniquePrefix() {
        return "gwtest-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
    }

    static Hj212GatewayOptions options(String brokerUrl, String prefix) {
        return Hj212GatewayOptions.defaults(MqttConnectionSettings.of(brokerUrl), prefix, registry());
    }

    static String outletTopic(String prefix) {
        return TelemetryTopic.hj212Topic(prefix, ENTERPRISE, OUTLET);
    }

    /**
     * A CN 2011 real-time frame from the outlet's logger: {@code n} selects the QN (…000 + n) and the COD value, so
     * frames are told apart.
     */
    static Hj212Frame outletFrame(int n, boolean ackWanted) {
        return frame(OUTLET_MN, OUTLET_PW, n, ackWanted);
    }

    static Hj212Frame frame(String mn, String pw, int n, boolean ackWanted) {
        long ts = EIGHT_AM + n * 1000L;
        List<Reading> readings = List.of(
                Reading.realTime(null, null, "w01018", ts, 30 + n, "N"),
                Reading.realTime(null, null, "w00000", ts, 12.5, "N"));
        String qn = Hj212Encoder.qn(EIGHT_AM + n, CST);
        return new Hj212Encoder.DataSource(Hj212Version.HJ_212_2017, CST, "32", mn, pw)
                .dataFrame(qn, readings)
                .withAckRequested(ackWanted);
    }

    static byte[] bytes(Hj212Frame frame) {
        return Hj212Encoder.encode(frame);
    }

    static String text(Hj212Frame frame) {
        return new String(bytes(frame), StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
