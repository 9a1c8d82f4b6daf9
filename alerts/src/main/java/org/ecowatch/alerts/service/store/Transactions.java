package org.ecowatch.alerts.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs store work in transactions. A write that lost a race with another writer (another replica inserted the same
 * lead first, or the databases chose it as a deadlock victim) is rolled back and run again from the start: it then
 * reads what the winner committed and decides anew, so the race ends as if the two had come one after the other.
 */
final class Transactions {

    /** Work on one connection; the caller commits. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    /**
     * SQL states after which running the transaction again can succeed: 23505 unique key taken by a concurrent
     * insert (both), 40001 serialization failure or deadlock (both), 40P01 deadlock (PostgreSQL), 90131 concurrent
     * update of a row (H2).
     */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01", "90131");
    static final int ATTEMPTS = 5;

    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in one transaction, again when it lost a race (up to {@value #ATTEMPTS} times in all). */
    <T> T write(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !RETRYABLE.contains(e.getSQLState())) {
                    throw new LeadStoreException("lead store: " + what + " failed: " + e.getMessage(), e);
                }
                LOG.debug("{} lost a race (SQL state {}), attempt {} again", what, e.getSQLState(), attempt + 1);
                pause(attempt);
            }
        }
    }

    /** Runs {@code work} on a connection of its own, statement by statement (auto-commit). */
    <T> T read(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new LeadStoreException("lead store: " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether the database answers within two seconds. */
    boolean healthy() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A short random pause, so that two losers of one race do not meet again at once. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
