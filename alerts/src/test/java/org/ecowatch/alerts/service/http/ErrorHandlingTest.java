package org.ecowatch.alerts.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import org.ecowatch.alerts.service.store.LeadStoreException;
import org.junit.jupiter.api.Test;

class ErrorHandlingTest {
    @Test
    void aPoolTimeoutOrAConnectionFailureIsTheStoreBeingUnreachable() {
        assertThat(ErrorHandling.storeUnreachable(new LeadStoreException("reading leads",
                new SQLTransientConnectionException("ecowatch-lead-store - Connection is not available")))).isTrue();
        assertThat(ErrorHandling.storeUnreachable(new LeadStoreException("reading leads",
                new SQLException("Connection refused", "08001")))).isTrue();
    }

    @Test
    void aFaultyStatementOrAnyOtherFailureIsNot() {
        assertThat(ErrorHandling.storeUnreachable(new LeadStoreException("reading leads",
                new SQLSyntaxErrorException("syntax error", "42601")))).isFalse();
        assertThat(ErrorHandling.storeUnreachable(new IllegalStateException("bug"))).isFalse();
    }
}
