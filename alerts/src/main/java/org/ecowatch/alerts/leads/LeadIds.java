package org.ecowatch.alerts.leads;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Lead ids derived from content only (RFC 4122 name-based UUID, version 5, SHA-1) as alert ids are, so replaying the
 * same input yields the same ids and the lead store upserts. (The same algorithm as the lifecycle's package-private
 * AlertIds, with its own name space.)
 */
final class LeadIds {
    /** The name space of ecowatch lead ids (fixed forever: changing it changes every id). */
    static final UUID NAMESPACE = UUID.nameUUIDFromBytes("org.ecowatch.lead".getBytes(StandardCharsets.UTF_8));

    private LeadIds() {}

    /** The id of the incident of {@code enterpriseId} whose first alert started at {@code openedAt} (epoch ms). */
    static String of(String enterpriseId, long openedAt) {
        return uuid5(NAMESPACE, enterpriseId + "\n" + openedAt).toString();
    }

    static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}
