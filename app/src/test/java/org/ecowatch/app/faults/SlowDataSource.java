package org.ecowatch.app.faults;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The lead store's real PostgreSQL data source, made slow on demand: every connection the store takes (one per
 * transaction) first waits {@link #delay(long)} milliseconds, like a database under someone else's load.
 */
final class SlowDataSource implements DataSource {
    private final DataSource delegate;
    private volatile long delayMillis;

    SlowDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    void delay(long millis) {
        delayMillis = millis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        pause();
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        pause();
        return delegate.getConnection(username, password);
    }

    private void pause() throws SQLException {
        long millis = delayMillis;
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while slowed down", e);
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
