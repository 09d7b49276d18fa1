package dev.emporium.demo.internal;

import dev.emporium.platform.api.Transactions;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Whether the demo was removed from this store, kept in the store's database so it outlives restarts and reinstalls. */
public final class RemovalRecord {

    /** A removal: started, and finished (with what it did) unless it stopped half-way. */
    public record Removal(Instant startedAt, Instant finishedAt, String summary) {
        public boolean finished() {
            return finishedAt != null;
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    RemovalRecord(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    Optional<Removal> find() {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT started_at, finished_at, summary FROM demo_removal WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Removal(instant(rs, 1), instant(rs, 2), rs.getString(3))) : Optional.<Removal>empty();
            }
        });
    }

    /** Remembers that a removal started (once: a removal resumed keeps its first start). */
    void begin() {
        Instant now = clock.instant();
        Transactions.inTransaction(dataSource, c -> Transactions.insertIfAbsent(c, tx -> {
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO demo_removal (id, started_at) VALUES (1, ?)")) {
                ps.setObject(1, now.atOffset(ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        }));
    }

    void finish(String summary) {
        Instant now = clock.instant();
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE demo_removal SET finished_at = ?, summary = ? WHERE id = 1")) {
                ps.setObject(1, now.atOffset(ZoneOffset.UTC));
                ps.setString(2, summary);
                return ps.executeUpdate();
            }
        });
    }

    private static Instant instant(ResultSet rs, int column) throws java.sql.SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
