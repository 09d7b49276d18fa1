package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.api.InventoryEvents;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Price proposals made from supplier costs, and an admin's decision on each. An accepted proposal is published as
 * {@code PRICE_ACCEPTED}, on which the catalog sets the product's price.
 */
public final class PriceProposals {

    private static final Set<String> STATUSES = Set.of("PROPOSED", "ACCEPTED", "REJECTED", "SUPERSEDED");

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;

    public PriceProposals(DataSource dataSource, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Records a proposal in the caller's transaction, superseding the SKU's open one; accepted at once on auto-apply. */
    long propose(Connection c, String sku, String source, BigDecimal cost, BigDecimal price, String currency, boolean autoApply) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE inventory_price_proposal SET status = 'SUPERSEDED', decided_at = ? WHERE sku = ? AND status = 'PROPOSED'")) {
            ps.setObject(1, StockQueries.timestamp(now));
            ps.setString(2, sku);
            ps.executeUpdate();
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inventory_price_proposal (sku, source, cost, price, currency, status, created_at, decided_at, decided_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"})) {
            ps.setString(1, sku);
            ps.setString(2, source);
            ps.setBigDecimal(3, cost);
            ps.setBigDecimal(4, price);
            ps.setString(5, currency);
            ps.setString(6, autoApply ? "ACCEPTED" : "PROPOSED");
            ps.setObject(7, StockQueries.timestamp(now));
            ps.setObject(8, autoApply ? StockQueries.timestamp(now) : null);
            ps.setString(9, autoApply ? "auto-apply" : null);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        Map<String, Object> payload = payload(id, sku, price, currency);
        payload.put("cost", amount(cost, Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits())));
        payload.put("source", source);
        outbox.publish(c, InventoryEvents.PRICE_PROPOSED, payload);
        if (autoApply) {
            Map<String, Object> accepted = payload(id, sku, price, currency);
            accepted.put("actor", "auto-apply");
            outbox.publish(c, InventoryEvents.PRICE_ACCEPTED, accepted);
        }
        return id;
    }

    private static Map<String, Object> payload(long id, String sku, BigDecimal price, String currency) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("proposalId", id);
        payload.put("sku", sku);
        payload.put("amount", price.toPlainString());
        payload.put("currency", currency);
        return payload;
    }

    /** Proposals in a status (all when null), newest first. */
    public List<PriceProposal> list(String status, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ValidationException("status", "one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        return Transactions.inTransaction(dataSource, c -> {
            List<PriceProposal> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + (status == null ? "" : " WHERE status = ?")
                    + " ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY")) {
                if (status != null) {
                    ps.setString(1, status);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(row(rs));
                    }
                }
            }
            return found;
        });
    }

    public Optional<PriceProposal> find(long id) {
        return Transactions.inTransaction(dataSource, c -> find(c, id));
    }

    /** Accepts an open proposal and publishes {@code PRICE_ACCEPTED}; accepting an accepted one changes nothing. */
    public PriceProposal accept(long id, String actor) {
        return decide(id, "ACCEPTED", actor);
    }

    /** Rejects an open proposal; rejecting a rejected one changes nothing. */
    public PriceProposal reject(long id, String actor) {
        return decide(id, "REJECTED", actor);
    }

    private PriceProposal decide(long id, String status, String actor) {
        return Transactions.inTransaction(dataSource, c -> {
            PriceProposal p = find(c, id).orElseThrow(() -> new NotFoundException("no price proposal " + id));
            if (p.status().equals(status)) {
                return p;
            }
            int changed;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE inventory_price_proposal SET status = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = 'PROPOSED'")) {
                ps.setString(1, status);
                ps.setObject(2, StockQueries.timestamp(clock.instant()));
                ps.setString(3, actor);
                ps.setLong(4, id);
                changed = ps.executeUpdate();
            }
            if (changed != 1) {
                throw new ConflictException("price proposal " + id + " is " + find(c, id).map(PriceProposal::status).orElse("gone")
                        + "; only a PROPOSED one can be " + status.toLowerCase());
            }
            if (status.equals("ACCEPTED")) {
                Map<String, Object> payload = payload(id, p.sku(), new BigDecimal(p.price()), p.currency());
                payload.put("actor", actor);
                outbox.publish(c, InventoryEvents.PRICE_ACCEPTED, payload);
            }
            return find(c, id).orElseThrow();
        });
    }

    private static final String SELECT = """
            SELECT id, sku, source, cost, price, currency, status, created_at, decided_at, decided_by FROM inventory_price_proposal""";

    private static Optional<PriceProposal> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** A cost with at least the currency's minor digits and at most its own (supplier costs may have up to 4). */
    private static String amount(BigDecimal cost, int digits) {
        BigDecimal stripped = cost.stripTrailingZeros();
        return stripped.setScale(Math.max(digits, Math.max(0, stripped.scale()))).toPlainString();
    }

    private static PriceProposal row(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        int digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        return new PriceProposal(rs.getLong("id"), rs.getString("sku"), rs.getString("source"),
                amount(rs.getBigDecimal("cost"), digits),
                rs.getBigDecimal("price").setScale(digits, java.math.RoundingMode.HALF_UP).toPlainString(), currency,
                rs.getString("status"), StockQueries.instant(rs, "created_at"), StockQueries.instant(rs, "decided_at"),
                rs.getString("decided_by"));
    }
}
