package dev.emporium.inventory.internal.stock;

import dev.emporium.testing.TestDatabases;

import javax.sql.DataSource;

/** Fresh inventory databases for tests on H2 or on a real PostgreSQL, with the test outbox table. */
final class InventoryDatabases {

    private InventoryDatabases() {
    }

    static DataSource create(String engine) {
        DataSource ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "inventory");
        TestDatabases.execute(ds, RecordingOutbox.TABLE);
        return ds;
    }
}
