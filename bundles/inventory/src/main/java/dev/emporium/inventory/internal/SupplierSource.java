package dev.emporium.inventory.internal;

import dev.emporium.inventory.internal.feed.FieldMapping;
import dev.emporium.inventory.internal.feed.SourceSettings;
import dev.emporium.inventory.internal.stock.SyncReport;
import dev.emporium.platform.api.ClusterJobs;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One configured supplier or warehouse feed: syncs on its schedule and on demand. A bad configuration is logged as an
 * error and leaves a failed report; the source then never syncs until its configuration is fixed.
 */
@Component(service = SupplierSource.class, configurationPid = SourceConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SourceConfig.class, factory = true)
public class SupplierSource {

    private static final Logger LOG = LoggerFactory.getLogger(SupplierSource.class);

    private final InventoryService inventory;
    private final ScheduledExecutorService scheduler;
    private volatile SourceSettings settings;
    private ScheduledFuture<?> next;

    /** Runs the schedule once in the cluster; while absent (the platform being swapped) this node runs it alone. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ClusterJobs jobs;

    @Activate
    public SupplierSource(@Reference InventoryService inventory, SourceConfig config, Map<String, Object> properties) {
        this.inventory = inventory;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emporium-inventory-source");
            t.setDaemon(true);
            return t;
        });
        configure(config, properties);
    }

    @Modified
    void modified(SourceConfig config, Map<String, Object> properties) {
        configure(config, properties);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    private synchronized void configure(SourceConfig c, Map<String, Object> properties) {
        SourceSettings s = SourceSettings.check(name(c, properties), c.url(), c.format(), c.delimiter(), c.location(),
                new FieldMapping(c.skuColumn(), c.quantityColumn(), c.costColumn(), c.currencyColumn(), c.discontinuedColumn(), c.locationColumn()),
                c.currency(), c.intervalSeconds(), c.missingRunsBeforeDiscontinued(), c.acceptPartial());
        this.settings = s;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        if (!s.valid()) {
            String message = "bad configuration: " + String.join("; ", s.errors());
            LOG.error("Inventory source {} ({}) will not sync: {}", s.name(), properties.get("service.pid"), message);
            try {
                inventory.failSource(s.name(), "configuration", message);
            } catch (RuntimeException e) {
                LOG.warn("Could not record the failed configuration of source {}: {}", s.name(), e.toString());
            }
            return;
        }
        LOG.info("Inventory source {}: {} ({}) into {}{}", s.name(), s.url(), s.format(), s.location(),
                s.intervalSeconds() > 0 ? ", every " + s.intervalSeconds() + " s" : ", on demand");
        if (s.intervalSeconds() > 0) {
            next = scheduler.scheduleWithFixedDelay(this::scheduled, s.intervalSeconds(), s.intervalSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The name given in the configuration, else the factory configuration's own name (acme for ...source-acme.cfg). */
    private static String name(SourceConfig c, Map<String, Object> properties) {
        if (c.name() != null && !c.name().isBlank()) {
            return c.name().strip();
        }
        Object pid = properties.get("service.pid");
        if (pid instanceof String p && p.contains("~")) {
            return p.substring(p.indexOf('~') + 1);
        }
        Object file = properties.get("felix.fileinstall.filename");
        if (file instanceof String f && f.contains(SourceConfig.FACTORY_PID + "-")) {
            String n = f.substring(f.lastIndexOf(SourceConfig.FACTORY_PID + "-") + SourceConfig.FACTORY_PID.length() + 1);
            return n.endsWith(".cfg") ? n.substring(0, n.length() - 4) : n;
        }
        return pid instanceof String p ? p : "unnamed";
    }

    private void scheduled() {
        try {
            SourceSettings s = settings;
            if (!ClusterSchedule.mine(jobs, "inventory.sync." + s.name(), Duration.ofSeconds(s.intervalSeconds()))) {
                LOG.debug("Scheduled sync of source {}: another node runs this one", s.name());
                return;
            }
            SyncReport r = sync("schedule");
            LOG.info("Scheduled sync of source {}: {}", r.source(), r.status());
        } catch (RuntimeException e) {
            // The next run tries again: a database outage must not kill the schedule.
            LOG.warn("Scheduled sync of source {} failed: {}", settings.name(), e.toString());
        }
    }

    public SourceSettings settings() {
        return settings;
    }

    /** Syncs now in the caller's thread (a badly configured source records a failed report). */
    public SyncReport sync(String trigger) {
        SourceSettings s = settings;
        if (!s.valid()) {
            return inventory.failSource(s.name(), trigger, "bad configuration: " + String.join("; ", s.errors()));
        }
        SyncReport r = inventory.sync(s, FeedOpeners.of(s.url()), trigger);
        if (r.status().equals("FAILED") || r.status().equals("REJECTED")) {
            LOG.warn("Sync {} of source {}: {}: {}", r.id(), s.name(), r.status(), r.message());
        }
        return r;
    }
}
