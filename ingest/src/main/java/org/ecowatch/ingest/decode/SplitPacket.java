package org.ecowatch.ingest.decode;

/**
 * One packet of a split HJ 212 frame (Flag D, PNUM/PNO), on its way to reassembly. Packets of one set can
 * arrive on different parallel subtasks (shared subscriptions), so they are keyed by {@link #setKey()} and
 * reassembled in keyed, checkpointed state.
 *
 * @param frame the packet's frame bytes as received
 */
public record SplitPacket(String topic, String enterpriseId, String deviceId, String qn, int pnum, int pno,
                          byte[] frame, long receivedAt) {

    /** Packets of one set share device and QN. */
    public String setKey() {
        return enterpriseId + "/" + deviceId + "/" + qn;
    }
}
