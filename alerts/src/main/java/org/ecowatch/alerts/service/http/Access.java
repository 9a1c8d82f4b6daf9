package org.ecowatch.alerts.service.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Optional;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.alerts.service.auth.Principal;

/**
 * Who may do what. The before-handler authenticates every request to a route but {@code /health}; the routes then
 * ask it whether the principal may see a district (an officer only their own) or the station's pages.
 */
final class Access {
    private static final String PRINCIPAL = "ecowatch.principal";
    private static final String BEARER = "Bearer ";

    private Access() {}

    /**
     * A {@code beforeMatched} handler: sets the request's principal from its {@code Authorization: Bearer} token,
     * or refuses with 401. It runs only for requests that match a route, so the metrics know the route template, or
     * a static file of the console, which needs no token.
     */
    static Handler authenticate(ApiTokens tokens) {
        return ctx -> {
            if (ctx.path().equals(OperationRoutes.HEALTH)) {
                return;
            }
            if (ctx.handlerType() == HandlerType.BEFORE_MATCHED) {
                return; // no route matched, a static file did: the console's pages, which hold no data
            }
            String header = ctx.header("Authorization");
            if (header == null) {
                throw ApiError.unauthenticated("send the header Authorization: Bearer <token> (docs/API.md)");
            }
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw ApiError.unauthenticated("the Authorization header must be Bearer <token>");
            }
            Principal principal = tokens.authenticate(header.substring(BEARER.length()).strip())
                    .orElseThrow(() -> ApiError.unauthenticated("unknown token"));
            ctx.attribute(PRINCIPAL, principal);
        };
    }

    static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route " + ctx.path() + " ran without authentication");
        }
        return principal;
    }

    /**
     * The district a listing covers: an officer's own (implied, or asked for), the station's choice (null: all).
     * An officer who asks for another district is refused with 403.
     */
    static String district(Principal principal, Optional<String> asked) {
        if (principal.isStation()) {
            return asked.orElse(null);
        }
        if (asked.isPresent() && !asked.get().equals(principal.district())) {
            throw ApiError.forbidden(officerLimit(principal));
        }
        return principal.district();
    }

    /** Refuses with 403 unless the principal may see and act on {@code district}. */
    static void requireDistrict(Principal principal, String district) {
        if (!principal.mayAccess(district)) {
            throw ApiError.forbidden(officerLimit(principal));
        }
    }

    static void requireStation(Principal principal) {
        if (!principal.isStation()) {
            throw ApiError.forbidden("only the monitoring station may see this");
        }
    }

    private static String officerLimit(Principal principal) {
        return principal.name() + " may see and act on district " + principal.district() + " only";
    }
}
