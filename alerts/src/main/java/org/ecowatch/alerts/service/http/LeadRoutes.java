package org.ecowatch.alerts.service.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.service.auth.Principal;
import org.ecowatch.alerts.service.store.AlertRecord;
import org.ecowatch.alerts.service.store.LeadNotFound;
import org.ecowatch.alerts.service.store.LeadQuery;
import org.ecowatch.alerts.service.store.LeadRecord;
import org.ecowatch.alerts.service.store.LeadStatus;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.alerts.service.store.Outcome;
import org.ecowatch.alerts.service.store.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/leads}: list, one lead with its alerts and history, and the officer actions. */
final class LeadRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(LeadRoutes.class);

    private final LeadStore store;
    private final Clock clock;
    private final Districts districts;
    private final Consumer<String> onConfirmedViolation;

    LeadRoutes(LeadStore store, Clock clock, Districts districts, Consumer<String> onConfirmedViolation) {
        this.store = store;
        this.clock = clock;
        this.districts = districts;
        this.onConfirmedViolation = onConfirmedViolation;
    }

    void addTo(JavalinDefaultRouting router) {
        router.get("/api/leads", this::list);
        router.get("/api/leads/{leadId}", this::one);
        router.post("/api/leads/{leadId}/accept", this::accept);
        router.post("/api/leads/{leadId}/outcome", this::outcome);
        router.post("/api/leads/{leadId}/close", this::close);
    }

    private void list(Context ctx) {
        Params params = Params.of(ctx, "district", "status", "priority", "enterprise", "from", "to", "limit", "offset");
        Principal principal = Access.principal(ctx);
        String district = Access.district(principal, params.oneOf("district", districts.ids()));
        Params.TimeRange range = params.timeRange();
        int limit = params.limit();
        int offset = params.offset();
        Page<LeadRecord> page = store.leads(new LeadQuery(district, params.enums("status", LeadStatus.class),
                params.enums("priority", Lead.Priority.class), params.single("enterprise").orElse(null),
                range.from(), range.to(), limit, offset));
        Json.send(ctx, Views.page("leads", page, limit, offset, lead -> Views.lead(lead, clock.instant())));
    }

    private void one(Context ctx) {
        Params.of(ctx);
        LeadRecord lead = visibleLead(ctx);
        var alerts = store.alerts(lead.message().alertIds()).stream()
                .collect(Collectors.toMap(AlertRecord::alertId, Function.identity()));
        Json.send(ctx, Views.leadDetail(lead, alerts, store.history(lead.leadId()), clock.instant()));
    }

    private void accept(Context ctx) {
        Params.of(ctx);
        ActionRequest request = ActionRequest.note(ctx.body());
        LeadRecord lead = visibleLead(ctx);
        answer(ctx, store.accept(lead.leadId(), Access.principal(ctx).name(), request.note(), clock.instant()));
    }

    private void outcome(Context ctx) {
        Params.of(ctx);
        ActionRequest request = ActionRequest.outcome(ctx.body());
        LeadRecord lead = visibleLead(ctx);
        LeadRecord reported = store.reportOutcome(lead.leadId(), Access.principal(ctx).name(), request.outcome(),
                request.note(), clock.instant());
        if (request.outcome() == Outcome.CONFIRMED_VIOLATION) {
            confirmed(reported.message().enterpriseId());
        }
        answer(ctx, reported);
    }

    private void close(Context ctx) {
        Params.of(ctx);
        ActionRequest request = ActionRequest.note(ctx.body());
        LeadRecord lead = visibleLead(ctx);
        answer(ctx, store.close(lead.leadId(), Access.principal(ctx).name(), request.note(), clock.instant()));
    }

    /** The lead of the path: 404 when there is none, 403 when it is another district's. */
    private LeadRecord visibleLead(Context ctx) {
        String leadId = ctx.pathParam("leadId");
        LeadRecord lead = store.lead(leadId).orElseThrow(() -> new LeadNotFound(leadId));
        Access.requireDistrict(Access.principal(ctx), lead.district());
        return lead;
    }

    private void answer(Context ctx, LeadRecord lead) {
        Json.send(ctx, Views.lead(lead, clock.instant()));
    }

    /**
     * The outcome is stored whatever the hook does: it publishes the enterprise's confirmed violations to the
     * pipeline, and a failure there must not turn an officer's recorded finding into an error.
     */
    private void confirmed(String enterpriseId) {
        try {
            onConfirmedViolation.accept(enterpriseId);
        } catch (RuntimeException e) {
            LOG.error("a confirmed violation of {} was stored but not passed on to the pipeline", enterpriseId, e);
        }
    }
}
