package dev.emporium.platform.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Scheduled work that must run once per schedule in the whole store, however many nodes share its database (supplier
 * syncs, backups, expiry sweeps). Every node keeps its own timer and asks before each run; the first node to claim a
 * slot runs it, the others skip it. A claimed run that fails is not retried in the same slot: the next slot runs again.
 */
public interface ClusterJobs {

    /**
     * Claims slot {@code slot} of {@code job} for this node.
     *
     * @param job  the job's name, unique in the store ({@code <dept>.<what>}, with the thing it is for: {@code inventory.sync.acme})
     * @param slot the schedule slot, the same number on every node for the same run (see {@link #slotOf})
     * @return true when this node won the slot and must run the job now; false when another node already has it
     */
    boolean claim(String job, long slot);

    /** Claims the slot of {@code every} that {@code now} falls in: one run per period, on one node. */
    default boolean claimPeriod(String job, Duration every, Instant now) {
        return claim(job, slotOf(every, now));
    }

    /** The number of the period of length {@code every} that {@code now} falls in, counted from the epoch. */
    static long slotOf(Duration every, Instant now) {
        long millis = every.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("a schedule period must be positive: " + every);
        }
        return Math.floorDiv(now.toEpochMilli(), millis);
    }
}
