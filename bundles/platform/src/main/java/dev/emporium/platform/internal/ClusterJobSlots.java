package dev.emporium.platform.internal;

import dev.emporium.platform.api.ClusterJobs;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.internal.storage.JobSlots;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Scheduled jobs run once per slot in the cluster: a row of {@code platform_job_run} per run, inserted by the winner. */
@Component(service = ClusterJobs.class, configurationPid = PlatformConfig.PID)
public class ClusterJobSlots implements ClusterJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobSlots.class);
    private static final Duration KEEP = Duration.ofDays(7);

    private final DataSource dataSource;
    private final AtomicLong lastPrune = new AtomicLong();
    private volatile JobSlots slots;

    /** The {@link Outbox} reference makes sure the platform schema exists before the first claim. */
    @Activate
    public ClusterJobSlots(@Reference(target = "(dataSourceName=emporium)") DataSource dataSource, @Reference Outbox outbox,
                           PlatformConfig config) {
        this.dataSource = dataSource;
        modified(config);
    }

    @Modified
    void modified(PlatformConfig config) {
        slots = new JobSlots(dataSource, NodeIdentity.resolve(config.nodeId(), System.getProperty("karaf.data"),
                System.getProperty("karaf.name")), Clock.systemUTC());
    }

    @Override
    public boolean claim(String job, long slot) {
        boolean won = slots.claim(job, slot);
        long now = System.currentTimeMillis();
        long last = lastPrune.get();
        if (now - last > Duration.ofHours(1).toMillis() && lastPrune.compareAndSet(last, now)) {
            try {
                slots.prune(KEEP);
            } catch (RuntimeException e) {
                LOG.debug("Pruning job runs failed: {}", e.toString());
            }
        }
        return won;
    }
}
