package org.ecowatch.ingest.hj212;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HJ 212 frame whose length and CRC have been verified, with its data segment taken apart.
 *
 * @param qn          request number {@code yyyyMMddHHmmssSSS}; {@code null} when absent (2005 uploads)
 * @param st          system code (21 surface water, 31 flue gas, 32 wastewater, 91 system interaction …)
 * @param cn          command code (2011 real-time, 2051 minute, 2061 hourly, 2031 daily, 9014 data ack …)
 * @param pw          access password; {@code null} when absent
 * @param mn          device number (any length)
 * @param flag        the Flag field ({@code V5..V0 D A}); {@code null} when absent (2005)
 * @param pnum        number of packets of a split set; {@code null} when absent
 * @param pno         this packet's number, 1-based; {@code null} when absent
 * @param cp          the CP items in order (separated by {@code ;} on the wire), each an ordered map of its
 *                    {@code key=value} fields (separated by {@code ,})
 * @param otherFields data-segment fields the standard (2017) does not name, in order, kept as received
 *                    (e.g. the 2025 revision's resend marker, whose name is not verified)
 * @param modbusCrc   the frame carries (or is to be written with) a CRC-16/MODBUS instead of the standard's CRC
 */
public record Hj212Frame(
        String qn,
        String st,
        String cn,
        String pw,
        String mn,
        Integer flag,
        Integer pnum,
        Integer pno,
        List<Map<String, String>> cp,
        Map<String, String> otherFields,
        boolean modbusCrc) {

    private static final int ACK_BIT = 1;
    private static final int SPLIT_BIT = 2;

    public Hj212Frame {
        Objects.requireNonNull(st, "st");
        Objects.requireNonNull(cn, "cn");
        Objects.requireNonNull(mn, "mn");
        cp = immutableItems(cp);
        otherFields = otherFields == null || otherFields.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
    }

    /** A frame with no PNUM/PNO, no extra fields and the standard's CRC. */
    public static Hj212Frame of(String qn, String st, String cn, String pw, String mn, Integer flag,
                                List<Map<String, String>> cp) {
        return new Hj212Frame(qn, st, cn, pw, mn, flag, null, null, cp, Map.of(), false);
    }

    public Hj212Version version() {
        return Hj212Version.ofFlag(flag);
    }

    /** Flag bit A: the sender wants a data ack (CN 9014). */
    public boolean ackRequested() {
        return flag != null && (flag & ACK_BIT) != 0;
    }

    /** Flag bit D: this frame is one packet of a split set (PNUM/PNO present). */
    public boolean split() {
        return flag != null && (flag & SPLIT_BIT) != 0;
    }

    /** The value of the first CP field named {@code key} in any item, or {@code null}. */
    public String cpValue(String key) {
        for (Map<String, String> item : cp) {
            String value = item.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** This frame with Flag's A bit set or cleared (a frame without Flag gets the 2017 version bits). */
    public Hj212Frame withAckRequested(boolean ack) {
        int base = flag == null ? Hj212Version.HJ_212_2017.flagBits() : flag;
        return new Hj212Frame(qn, st, cn, pw, mn, ack ? base | ACK_BIT : base & ~ACK_BIT, pnum, pno, cp, otherFields, modbusCrc);
    }

    public Hj212Frame withModbusCrc(boolean modbus) {
        return new Hj212Frame(qn, st, cn, pw, mn, flag, pnum, pno, cp, otherFields, modbus);
    }

    /** This frame as packet {@code pno} of {@code pnum}, with Flag's D bit set. */
    Hj212Frame asPacket(int packetCount, int packetNumber, List<Map<String, String>> packetCp) {
        int base = flag == null ? Hj212Version.HJ_212_2017.flagBits() : flag;
        return new Hj212Frame(qn, st, cn, pw, mn, base | SPLIT_BIT, packetCount, packetNumber, packetCp, otherFields, modbusCrc);
    }

    /** This frame as a whole again: PNUM/PNO dropped, D bit cleared, the given CP. */
    Hj212Frame asWhole(List<Map<String, String>> wholeCp) {
        Integer wholeFlag = flag == null ? null : flag & ~SPLIT_BIT;
        return new Hj212Frame(qn, st, cn, pw, mn, wholeFlag, null, null, wholeCp, otherFields, modbusCrc);
    }

    private static List<Map<String, String>> immutableItems(List<Map<String, String>> items) {
        if (items == null || items.isEmpty()) {
            return List.of();
        }
        List<Map<String, String>> copy = new ArrayList<>(items.size());
        for (Map<String, String> item : items) {
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(item)));
        }
        return Collections.unmodifiableList(copy);
    }
}
