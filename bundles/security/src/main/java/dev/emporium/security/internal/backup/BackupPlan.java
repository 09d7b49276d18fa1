package dev.emporium.security.internal.backup;

import dev.emporium.platform.api.ClusterJobs;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.security.internal.SecurityConfig;
import dev.emporium.security.internal.SecurityService;
import dev.emporium.security.internal.audit.AuditTrail;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jdbc.DataSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The disaster plan: scheduled and on-demand backups of every department's tables, verification of an archive by a
 * restore into a scratch in-memory H2, and the restore into a store. Every run is in the security audit trail.
 */
@Component(service = BackupPlan.class, configurationPid = SecurityConfig.PID)
public class BackupPlan {

    private static final Logger LOG = LoggerFactory.getLogger(BackupPlan.class);
    private static final String STORE = "emporium";

    /** A backup just written. */
    public record Taken(String name, String path, String createdAt, int tables, long rows, String contentSha256,
                        List<String> deleted) {
    }

    private final SecurityService security;
    private final DataSource dataSource;
    private final BundleContext context;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private volatile BackupShelf shelf;
    private volatile int retention;
    private ScheduledFuture<?> scheduled;
    private volatile int intervalMinutes;

    /** Runs the schedule once in the cluster; while absent (the platform being swapped) this node runs it alone. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ClusterJobs jobs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(osgi.jdbc.driver.class=org.h2.Driver)")
    private volatile DataSourceFactory h2;

    @Activate
    public BackupPlan(@Reference SecurityService security, @Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                      BundleContext context, SecurityConfig config) {
        this.security = security;
        this.dataSource = dataSource;
        this.context = context;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emporium-backup");
            t.setDaemon(true);
            return t;
        });
        configure(config);
    }

    @Modified
    void modified(SecurityConfig config) {
        configure(config);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private void configure(SecurityConfig config) {
        String dir = config.backupDirectory() == null ? "" : config.backupDirectory().strip();
        this.shelf = new BackupShelf(dir.isEmpty()
                ? Path.of(System.getProperty("karaf.data", "data"), "emporium", "backups")
                : Path.of(dir));
        this.retention = Math.max(1, config.backupRetention());
        synchronized (lock) {
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
            }
            int minutes = config.backupIntervalMinutes();
            intervalMinutes = minutes;
            if (minutes > 0) {
                scheduled = timer.scheduleWithFixedDelay(this::scheduledRun, minutes, minutes, TimeUnit.MINUTES);
            }
        }
    }

    private void scheduledRun() {
        try {
            ClusterJobs j = jobs;
            if (j != null && !j.claimPeriod("security.backup", Duration.ofMinutes(Math.max(1, intervalMinutes)), Instant.now())) {
                LOG.info("Scheduled backup: another node takes this one");
                return;
            }
            Taken t = run("system:schedule", "system");
            LOG.info("Scheduled backup {}: {} tables, {} rows", t.path(), t.tables(), t.rows());
        } catch (RuntimeException e) {
            LOG.error("The scheduled backup failed: {}", e.getMessage(), e);
        }
    }

    public BackupShelf shelf() {
        return shelf;
    }

    /** Takes a backup now into the backup directory and applies the retention. */
    public Taken run(String actor, String address) {
        BackupShelf here = shelf;
        Clock clock = Clock.systemUTC();
        Path target = here.next(clock.instant());
        try {
            BackupManifest m = new StoreBackup(dataSource, clock, storeVersion()).writeTo(target);
            List<String> deleted = here.prune(retention);
            audit(actor, "BACKUP", target.getFileName().toString(), address, AuditTrail.SUCCESS,
                    m.tables().size() + " tables, " + m.totalRows() + " rows, sha256 " + m.contentSha256());
            return new Taken(target.getFileName().toString(), target.toAbsolutePath().toString(), m.createdAt(),
                    m.tables().size(), m.totalRows(), m.contentSha256(), deleted);
        } catch (RuntimeException e) {
            audit(actor, "BACKUP", target.getFileName().toString(), address, AuditTrail.FAILED, e.getMessage());
            throw e;
        }
    }

    /** Checks an archive, restores it into a scratch in-memory H2 and compares every table with it. */
    public StoreRestore.Outcome verify(Path archivePath, String actor, String address) {
        DataSourceFactory factory = h2;
        if (factory == null) {
            throw new ProblemException(503, "Service Unavailable", "verifying needs the H2 driver (feature pax-jdbc-h2) for its scratch database");
        }
        String subject = archivePath.getFileName().toString();
        try {
            BackupArchive archive = BackupArchive.open(archivePath);
            Properties props = new Properties();
            props.setProperty(DataSourceFactory.JDBC_URL, "jdbc:h2:mem:emporium-verify-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            props.setProperty(DataSourceFactory.JDBC_USER, "sa");
            DataSource scratch = factory.createDataSource(props);
            try {
                StoreRestore.Outcome outcome = StoreRestore.restore(archive, scratch, false);
                audit(actor, "VERIFY_BACKUP", subject, address, outcome.identical() ? AuditTrail.SUCCESS : AuditTrail.FAILED,
                        outcome.tables().size() + " tables, " + outcome.rows() + " rows restored into a scratch H2, identical: " + outcome.identical());
                return outcome;
            } finally {
                try (Connection c = scratch.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
        } catch (ProblemException e) {
            audit(actor, "VERIFY_BACKUP", subject, address, AuditTrail.REFUSED, e.detail());
            throw e;
        } catch (SQLException | RuntimeException e) {
            audit(actor, "VERIFY_BACKUP", subject, address, AuditTrail.FAILED, e.getMessage());
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Restores an archive into the DataSource registered with this {@code dataSourceName} (the store's own is
     * {@code emporium}).
     */
    public StoreRestore.Outcome restore(Path archivePath, String dataSourceName, boolean force, String actor, String address) {
        String subject = archivePath.getFileName().toString() + " -> " + dataSourceName;
        try {
            BackupArchive archive = BackupArchive.open(archivePath);
            DataSource target = STORE.equals(dataSourceName) ? dataSource : lookUp(dataSourceName);
            StoreRestore.Outcome outcome = StoreRestore.restore(archive, target, force);
            audit(actor, "RESTORE", subject, address, AuditTrail.SUCCESS, outcome.tables().size() + " tables, "
                    + outcome.rows() + " rows" + (force ? ", forced" : "") + (outcome.tablesCreated() ? ", tables created" : ""));
            return outcome;
        } catch (ProblemException e) {
            audit(actor, "RESTORE", subject, address, AuditTrail.REFUSED, e.detail());
            throw e;
        } catch (RuntimeException e) {
            audit(actor, "RESTORE", subject, address, AuditTrail.FAILED, e.getMessage());
            throw e;
        }
    }

    private DataSource lookUp(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new ValidationException("datasource", "must be the dataSourceName of a registered DataSource");
        }
        try {
            Collection<ServiceReference<DataSource>> refs = context.getServiceReferences(DataSource.class, "(dataSourceName=" + name + ")");
            if (refs.isEmpty()) {
                throw new NotFoundException("no DataSource registered with dataSourceName=" + name);
            }
            DataSource ds = context.getService(refs.iterator().next());
            if (ds == null) {
                throw new NotFoundException("the DataSource " + name + " went away");
            }
            return ds;
        } catch (InvalidSyntaxException e) {
            throw new ValidationException("datasource", "must be the dataSourceName of a registered DataSource");
        }
    }

    private String storeVersion() {
        List<String> parts = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String department = b.getHeaders().get("Emporium-Department");
            if (department != null) {
                parts.add(department + " " + b.getVersion());
            }
        }
        parts.sort(null);
        return "Emporium (" + String.join(", ", parts) + ")";
    }

    private void audit(String actor, String action, String subject, String address, String outcome, String detail) {
        try {
            security.book().audit().record(Clock.systemUTC().instant(), actor, action, subject, address, outcome, detail);
        } catch (RuntimeException e) {
            LOG.error("Could not audit {} {} {}: {}", action, subject, outcome, e.getMessage());
        }
    }
}
