package org.ecowatch.alerts.service.intake;

import org.ecowatch.alerts.message.AlertJson;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.alerts.service.store.AlertMessage;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.Registry;

/** {@code ecowatch.alert/1} payloads (CONTRACT §4) into {@link AlertMessage}s, with the enterprise's district. */
final class AlertMessages {
    /** The district of an enterprise the registry does not know, as the lead builder names it. */
    static final String UNASSIGNED = "unassigned";

    private final Registry registry;

    AlertMessages(Registry registry) {
        this.registry = registry;
    }

    AlertMessage parse(byte[] payload) throws InvalidMessage {
        MessageFields fields = MessageFields.parse(payload, AlertJson.SCHEMA);
        String enterpriseId = fields.text("enterpriseId");
        return new AlertMessage(
                fields.text("alertId"),
                fields.oneOf("state", AlertState.class),
                fields.text("rule"),
                fields.oneOf("severity", Severity.class).name(),
                enterpriseId,
                registry.enterprise(enterpriseId).map(Enterprise::district).orElse(UNASSIGNED),
                fields.text("deviceId"),
                fields.optionalText("metric"),
                fields.time("startedAt"),
                fields.time("at"),
                fields.withoutSchema());
    }
}
