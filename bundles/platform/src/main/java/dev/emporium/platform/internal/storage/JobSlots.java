package dev.emporium.platform.internal.storage;

import dev.emporium.platform.api.Transactions;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Claims of scheduled job runs in {@code platform_job_run}: the node whose insert of (job, slot) wins runs the slot. */
public final class JobSlots {

    private static final Pattern JOB = Pattern.compile("[a-z][a-z0-9._-]{0,199}");

    private final DataSource dataSource;
    private final String node;
    private final Clock clock;

    public JobSlots(DataSource dataSource, String node, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.node = Objects.requireNonNull(node, "node");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True when this node claimed ({@code job}, {@code slot}) now; false when a node already had it. */
    public boolean claim(String job, long slot) {
        Objects.requireNonNull(job, "job");
        if (!JOB.matcher(job).matches()) {
            throw new IllegalArgumentException("a job name is lower case letters, digits, '.', '_' and '-': " + job);
        }
        return Transactions.inTransaction(dataSource, c -> Transactions.insertIfAbsent(c, tx -> {
            try (PreparedStatement ps = tx.prepareStatement(
                    "INSERT INTO platform_job_run (job, slot, node, claimed_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, job);
                ps.setLong(2, slot);
                ps.setString(3, node);
                ps.setObject(4, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        }));
    }

    /** Forgets claims older than {@code keep}; returns how many. */
    public int prune(Duration keep) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM platform_job_run WHERE claimed_at < ?")) {
                ps.setObject(1, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(keep));
                return ps.executeUpdate();
            }
        });
    }
}
