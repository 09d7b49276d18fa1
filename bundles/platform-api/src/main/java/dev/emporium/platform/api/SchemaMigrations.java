package dev.emporium.platform.api;

import org.osgi.framework.Bundle;

/**
 * Applies a department's numbered migrations ({@code db/<dept>/V001__name.sql} inside its bundle) under a lock, each
 * at most once, recording the version per department. Departments call it from their activation.
 */
public interface SchemaMigrations {

    /**
     * Brings the department's tables up to the newest migration its bundle ships.
     *
     * @return the department's schema version afterwards
     * @throws MigrationFailedException when a migration fails; that migration is rolled back and the version is
     *                                  left as it was, and health shows the department as failed
     */
    int migrate(String department, Bundle bundle);
}
