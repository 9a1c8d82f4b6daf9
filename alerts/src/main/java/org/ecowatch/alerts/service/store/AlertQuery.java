package org.ecowatch.alerts.service.store;

/** A filter on alerts; null fields do not filter. {@code openOnly}: the latest state is not RESOLVED. */
public record AlertQuery(String district, String enterpriseId, String rule, boolean openOnly, int limit, int offset) {}
