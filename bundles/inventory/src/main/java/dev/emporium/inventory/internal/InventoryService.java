package dev.emporium.inventory.internal;

import dev.emporium.inventory.api.AdjustmentRecord;
import dev.emporium.inventory.api.InventoryEvents;
import dev.emporium.inventory.api.Reservation;
import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.SkuStock;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.inventory.api.StockAdjustments;
import dev.emporium.inventory.api.StockLevels;
import dev.emporium.inventory.api.StockReservations;
import dev.emporium.inventory.internal.feed.PriceRule;
import dev.emporium.inventory.internal.feed.SourceSettings;
import dev.emporium.inventory.internal.stock.PriceProposals;
import dev.emporium.inventory.internal.stock.ReservationBook;
import dev.emporium.inventory.internal.stock.StockBook;
import dev.emporium.inventory.internal.stock.SupplierFeedSync;
import dev.emporium.inventory.internal.stock.SyncReport;
import dev.emporium.platform.api.ClusterJobs;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.SchemaMigrations;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The inventory services on the store's DataSource: migrates inventory's tables on activation, delegates to the
 * stock and reservation books, and releases expired reservations on a schedule.
 */
@Component(service = {StockLevels.class, StockAdjustments.class, StockReservations.class, InventoryService.class},
        configurationPid = InventoryConfig.PID)
@Designate(ocd = InventoryConfig.class)
public class InventoryService implements StockLevels, StockAdjustments, StockReservations {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);

    private final StockBook stock;
    private final ReservationBook reservations;
    private final PriceProposals proposals;
    private final SupplierFeedSync feeds;
    private final ScheduledExecutorService scheduler;
    private volatile InventoryConfig config;
    private ScheduledFuture<?> sweep;

    /** Runs the schedule once in the cluster; while absent (the platform being swapped) this node runs it alone. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ClusterJobs jobs;

    @Activate
    public InventoryService(@Reference SchemaMigrations migrations, @Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                            @Reference Outbox outbox, BundleContext context, InventoryConfig config) {
        migrations.migrate(InventoryEvents.DEPARTMENT, context.getBundle());
        this.config = config;
        this.stock = new StockBook(dataSource, outbox, Clock.systemUTC(), () -> this.config.lowStockThreshold());
        this.reservations = new ReservationBook(dataSource, outbox, Clock.systemUTC(), () -> this.config.lowStockThreshold());
        this.proposals = new PriceProposals(dataSource, outbox, Clock.systemUTC());
        this.feeds = new SupplierFeedSync(dataSource, outbox, Clock.systemUTC(), () -> this.config.lowStockThreshold(), proposals);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emporium-inventory-expiry");
            t.setDaemon(true);
            return t;
        });
        schedule();
    }

    @Modified
    void modified(InventoryConfig config) {
        this.config = config;
        schedule();
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    private synchronized void schedule() {
        if (sweep != null) {
            sweep.cancel(false);
        }
        long period = Math.max(1, config.expirySweepSeconds());
        sweep = scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.SECONDS);
    }

    private void sweep() {
        try {
            if (!ClusterSchedule.mine(jobs, "inventory.expiry-sweep", Duration.ofSeconds(Math.max(1, config.expirySweepSeconds())))) {
                return;
            }
            int expired = reservations.expire(Instant.now());
            if (expired > 0) {
                LOG.info("Released {} expired reservation(s)", expired);
            }
        } catch (RuntimeException e) {
            // The next sweep tries again; a database outage must not kill the schedule.
            LOG.warn("Releasing expired reservations failed: {}", e.toString());
        }
    }

    /** The settings now in force. */
    public InventoryConfig config() {
        return config;
    }

    /** Price proposals made from supplier costs, and their review. */
    public PriceProposals proposals() {
        return proposals;
    }

    /** Syncs a source now, in the caller's thread; the report says what happened, a bad feed never throws. */
    public SyncReport sync(SourceSettings source, SupplierFeedSync.FeedOpener opener, String trigger) {
        return feeds.run(source, opener, trigger, () -> {
            InventoryConfig c = config;
            return new SupplierFeedSync.Pricing(PriceRule.of(c.priceMarkupPercent(), c.priceRounding(), c.priceMinimumMarginPercent()),
                    c.priceAutoApply());
        });
    }

    /** Records a failed run of a source that cannot sync at all (bad configuration). */
    public SyncReport failSource(String source, String trigger, String message) {
        return feeds.fail(source, trigger, message);
    }

    /** The latest sync reports of a source (every source when null), newest first. */
    public List<SyncReport> reports(String source, int limit) {
        return feeds.reports(source, limit);
    }

    /** One sync report with its rejected rows. */
    public Optional<SyncReport> report(long id, int maxRejections) {
        return feeds.report(id, maxRejections);
    }

    /** The audit trail of a SKU, newest first. */
    public List<AdjustmentRecord> adjustments(String sku, int limit) {
        return stock.adjustments(sku, limit);
    }

    @Override
    public Optional<SkuStock> stock(String sku) {
        return stock.stock(sku);
    }

    @Override
    public AdjustmentRecord adjust(StockAdjustment adjustment) {
        return stock.adjust(adjustment);
    }

    @Override
    public SkuStock discontinue(String sku, String reason, String actor) {
        return stock.discontinue(sku, reason, actor);
    }

    @Override
    public Reservation reserve(List<ReservationLine> lines, Instant expiresAt, String reference) {
        return reservations.reserve(lines, expiresAt, reference);
    }

    @Override
    public Reservation commit(long reservationId) {
        return reservations.commit(reservationId);
    }

    @Override
    public Reservation release(long reservationId) {
        return reservations.release(reservationId);
    }

    @Override
    public int expire(Instant now) {
        return reservations.expire(now);
    }

    @Override
    public Optional<Reservation> find(long reservationId) {
        return reservations.find(reservationId);
    }
}
