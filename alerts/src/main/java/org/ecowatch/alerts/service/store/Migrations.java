package org.ecowatch.alerts.service.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The lead store's schema, versioned by Flyway: {@code src/main/resources/db/leadstore/V<n>__<what>.sql}, one SQL
 * dialect for H2 and PostgreSQL (docs/LEADSTORE.md). Flyway records applied versions in {@code flyway_schema_history}
 * and, on PostgreSQL, holds an advisory lock while it migrates, so replicas starting together migrate once.
 */
final class Migrations {

    static final String LOCATION = "classpath:db/leadstore";

    private Migrations() {}

    /** Brings the schema to the newest version; a schema already there is left alone. */
    static void migrate(DataSource dataSource) {
        try {
            flyway(dataSource).migrate();
        } catch (FlywayException e) {
            throw new LeadStoreException("lead store: migrating the schema failed: " + e.getMessage(), e);
        }
    }

    /** The version the schema is at, null before the first migration. */
    static String currentVersion(DataSource dataSource) {
        MigrationInfo current = flyway(dataSource).info().current();
        return current == null ? null : current.getVersion().getVersion();
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load();
    }
}
