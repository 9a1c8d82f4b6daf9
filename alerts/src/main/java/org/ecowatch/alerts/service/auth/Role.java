package org.ecowatch.alerts.service.auth;

import java.util.Locale;

/** What a token may do (docs/API.md "Authentication and roles"). */
public enum Role {
    /** The monitoring station: sees and does everything. */
    STATION,
    /** An officer of registry.yaml: sees and acts on one district only. */
    OFFICER;

    /** How the role is written in the tokens variable and in API answers: {@code station}, {@code officer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
