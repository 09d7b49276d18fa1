package dev.emporium.inventory.internal;

import dev.emporium.platform.api.ClusterJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Whether this node runs a scheduled job now: once per period in the cluster, through the platform's {@link ClusterJobs}. */
final class ClusterSchedule {

    private ClusterSchedule() {
    }

    /**
     * True when this node claimed the current period of {@code job}, or when there is no {@link ClusterJobs} (the
     * platform being swapped: the node runs it alone, as a single node would).
     */
    static boolean mine(ClusterJobs jobs, String job, Duration every) {
        if (jobs == null) {
            return true;
        }
        return jobs.claimPeriod(job.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-"), every, Instant.now());
    }
}
