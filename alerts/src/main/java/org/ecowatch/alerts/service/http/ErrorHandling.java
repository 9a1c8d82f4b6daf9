package org.ecowatch.alerts.service.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRouting;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.ecowatch.alerts.service.store.InvalidTransition;
import org.ecowatch.alerts.service.store.LeadNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every 4xx and 5xx answer has one body: {@code {"error", "message", "field"}} (docs/API.md "Errors"). */
final class ErrorHandling {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {}

    static void install(JavalinDefaultRouting router) {
        router.exception(ApiError.class, (e, ctx) -> respond(ctx, e.status(), e.code(), e.getMessage(), e.field()));
        router.exception(LeadNotFound.class, (e, ctx) -> respond(ctx, 404, "not-found", e.getMessage(), null));
        router.exception(InvalidTransition.class,
                (e, ctx) -> respond(ctx, 409, "invalid-transition", e.getMessage(), null));
        // Javalin's own refusals: no such route (404), a body over the size limit (413), …
        router.exception(HttpResponseException.class, (e, ctx) -> {
            String code = switch (e.getStatus()) {
                case 404 -> "not-found";
                case 405 -> "method-not-allowed";
                case 413 -> "invalid-body";
                default -> "invalid-request";
            };
            respond(ctx, e.getStatus(), code, e.getMessage(), null);
        });
        router.exception(Exception.class, (e, ctx) -> {
            if (storeUnreachable(e)) {
                LOG.warn("{} {}: the lead store cannot be reached: {}", ctx.method(), ctx.path(), e.toString());
                respond(ctx, 503, "unavailable", "the lead store cannot be reached; try again shortly", null);
            } else {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                respond(ctx, 500, "internal-error", "the service failed; its log says why", null);
            }
        });
    }

    static void respond(Context ctx, int status, String code, String message, String field) {
        ObjectNode body = Json.object();
        body.put("error", code);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        ctx.status(status);
        Json.send(ctx, body);
    }

    /** A connection failure (SQL state class 08, a pool timeout) rather than a fault of the request or the code. */
    static boolean storeUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
