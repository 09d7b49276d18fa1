package dev.emporium.platform.internal;

import dev.emporium.platform.api.MigrationFailedException;
import dev.emporium.platform.api.SchemaMigrations;
import dev.emporium.platform.internal.storage.Migration;
import dev.emporium.platform.internal.storage.MigrationRunner;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Runs the migrations a department bundle ships under {@code db/<dept>/}, and remembers the outcome for health. */
@Component(service = {SchemaMigrations.class, SchemaStates.class}, configurationPid = PlatformConfig.PID)
public class BundleSchemaMigrations implements SchemaMigrations, SchemaStates {

    private static final Logger LOG = LoggerFactory.getLogger(BundleSchemaMigrations.class);
    /** Long enough for any migration; a crashed node's lock is taken over after it. */
    private static final Duration LOCK_LEASE = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Map<String, SchemaState> states = new ConcurrentHashMap<>();
    private volatile Duration lockWait;

    @Activate
    public BundleSchemaMigrations(@Reference(target = "(dataSourceName=emporium)") DataSource dataSource, PlatformConfig config) {
        this.dataSource = dataSource;
        modified(config);
    }

    @Modified
    void modified(PlatformConfig config) {
        lockWait = Duration.ofSeconds(config.migrationLockWaitSeconds());
    }

    @Override
    public int migrate(String department, Bundle bundle) {
        MigrationRunner runner = null;
        try {
            List<Migration> migrations = migrationsOf(department, bundle);
            runner = new MigrationRunner(dataSource, owner, LOCK_LEASE, lockWait);
            int version = runner.migrate(department, migrations);
            states.put(department, new SchemaState(version, null));
            LOG.info("Schema of department {} is at version {}", department, version);
            return version;
        } catch (MigrationFailedException e) {
            states.put(department, new SchemaState(runner == null ? 0 : runner.appliedVersion(department), e.getMessage()));
            LOG.error("Department {} cannot start: {}", department, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            states.put(department, new SchemaState(0, e.getMessage()));
            throw new MigrationFailedException(department + " migrations could not be read: " + e.getMessage(), e);
        }
    }

    static List<Migration> migrationsOf(String department, Bundle bundle) {
        Enumeration<URL> entries = bundle.findEntries("db/" + department, "V*.sql", false);
        Map<String, URL> byName = new TreeMap<>();
        for (URL url : entries == null ? List.<URL>of() : Collections.list(entries)) {
            String path = url.getPath();
            byName.put(path.substring(path.lastIndexOf('/') + 1), url);
        }
        List<Migration> result = new ArrayList<>();
        for (var e : byName.entrySet()) {
            try (InputStream in = e.getValue().openStream()) {
                result.add(Migration.fromResource(e.getKey(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException ex) {
                throw new IllegalStateException("cannot read " + e.getValue() + ": " + ex.getMessage(), ex);
            }
        }
        return result;
    }

    @Override
    public Map<String, SchemaState> schemaStates() {
        return Map.copyOf(states);
    }
}
