package org.ecowatch.alerts.service.store;

import java.time.Instant;

/**
 * One entry of the store's change log, from which every replica serves the live event stream.
 *
 * @param seq   increasing sequence number (the SSE event id)
 * @param kind  {@code lead} or {@code alert}
 * @param refId the lead or alert id
 */
public record Change(long seq, String kind, String refId, String district, Instant at) {}
