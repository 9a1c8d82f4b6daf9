package org.ecowatch.ingest.hj212;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ecowatch.ingest.reading.Reading;

/**
 * Writes HJ 212 frames: {@code ##} + length + data segment + CRC + CRLF, split into PNUM/PNO packets when asked,
 * and the 9014 data ack. What it writes, {@link Hj212Parser} and {@link Hj212Readings} read back to the same
 * readings. For the simulator, the gateway's acks and tests.
 */
public final class Hj212Encoder {

    private static final DateTimeFormatter QN = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS");
    private static final String ACK_ST = "91";
    private static final String DATA_ACK_CN = "9014";

    private Hj212Encoder() {}

    /** The complete frame, CRLF included, with the CRC the frame asks for (the standard's, or MODBUS). */
    public static byte[] encode(Hj212Frame frame) {
        byte[] data = dataSegment(frame).getBytes(StandardCharsets.UTF_8);
        return wrap(data, frame.modbusCrc() ? Hj212Crc.modbus(data) : Hj212Crc.hj212(data));
    }

    /** A frame around any data segment text, with the standard's CRC (tests use it to write malformed segments). */
    public static byte[] frame(String dataSegment) {
        byte[] data = dataSegment.getBytes(StandardCharsets.UTF_8);
        return wrap(data, Hj212Crc.hj212(data));
    }

    public static String dataSegment(Hj212Frame frame) {
        return DataSegment.format(frame);
    }

    /**
     * The frame as one frame when its data segment fits in {@code maxDataLength} bytes, else as PNUM/PNO packets
     * (Flag bit D set, same QN) that each fit. CP items are never cut; a DataTime item is repeated in every packet.
     *
     * @throws IllegalArgumentException when the frame has no QN (2005 style cannot be split) or one item cannot fit
     */
    public static List<byte[]> encodeSplit(Hj212Frame frame, int maxDataLength) {
        if (dataSegment(frame).getBytes(StandardCharsets.UTF_8).length <= maxDataLength) {
            return List.of(encode(frame));
        }
        if (frame.qn() == null) {
            throw new IllegalArgumentException("a frame without QN (2005 style) cannot be split into packets");
        }
        List<Map<String, String>> shared = new ArrayList<>();
        List<Map<String, String>> rest = new ArrayList<>();
        for (Map<String, String> item : frame.cp()) {
            (item.size() == 1 && item.containsKey("DataTime") ? shared : rest).add(item);
        }
        // Size packets with the widest PNUM/PNO so the real numbers can only make them shorter.
        List<List<Map<String, String>>> packets = new ArrayList<>();
        List<Map<String, String>> current = new ArrayList<>(shared);
        for (Map<String, String> item : rest) {
            current.add(item);
            if (length(frame.asPacket(9999, 9999, current)) > maxDataLength) {
                current.remove(current.size() - 1);
                if (current.size() == shared.size()) {
                    throw new IllegalArgumentException("CP item " + item + " does not fit in a packet of " + maxDataLength + " bytes");
                }
                packets.add(current);
                current = new ArrayList<>(shared);
                current.add(item);
            }
        }
        packets.add(current);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            frames.add(encode(frame.asPacket(packets.size(), i + 1, packets.get(i))));
        }
        return frames;
    }

    /**
     * The data ack (CN 9014) a receiver returns for a frame whose Flag asks for one:
     * {@code QN=<request QN>;ST=91;CN=9014;PW=..;MN=..;Flag=4;CP=&&&&} (Flag carries the request's version bits: 4 for 2017).
     */
    public static byte[] dataAck(Hj212Frame request) {
        if (request.qn() == null) {
            throw new IllegalArgumentException("a frame without QN cannot be acknowledged (the ack repeats the QN)");
        }
        return encode(Hj212Frame.of(request.qn(), ACK_ST, DATA_ACK_CN, request.pw(), request.mn(),
                request.version().flagBits(), List.of()));
    }

    /** A QN ({@code yyyyMMddHHmmssSSS}) for a frame sent at {@code epochMillis}. */
    public static String qn(long epochMillis, ZoneId zone) {
        return QN.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone));
    }

    private static int length(Hj212Frame frame) {
        return dataSegment(frame).getBytes(StandardCharsets.UTF_8).length;
    }

    private static byte[] wrap(byte[] data, int crc) {
        if (data.length > Hj212Parser.LENGTH_FIELD_MAX) {
            throw new IllegalArgumentException("a data segment of " + data.length + " bytes does not fit the 4-digit length");
        }
        byte[] header = String.format("##%04d", data.length).getBytes(StandardCharsets.US_ASCII);
        byte[] trailer = (Hj212Crc.hex(crc) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[header.length + data.length + trailer.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(data, 0, frame, header.length, data.length);
        System.arraycopy(trailer, 0, frame, header.length + data.length, trailer.length);
        return frame;
    }

    /**
     * One device's data frames: who it is ({@code st}, {@code mn}, {@code pw}), which protocol generation it speaks,
     * and the zone its clock (DataTime) runs in.
     */
    public record DataSource(Hj212Version version, ZoneId zone, String st, String mn, String pw) {

        public DataSource {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(zone, "zone");
        }

        /**
         * The data frame carrying these readings: CN 2011 for {@code Rtd} readings, 2051/2061/2031 for period readings
         * of one minute/hour/day. All readings share one whole-second time; readings of one metric share one flag.
         * 2005 style: no QN and no Flag, and the codes that have a 2005 equivalent are written with it.
         *
         * @param qn the request number (ignored in 2005 style); see {@link Hj212Encoder#qn}
         */
        public Hj212Frame dataFrame(String qn, List<Reading> readings) {
            if (readings.isEmpty()) {
                throw new IllegalArgumentException("a data frame needs at least one reading");
            }
            Reading first = readings.get(0);
            DataCommand command = DataCommand.of(first.kind(), first.periodMillis());
            if (first.ts() % 1000 != 0) {
                throw new IllegalArgumentException("DataTime has whole seconds; reading time " + first.ts() + " has milliseconds");
            }
            boolean style2005 = version == Hj212Version.HJ_T_212_2005;
            Map<String, Map<String, String>> byMetric = new LinkedHashMap<>();
            Map<String, String> flags = new LinkedHashMap<>();
            for (Reading r : readings) {
                if (r.ts() != first.ts() || DataCommand.of(r.kind(), r.periodMillis()) != command) {
                    throw new IllegalArgumentException("the readings of one frame share one time and one data command: " + r);
                }
                boolean status = r.metric().endsWith("-" + DataCommand.RUN_STATUS);
                String code = status ? r.metric().substring(0, r.metric().length() - 3) : r.metric();
                String wireCode = style2005 ? Hj212Codes.to2005(code) : code;
                Map<String, String> item = byMetric.computeIfAbsent(r.metric(), m -> new LinkedHashMap<>());
                item.put(wireCode + "-" + (status ? DataCommand.RUN_STATUS : r.kind()), number(r.value()));
                if (!status && !r.flag().equals(flags.merge(r.metric(), r.flag(), (a, b) -> a))) {
                    throw new IllegalArgumentException("readings of " + r.metric() + " in one frame must share one flag");
                }
            }
            flags.forEach((metric, flag) -> byMetric.get(metric).put(
                    (style2005 ? Hj212Codes.to2005(metric) : metric) + "-Flag", flag));
            List<Map<String, String>> cp = new ArrayList<>();
            cp.add(Map.of("DataTime", Hj212Readings.DATA_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(first.ts()), zone))));
            cp.addAll(byMetric.values());
            return style2005
                    ? Hj212Frame.of(null, st, command.cn, pw, mn, null, cp)
                    : Hj212Frame.of(qn, st, command.cn, pw, mn, version.flagBits(), cp);
        }

        /** Shortest plain decimal that reads back as the same double (no exponent: devices print plain numbers). */
        private static String number(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("HJ 212 values are finite, not " + value);
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }
}
