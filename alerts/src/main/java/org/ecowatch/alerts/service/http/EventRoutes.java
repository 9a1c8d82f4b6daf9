package org.ecowatch.alerts.service.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ecowatch.alerts.service.auth.Principal;

/**
 * {@code /api/events}: a server-sent-event stream written by hand rather than with Javalin's {@code SseClient}, for
 * control over {@code id:} and {@code Last-Event-ID}, and so that each client is written by its own request thread
 * from its own queue ({@link EventHub}): a slow client blocks nobody else.
 */
final class EventRoutes {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Each stream holds a request thread (Jetty's pool has 250): leave plenty for the other requests. */
    static final int MAX_CLIENTS = 100;
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final EventHub hub;

    EventRoutes(EventHub hub) {
        this.hub = hub;
    }

    void addTo(JavalinDefaultRouting router) {
        router.get("/api/events", this::events);
    }

    private void events(Context ctx) {
        Params.of(ctx);
        Principal principal = Access.principal(ctx);
        Long lastEventId = lastEventId(ctx.header(LAST_EVENT_ID));
        if (hub.clients() >= MAX_CLIENTS) {
            throw ApiError.unavailable("the service has " + MAX_CLIENTS + " event streams open; try again later");
        }
        EventHub.Subscriber subscriber = hub.subscribe(principal.district());
        try {
            // Every change the queue gets from now on has a seq above this one or is in the log up to it (seqs
            // become visible in order): the log up to it is replayed or was before the client came, the queue's
            // changes up to it are skipped.
            long start = hub.lastChangeSeq();
            stream(ctx.res(), subscriber, lastEventId, start, principal.district());
        } finally {
            hub.unsubscribe(subscriber);
        }
    }

    private void stream(HttpServletResponse response, EventHub.Subscriber subscriber, Long lastEventId, long start,
            String district) {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // nginx: do not buffer the stream
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            out.write("retry: 3000\n\n");
            out.flush();
            if (lastEventId != null) {
                hub.replay(lastEventId, start, district, event -> write(out, event));
            }
            while (true) {
                EventHub.Event event = subscriber.next(KEEP_ALIVE);
                if (event == EventHub.CLOSED) {
                    return; // dropped or shutting down: the client reconnects with Last-Event-ID
                }
                if (event == null) {
                    out.write(": keep-alive\n\n");
                    out.flush();
                } else if (event.seq() > start) {
                    write(out, event);
                }
            }
        } catch (IOException e) {
            // The client went away (a write failed): nothing to answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(Writer out, EventHub.Event event) throws IOException {
        out.write("id: " + event.seq() + "\nevent: " + event.kind() + "\ndata: " + event.data() + "\n\n");
        out.flush();
    }

    /** The header's sequence number; null when absent. */
    static Long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(header.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.invalidParameter(LAST_EVENT_ID, LAST_EVENT_ID + " must be the id of an event of this stream");
    }
}
