package org.ecowatch.ingest.hj212;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts split packets (Flag bit D, PNUM/PNO) back together per (MN, QN). A frame that is not split passes
 * straight through. Each packet is expected to carry whole CP items (the way {@link Hj212Encoder#encodeSplit}
 * writes them), optionally repeating the DataTime item; the whole frame's CP is the packets' items in PNO order
 * with repeated DataTime items dropped.
 *
 * <p>Bounded in memory and time: at most {@code maxPendingSets} incomplete sets and {@code maxPendingBytes}
 * of their CP text; beyond that the oldest set is dropped ({@link Hj212Reasons#SPLIT_OVERFLOW}). A set not
 * completed within {@code expiry} of its first packet is dropped ({@link Hj212Reasons#SPLIT_EXPIRED}). Time
 * is whatever the caller passes (processing time, event time), so behaviour is reproducible; it should not go
 * backwards, since sets are expired oldest first. Not thread-safe.
 */
public final class SplitPacketAssembler {

    public static final int DEFAULT_MAX_PENDING_SETS = 1_000;
    public static final long DEFAULT_MAX_PENDING_BYTES = 4L << 20;
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(2);

    private static final String DATA_TIME = "DataTime";

    private final int maxPendingSets;
    private final long maxPendingBytes;
    private final long expiryMillis;
    /** In order of first packet, so the oldest set is first. */
    private final LinkedHashMap<SetKey, PendingSet> pending = new LinkedHashMap<>();
    private long pendingBytes;

    public SplitPacketAssembler() {
        this(DEFAULT_MAX_PENDING_SETS, DEFAULT_MAX_PENDING_BYTES, DEFAULT_EXPIRY);
    }

    public SplitPacketAssembler(int maxPendingSets, long maxPendingBytes, Duration expiry) {
        if (maxPendingSets < 1 || maxPendingBytes < 1 || expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("maxPendingSets, maxPendingBytes and expiry must be positive");
        }
        this.maxPendingSets = maxPendingSets;
        this.maxPendingBytes = maxPendingBytes;
        this.expiryMillis = expiry.toMillis();
    }

    /**
     * Offers one frame received at {@code nowMillis}. Returns, in order: rejections for sets that expired by now,
     * then the frame itself when it is not split, or the whole frame when this packet completed its set, or a
     * rejection for an inconsistent packet or for sets dropped to stay within bounds. An empty list means the packet
     * is held until its set is complete.
     */
    public List<Hj212Result<Hj212Frame>> accept(Hj212Frame frame, long nowMillis) {
        List<Hj212Result<Hj212Frame>> results = new ArrayList<>();
        expire(nowMillis).forEach(r -> results.add(Hj212Result.rejected(r)));
        if (!frame.split()) {
            results.add(Hj212Result.accepted(frame));
            return results;
        }
        SetKey key = new SetKey(frame.mn(), frame.qn());
        PendingSet set = pending.get(key);
        if (set == null) {
            set = new PendingSet(frame.pnum(), nowMillis);
            pending.put(key, set);
            pendingBytes += set.bytes;
        } else if (set.packets.length != frame.pnum()) {
            results.add(Hj212Result.rejected(Hj212Reasons.SYNTAX, "packet " + frame.pno() + " of " + key + " says PNUM="
                    + frame.pnum() + " but earlier packets said PNUM=" + set.packets.length));
            return results;
        }
        int index = frame.pno() - 1;
        if (set.packets[index] == null) { // a resent packet is ignored
            set.packets[index] = frame;
            set.received++;
            long bytes = sizeOf(frame);
            set.bytes += bytes;
            pendingBytes += bytes;
        }
        if (set.received == set.packets.length) {
            remove(key);
            results.add(merge(key, set));
        } else {
            enforceBounds(results);
        }
        return results;
    }

    /** Drops the sets whose first packet arrived more than the expiry before {@code nowMillis}. */
    public List<Hj212Rejection> expire(long nowMillis) {
        List<Hj212Rejection> expired = new ArrayList<>();
        Iterator<Map.Entry<SetKey, PendingSet>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<SetKey, PendingSet> e = it.next();
            PendingSet set = e.getValue();
            if (nowMillis - set.firstSeenMillis < expiryMillis) {
                break; // sets are in order of arrival: the rest are younger
            }
            it.remove();
            pendingBytes -= set.bytes;
            expired.add(new Hj212Rejection(Hj212Reasons.SPLIT_EXPIRED, "split set " + e.getKey() + " got " + set.received
                    + " of " + set.packets.length + " packets (missing PNO " + set.missing() + ") within " + Duration.ofMillis(expiryMillis)));
        }
        return expired;
    }

    public int pendingSets() {
        return pending.size();
    }

    public long pendingBytes() {
        return pendingBytes;
    }

    private void enforceBounds(List<Hj212Result<Hj212Frame>> results) {
        while (!pending.isEmpty() && (pending.size() > maxPendingSets || pendingBytes > maxPendingBytes)) {
            SetKey oldest = pending.keySet().iterator().next();
            PendingSet set = remove(oldest);
            results.add(Hj212Result.rejected(Hj212Reasons.SPLIT_OVERFLOW, "dropped incomplete split set " + oldest + " ("
                    + set.received + " of " + set.packets.length + " packets) to stay within " + maxPendingSets
                    + " pending sets and " + maxPendingBytes + " bytes"));
        }
    }

    private PendingSet remove(SetKey key) {
        PendingSet set = pending.remove(key);
        pendingBytes -= set.bytes;
        return set;
    }

    private static Hj212Result<Hj212Frame> merge(SetKey key, PendingSet set) {
        List<Map<String, String>> items = new ArrayList<>();
        String dataTime = null;
        for (Hj212Frame packet : set.packets) {
            for (Map<String, String> item : packet.cp()) {
                String itemTime = item.get(DATA_TIME);
                if (itemTime != null) {
                    if (dataTime != null && !dataTime.equals(itemTime)) {
                        return Hj212Result.rejected(Hj212Reasons.SYNTAX, "the packets of split set " + key
                                + " name different DataTimes: " + dataTime + " and " + itemTime);
                    }
                    if (dataTime != null && item.size() == 1) {
                        continue; // the DataTime item repeated in every packet
                    }
                    dataTime = itemTime;
                }
                items.add(item);
            }
        }
        return Hj212Result.accepted(set.packets[0].asWhole(items));
    }

    /** Roughly the memory a held packet costs: its CP text plus its header fields. */
    private static long sizeOf(Hj212Frame frame) {
        long size = 64;
        for (Map<String, String> item : frame.cp()) {
            for (Map.Entry<String, String> field : item.entrySet()) {
                size += field.getKey().length() + field.getValue().length() + 2;
            }
        }
        return size;
    }

    private record SetKey(String mn, String qn) {
        @Override
        public String toString() {
            return "MN=" + mn + " QN=" + qn;
        }
    }

    private static final class PendingSet {
        final Hj212Frame[] packets;
        final long firstSeenMillis;
        int received;
        long bytes;

        PendingSet(int packetCount, long firstSeenMillis) {
            this.packets = new Hj212Frame[packetCount];
            this.firstSeenMillis = firstSeenMillis;
            this.bytes = 8L * packetCount; // the slots count too: PNUM may say 9999
        }

        List<Integer> missing() {
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < packets.length; i++) {
                if (packets[i] == null) {
                    missing.add(i + 1);
                }
            }
            return missing;
        }
    }
}
