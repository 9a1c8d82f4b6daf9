package org.ecowatch.alerts.service.http;

import java.util.ArrayList;
import java.util.List;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Registry;

/**
 * The districts a {@code district} parameter may name: registry.yaml's, and {@value #UNASSIGNED}, where the pipeline
 * puts the leads of an enterprise the registry does not know (docs/LEADS.md "Content").
 */
final class Districts {
    static final String UNASSIGNED = "unassigned";

    private final List<String> ids;

    Districts(Registry registry) {
        List<String> ids = new ArrayList<>(registry.districts().stream().map(District::id).toList());
        ids.add(UNASSIGNED);
        this.ids = List.copyOf(ids);
    }

    List<String> ids() {
        return ids;
    }
}
