package org.ecowatch.alerts.service.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ecowatch.alerts.service.store.Change;
import org.ecowatch.alerts.service.store.LeadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of {@code /api/events}: ONE background thread per service reads the store's change log every
 * {@link #POLL_EVERY}, renders each change once (the lead or alert as it is now) and hands it to every connected
 * client whose district it concerns. Reading the log, not the MQTT intake, is what lets every replica serve every
 * change, whichever replica stored it. The same thread purges the log of changes older than {@link #KEEP_CHANGES}
 * once an hour.
 *
 * <p>Each client has a bounded queue, drained by its own request thread: the hub never waits for a client. A client
 * whose queue overflows is dropped; it reconnects with {@code Last-Event-ID} and {@link #replay} gives it what it
 * missed.
 */
final class EventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    static final Duration POLL_EVERY = Duration.ofMillis(500);
    static final Duration KEEP_CHANGES = Duration.ofHours(24);
    static final Duration PURGE_EVERY = Duration.ofHours(1);
    static final int BATCH = 500;
    /** Events a client may fall behind before it is dropped. */
    static final int QUEUE = 1000;

    /** What a client's queue holds when the hub closes it. */
    static final Event CLOSED = new Event(-1, "closed", null, "");

    private final LeadStore store;
    private final Clock clock;
    private final Counter dropped;
    private final int queueSize;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ecowatch-events");
        t.setDaemon(true);
        return t;
    });

    private boolean failing; // the hub's thread only
    /** The newest seq handed out (at start: the newest in the log); written by the hub's thread only. */
    private volatile long position = -1;

    EventHub(LeadStore store, Clock clock, MeterRegistry metrics) {
        this(store, clock, metrics, QUEUE);
    }

    EventHub(LeadStore store, Clock clock, MeterRegistry metrics, int queueSize) {
        this.store = store;
        this.clock = clock;
        this.queueSize = queueSize;
        this.dropped = Counter.builder(ApiMetrics.PREFIX + "sse.dropped")
                .description("Event-stream clients dropped because they read too slowly").register(metrics);
    }

    void start() {
        try {
            position = store.lastChangeSeq();
        } catch (RuntimeException e) {
            LOG.warn("event stream: the change log cannot be read yet: {}", e.toString()); // the first poll retries
        }
        thread.scheduleWithFixedDelay(this::poll, 0, POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::purge, 1, PURGE_EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    int clients() {
        return subscribers.size();
    }

    /** A new client that receives every change handed out from now on; a null district receives all. */
    Subscriber subscribe(String district) {
        Subscriber subscriber = new Subscriber(district, queueSize);
        subscribers.add(subscriber);
        return subscriber;
    }

    void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** The newest seq handed out; -1 until the log could first be read. */
    long position() {
        return position;
    }

    /** The newest seq in the store's log. */
    long lastChangeSeq() {
        return store.lastChangeSeq();
    }

    /** Sends {@code sink} the changes of {@code district} (null: all) after {@code after} up to {@code upTo}. */
    void replay(long after, long upTo, String district, EventSink sink) throws IOException {
        long cursor = after;
        while (cursor < upTo) {
            List<Change> changes = store.changesAfter(cursor, BATCH);
            for (Change change : changes) {
                cursor = change.seq();
                if (cursor > upTo) {
                    return;
                }
                if (district == null || district.equals(change.district())) {
                    Optional<Event> event = render(change);
                    if (event.isPresent()) {
                        sink.send(event.get());
                    }
                }
            }
            if (changes.size() < BATCH) {
                return;
            }
        }
    }

    /**
     * Reads the log strictly after the newest seq handed out. That loses nothing because the store hands out seqs in
     * commit order (its change_counter row stays locked until the writing transaction commits), so once seq n is
     * visible every lower one is too. Were seqs taken from an identity column instead, a transaction that commits
     * late would be skipped here.
     */
    private void poll() {
        try {
            if (position < 0) {
                position = store.lastChangeSeq();
            }
            List<Change> changes;
            do {
                changes = store.changesAfter(position, BATCH);
                changes.forEach(this::deliver);
            } while (changes.size() == BATCH);
            if (failing) {
                LOG.info("event stream: the change log can be read again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("event stream: the change log cannot be read; retrying every {} ms: {}",
                        POLL_EVERY.toMillis(), e.toString());
                failing = true;
            }
        }
    }

    /** Renders the change (a failure leaves {@link #position} before it, to be tried again) and hands it out. */
    private void deliver(Change change) {
        if (subscribers.isEmpty()) {
            position = change.seq();
            return;
        }
        Optional<Event> rendered = render(change);
        position = change.seq();
        rendered.ifPresent(event -> {
            for (Subscriber subscriber : subscribers) {
                if (subscriber.wants(event) && !subscriber.offer(event)) {
                    dropped.increment();
                    subscribers.remove(subscriber);
                    LOG.info("event stream: a client of district {} fell {} events behind and was dropped",
                            subscriber.district == null ? "(all)" : subscriber.district, queueSize);
                }
            }
        });
    }

    /** The lead or alert of a change as it is now; empty if the store no longer has it. */
    private Optional<Event> render(Change change) {
        ObjectNode data = switch (change.kind()) {
            case "lead" -> store.lead(change.refId()).map(lead -> Views.lead(lead, clock.instant())).orElse(null);
            case "alert" -> store.alert(change.refId()).map(Views::alert).orElse(null);
            default -> null;
        };
        return data == null ? Optional.empty()
                : Optional.of(new Event(change.seq(), change.kind(), change.district(), Json.write(data)));
    }

    private void purge() {
        try {
            int purged = store.purgeChangesBefore(clock.instant().minus(KEEP_CHANGES));
            LOG.debug("event stream: {} changes older than {} purged from the change log", purged, KEEP_CHANGES);
        } catch (RuntimeException e) {
            LOG.warn("event stream: the change log could not be purged: {}", e.toString());
        }
    }

    /** Stops the hub's thread and ends every client's stream. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscribers.forEach(Subscriber::close);
        subscribers.clear();
    }

    /** One change as sent: {@code id: seq}, {@code event: kind}, {@code data: json}. */
    record Event(long seq, String kind, String district, String data) {}

    @FunctionalInterface
    interface EventSink {
        void send(Event event) throws IOException;
    }

    /** One connected client: a district (null for all) and a bounded queue. */
    static final class Subscriber {
        private final String district;
        private final BlockingQueue<Event> queue;
        private volatile boolean closed;

        private Subscriber(String district, int queueSize) {
            this.district = district;
            this.queue = new ArrayBlockingQueue<>(queueSize);
        }

        boolean wants(Event event) {
            return district == null || district.equals(event.district());
        }

        /** Queues the event; false (and closed) when the queue is full. */
        private boolean offer(Event event) {
            if (closed) {
                return true;
            }
            if (queue.offer(event)) {
                return true;
            }
            close();
            return false;
        }

        private void close() {
            closed = true;
            queue.clear();
            queue.offer(CLOSED);
        }

        /** The next event, {@link #CLOSED} once closed, or null when none came within {@code timeout}. */
        Event next(Duration timeout) throws InterruptedException {
            if (closed) {
                return CLOSED;
            }
            return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
