package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.internal.feed.FeedLine;
import dev.emporium.inventory.internal.feed.FeedReader;
import dev.emporium.inventory.internal.feed.FeedRow;
import dev.emporium.inventory.internal.feed.PriceRule;
import dev.emporium.inventory.internal.feed.RowMapping;
import dev.emporium.inventory.internal.feed.RowRejectedException;
import dev.emporium.inventory.internal.feed.SourceSettings;
import dev.emporium.inventory.internal.feed.UnreadableFeedException;
import dev.emporium.inventory.api.LocationKind;
import dev.emporium.inventory.api.LocationStock;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Transactions;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Applies a supplier's or warehouse's feed to the stock: reads it row by row, checks every row, and applies stock and
 * cost changes, discontinuations and price proposals in one transaction with their outbox events. A feed that cannot
 * be read changes nothing; bad rows are applied around only when the source accepts partial feeds. Every run leaves a
 * report. Running the same feed twice changes nothing the second time.
 */
public final class SupplierFeedSync {

    /** Opens a source's feed. */
    @FunctionalInterface
    public interface FeedOpener {
        InputStream open() throws IOException;
    }

    /** The price rule and whether its proposals are accepted without review. */
    public record Pricing(PriceRule rule, boolean autoApply) {
    }

    private static final int BATCH = 1000;

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final StockEvents events;
    private final PriceProposals proposals;

    public SupplierFeedSync(DataSource dataSource, Outbox outbox, Clock clock, LongSupplier lowStockThreshold, PriceProposals proposals) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.events = new StockEvents(outbox, lowStockThreshold);
        this.proposals = proposals;
    }

    /** A run that ended without applying anything; the message says why. */
    private static final class NothingApplied extends Exception {
        final String status;

        NothingApplied(String status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** The counts of a run, kept while it goes. */
    private static final class Tally {
        int rows;
        int added;
        int changed;
        int unchanged;
        int discontinued;
        int proposals;
        final List<SyncReport.Rejection> rejections = new ArrayList<>();
    }

    /** Records a failed run that never reached the feed (bad configuration), so that admins see why in the reports. */
    public SyncReport fail(String source, String trigger, String message) {
        long id = start(source, trigger);
        return finish(id, "FAILED", new Tally(), message);
    }

    /** Runs one sync of a source and returns its report (also stored). Never throws for a bad feed. */
    public SyncReport run(SourceSettings source, FeedOpener opener, String trigger, Supplier<Pricing> pricing) {
        long id = start(source.name(), trigger);
        if (!source.valid()) {
            return finish(id, "FAILED", new Tally(), "bad configuration: " + String.join("; ", source.errors()));
        }
        Tally tally = new Tally();
        try {
            String message = Transactions.inTransaction(dataSource, c -> {
                try {
                    return apply(c, id, source, opener, pricing.get(), tally);
                } catch (NothingApplied e) {
                    throw new Rollback(e);
                }
            });
            return finish(id, tally.rejections.isEmpty() ? "APPLIED" : "PARTIAL", tally, message);
        } catch (Rollback r) {
            Tally kept = r.cause.status.equals("REJECTED") ? tally : new Tally();
            if (r.cause.status.equals("REJECTED")) {
                kept.added = kept.changed = kept.unchanged = kept.discontinued = kept.proposals = 0;
            }
            return finish(id, r.cause.status, kept, r.cause.getMessage());
        } catch (RuntimeException e) {
            return finish(id, "FAILED", new Tally(), "the sync failed and changed nothing: " + e.getMessage());
        }
    }

    /** Carries a run's refusal out of the transaction, which rolls back. */
    private static final class Rollback extends RuntimeException {
        final NothingApplied cause;

        Rollback(NothingApplied cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    private String apply(Connection c, long reportId, SourceSettings source, FeedOpener opener, Pricing pricing, Tally tally)
            throws SQLException, NothingApplied {
        Instant now = clock.instant();
        lockSource(c, source.name(), now);
        Map<String, LocationKind> kinds = locationKinds(c);
        List<String> locations = new ArrayList<>(kinds.keySet());
        if (!locations.contains(source.location())) {
            throw new NothingApplied("FAILED", "bad configuration: location '" + source.location() + "' is not known (known locations: "
                    + String.join(", ", locations) + ")");
        }
        Map<String, Boolean> items = items(c);
        Map<String, Long> onHand = onHand(c);
        Map<String, SourceSku> known = sourceSkus(c, source.name());
        Map<String, Integer> seen = new HashMap<>();
        Set<String> newItems = new HashSet<>();
        Set<String> seenSkus = new HashSet<>();
        List<StockChange> stockChanges = new ArrayList<>();
        List<FeedLine> costChanges = new ArrayList<>();
        List<FeedLine> discontinuations = new ArrayList<>();
        RowMapping mapping = new RowMapping(source);
        boolean truncated;
        try (Batches b = new Batches(c, now, source.name());
             FeedReader reader = open(opener, source)) {
            mapping.checkColumns(reader.columns());
            FeedRow row;
            while ((row = reader.next()) != null) {
                tally.rows++;
                FeedLine line;
                try {
                    line = mapping.map(row);
                } catch (RowRejectedException e) {
                    if (e.sku() != null) {
                        seenSkus.add(e.sku());
                    }
                    tally.rejections.add(new SyncReport.Rejection(row.line(), e.sku(), e.getMessage()));
                    continue;
                }
                seenSkus.add(line.sku());
                String key = key(line.sku(), line.location());
                if (!locations.contains(line.location())) {
                    tally.rejections.add(new SyncReport.Rejection(line.line(), line.sku(), "location '" + line.location()
                            + "' is not known (known locations: " + String.join(", ", locations) + ")"));
                    continue;
                }
                Integer first = seen.putIfAbsent(key, line.line());
                if (first != null) {
                    tally.rejections.add(new SyncReport.Rejection(line.line(), line.sku(), line.sku() + " at " + line.location()
                            + " appears again (first on line " + first + ")"));
                    continue;
                }
                boolean added = false;
                boolean changed = false;
                if (!items.containsKey(line.sku())) {
                    b.insertItem(line.sku());
                    items.put(line.sku(), false);
                    newItems.add(line.sku());
                    added = true;
                }
                Long before = onHand.get(key);
                if (line.quantity() != null) {
                    if (before == null) {
                        b.insertStock(line.sku(), line.location(), line.quantity(), items.get(line.sku()));
                        onHand.put(key, line.quantity());
                        added = true;
                        if (line.quantity() != 0) {
                            stockChanges.add(new StockChange(line, line.quantity(), true));
                        }
                    } else if (before != line.quantity().longValue()) {
                        stockChanges.add(new StockChange(line, line.quantity() - before, false));
                        changed = true;
                    }
                }
                SourceSku was = known.get(key);
                boolean costChanged = line.cost() != null && (was == null || was.cost == null
                        || was.cost.compareTo(line.cost()) != 0 || !line.currency().equals(was.currency));
                if (was == null) {
                    b.insertSourceSku(line.sku(), line.location(), line.cost(), line.currency());
                } else if (costChanged || was.missingRuns > 0) {
                    b.updateSourceSku(line.sku(), line.location(), costChanged ? line.cost() : was.cost,
                            costChanged ? line.currency() : was.currency, 0);
                }
                if (costChanged) {
                    costChanges.add(line);
                    changed |= was != null && was.cost != null;
                }
                boolean discontinuing = line.discontinued() && !items.get(line.sku());
                if (discontinuing) {
                    discontinuations.add(line);
                    items.put(line.sku(), true);
                }
                if (added) {
                    tally.added++;
                } else if (changed) {
                    tally.changed++;
                } else if (!discontinuing) {
                    tally.unchanged++;
                }
            }
            truncated = reader.truncated();
            b.flush();
        } catch (UnreadableFeedException e) {
            throw new NothingApplied("FAILED", "the feed cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new NothingApplied("FAILED", "the feed cannot be read: " + describe(e));
        }
        if (!tally.rejections.isEmpty() && !source.acceptPartial()) {
            throw new NothingApplied("REJECTED", tally.rejections.size() + " bad row(s) and the source does not accept partial feeds: nothing applied");
        }
        // Stock: a conditional update, so that a count under what checkouts hold never breaks a reservation.
        for (StockChange change : stockChanges) {
            FeedLine line = change.line();
            if (!change.inserted() && !setOnHand(c, line, now)) {
                throw new NothingApplied("REJECTED", "line " + line.line() + ": " + line.sku() + " at " + line.location()
                        + " has more units reserved for checkouts than the " + line.quantity() + " the feed reports: nothing applied");
            }
        }
        for (FeedLine line : discontinuations) {
            if (StockBook.discontinue(c, outbox, line.sku(), "the supplier " + source.name() + " discontinued it (feed line " + line.line() + ")",
                    "source:" + source.name(), now)) {
                tally.discontinued++;
            }
        }
        StringBuilder message = new StringBuilder();
        if (truncated) {
            message.append("the feed ended inside a broken row: SKUs after it were not counted as missing. ");
        } else {
            missing(c, source, known, seenSkus, items, now, tally);
        }
        Map<String, Integer> changesPerSku = new HashMap<>();
        for (StockChange change : stockChanges) {
            changesPerSku.merge(change.line().sku(), 1, Integer::sum);
        }
        for (StockChange change : stockChanges) {
            FeedLine line = change.line();
            List<StockEvents.RowChange> rows = List.of(new StockEvents.RowChange(line.location(), change.delta(), 0, 0));
            Map<String, Object> extra = Map.of("source", source.name(), "reportId", reportId, "location", line.location());
            if (newItems.contains(line.sku()) && changesPerSku.get(line.sku()) == 1) {
                // Created by this transaction with this one row: nobody else can have reserved it yet, so its stock is
                // known without reading it back (a first sync of a large feed saves two queries per SKU).
                long q = line.quantity();
                events.publish(c, StockQueries.summarize(line.sku(), items.get(line.sku()),
                        List.of(new LocationStock(line.location(), kinds.get(line.location()), q, 0, 0, q))), rows, "supplier-sync", extra);
            } else {
                events.publish(c, line.sku(), rows, "supplier-sync", extra);
            }
        }
        if (pricing.rule().enabled()) {
            for (FeedLine line : costChanges) {
                if (line.cost().signum() > 0 && !items.get(line.sku())) {
                    Optional<BigDecimal> price = pricing.rule().price(line.cost(), line.currency());
                    if (price.isPresent()) {
                        proposals.propose(c, line.sku(), source.name(), line.cost(), price.get(), line.currency(), pricing.autoApply());
                        tally.proposals++;
                    }
                }
            }
        }
        return message.isEmpty() ? null : message.toString().strip();
    }

    private static FeedReader open(FeedOpener opener, SourceSettings source) throws IOException, UnreadableFeedException {
        InputStream in = opener.open();
        try {
            return FeedReader.open(in, source.format(), source.delimiter());
        } catch (IOException | UnreadableFeedException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException) {
            return "no such file " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Counts a run against every SKU the source fed before and did not feed now; discontinues at the configured count. */
    private void missing(Connection c, SourceSettings source, Map<String, SourceSku> known, Set<String> seenSkus,
                         Map<String, Boolean> items, Instant now, Tally tally) throws SQLException {
        Map<String, Integer> runs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE inventory_source_sku SET missing_runs = ?, updated_at = ? WHERE source = ? AND sku = ? AND location = ?")) {
            int pending = 0;
            for (Map.Entry<String, SourceSku> e : known.entrySet()) {
                SourceSku s = e.getValue();
                if (seenSkus.contains(s.sku)) {
                    continue;
                }
                int missing = s.missingRuns + 1;
                runs.merge(s.sku, missing, Math::min);
                ps.setInt(1, missing);
                ps.setObject(2, StockQueries.timestamp(now));
                ps.setString(3, source.name());
                ps.setString(4, s.sku);
                ps.setString(5, s.location);
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        int threshold = source.missingRunsBeforeDiscontinued();
        if (threshold == 0) {
            return;
        }
        for (Map.Entry<String, Integer> e : runs.entrySet()) {
            if (e.getValue() >= threshold && Boolean.FALSE.equals(items.get(e.getKey()))
                    && StockBook.discontinue(c, outbox, e.getKey(), "missing from the feed of " + source.name() + " for "
                    + e.getValue() + " runs in a row", "source:" + source.name(), now)) {
                items.put(e.getKey(), true);
                tally.discontinued++;
            }
        }
    }

    private static boolean setOnHand(Connection c, FeedLine line, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE inventory_stock SET on_hand = ?, updated_at = ? WHERE sku = ? AND location = ? AND reserved <= ?")) {
            ps.setLong(1, line.quantity());
            ps.setObject(2, StockQueries.timestamp(now));
            ps.setString(3, line.sku());
            ps.setString(4, line.location());
            ps.setLong(5, line.quantity());
            return ps.executeUpdate() == 1;
        }
    }

    private static String key(String sku, String location) {
        return sku + '\u0000' + location;
    }

    private record StockChange(FeedLine line, long delta, boolean inserted) {
    }

    private record SourceSku(String sku, String location, BigDecimal cost, String currency, int missingRuns) {
    }

    private static void lockSource(Connection c, String source, Instant now) throws SQLException {
        Transactions.insertIfAbsent(c, tx -> {
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO inventory_source (name, created_at) VALUES (?, ?)")) {
                ps.setString(1, source);
                ps.setObject(2, StockQueries.timestamp(now));
                return ps.executeUpdate();
            }
        });
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM inventory_source WHERE name = ? FOR UPDATE")) {
            ps.setString(1, source);
            ps.executeQuery().close();
        }
    }

    private static Map<String, LocationKind> locationKinds(Connection c) throws SQLException {
        Map<String, LocationKind> known = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, kind FROM inventory_location ORDER BY priority, code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                known.put(rs.getString(1), LocationKind.valueOf(rs.getString(2)));
            }
        }
        return known;
    }

    private static Map<String, Boolean> items(Connection c) throws SQLException {
        Map<String, Boolean> items = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sku, discontinued FROM inventory_item");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        return items;
    }

    private static Map<String, Long> onHand(Connection c) throws SQLException {
        Map<String, Long> stock = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sku, location, on_hand FROM inventory_stock");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stock.put(key(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
        }
        return stock;
    }

    private static Map<String, SourceSku> sourceSkus(Connection c, String source) throws SQLException {
        Map<String, SourceSku> known = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sku, location, cost, currency, missing_runs FROM inventory_source_sku WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SourceSku s = new SourceSku(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4), rs.getInt(5));
                    known.put(key(s.sku, s.location), s);
                }
            }
        }
        return known;
    }

    /** The run's inserts and updates, sent in batches. */
    private static final class Batches implements AutoCloseable {
        private final Connection c;
        private final Instant now;
        private final String source;
        private final List<PreparedStatement> statements = new ArrayList<>();
        private final PreparedStatement item;
        private final PreparedStatement stock;
        private final PreparedStatement sourceInsert;
        private final PreparedStatement sourceUpdate;
        private int pending;

        Batches(Connection c, Instant now, String source) throws SQLException {
            this.c = c;
            this.now = now;
            this.source = source;
            item = prepare("INSERT INTO inventory_item (sku, created_at) VALUES (?, ?)");
            stock = prepare("INSERT INTO inventory_stock (sku, location, on_hand, discontinued, updated_at) VALUES (?, ?, ?, ?, ?)");
            sourceInsert = prepare("""
                    INSERT INTO inventory_source_sku (source, sku, location, cost, currency, missing_runs, updated_at)
                    VALUES (?, ?, ?, ?, ?, 0, ?)""");
            sourceUpdate = prepare("""
                    UPDATE inventory_source_sku SET cost = ?, currency = ?, missing_runs = ?, updated_at = ?
                    WHERE source = ? AND sku = ? AND location = ?""");
        }

        private PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql);
            statements.add(ps);
            return ps;
        }

        void insertItem(String sku) throws SQLException {
            item.setString(1, sku);
            item.setObject(2, StockQueries.timestamp(now));
            item.addBatch();
            added();
        }

        void insertStock(String sku, String location, long onHand, boolean discontinued) throws SQLException {
            stock.setString(1, sku);
            stock.setString(2, location);
            stock.setLong(3, onHand);
            stock.setBoolean(4, discontinued);
            stock.setObject(5, StockQueries.timestamp(now));
            stock.addBatch();
            added();
        }

        void insertSourceSku(String sku, String location, BigDecimal cost, String currency) throws SQLException {
            sourceInsert.setString(1, source);
            sourceInsert.setString(2, sku);
            sourceInsert.setString(3, location);
            sourceInsert.setBigDecimal(4, cost);
            sourceInsert.setString(5, currency);
            sourceInsert.setObject(6, StockQueries.timestamp(now));
            sourceInsert.addBatch();
            added();
        }

        void updateSourceSku(String sku, String location, BigDecimal cost, String currency, int missingRuns) throws SQLException {
            sourceUpdate.setBigDecimal(1, cost);
            sourceUpdate.setString(2, currency);
            sourceUpdate.setInt(3, missingRuns);
            sourceUpdate.setObject(4, StockQueries.timestamp(now));
            sourceUpdate.setString(5, source);
            sourceUpdate.setString(6, sku);
            sourceUpdate.setString(7, location);
            sourceUpdate.addBatch();
            added();
        }

        private void added() throws SQLException {
            if (++pending >= BATCH) {
                flush();
            }
        }

        /** Items first: stock rows refer to them. */
        void flush() throws SQLException {
            for (PreparedStatement ps : statements) {
                ps.executeBatch();
            }
            pending = 0;
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement ps : statements) {
                ps.close();
            }
        }
    }

    // --- reports ---

    private long start(String source, String trigger) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO inventory_sync_report (source, status, trigger_kind, started_at) VALUES (?, 'RUNNING', ?, ?)",
                    new String[] {"id"})) {
                ps.setString(1, source);
                ps.setString(2, trigger);
                ps.setObject(3, StockQueries.timestamp(clock.instant()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    private SyncReport finish(long id, String status, Tally t, String message) {
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE inventory_sync_report SET status = ?, finished_at = ?, rows_read = ?, added = ?, changed = ?, unchanged = ?,
                    discontinued = ?, rejected = ?, price_proposals = ?, message = ? WHERE id = ?""")) {
                ps.setString(1, status);
                ps.setObject(2, StockQueries.timestamp(clock.instant()));
                ps.setInt(3, t.rows);
                ps.setInt(4, t.added);
                ps.setInt(5, t.changed);
                ps.setInt(6, t.unchanged);
                ps.setInt(7, t.discontinued);
                ps.setInt(8, t.rejections.size());
                ps.setInt(9, t.proposals);
                ps.setString(10, message);
                ps.setLong(11, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO inventory_sync_rejection (report_id, line_no, sku, reason) VALUES (?, ?, ?, ?)")) {
                int pending = 0;
                for (SyncReport.Rejection r : t.rejections) {
                    ps.setLong(1, id);
                    ps.setInt(2, r.line());
                    ps.setString(3, r.sku());
                    ps.setString(4, r.reason());
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            return null;
        });
        return report(id, Integer.MAX_VALUE).orElseThrow();
    }

    /** A stored report with up to {@code maxRejections} of its bad rows, in line order. */
    public Optional<SyncReport> report(long id, int maxRejections) {
        return Transactions.inTransaction(dataSource, c -> {
            List<SyncReport> found = reports(c, " WHERE id = ?", ps -> ps.setLong(1, id), 1);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            List<SyncReport.Rejection> rejections = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT line_no, sku, reason FROM inventory_sync_rejection WHERE report_id = ? ORDER BY line_no FETCH FIRST "
                            + Math.max(0, maxRejections) + " ROWS ONLY")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rejections.add(new SyncReport.Rejection(rs.getInt(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            SyncReport r = found.get(0);
            return Optional.of(new SyncReport(r.id(), r.source(), r.status(), r.trigger(), r.startedAt(), r.finishedAt(), r.rows(),
                    r.added(), r.changed(), r.unchanged(), r.discontinued(), r.rejected(), r.priceProposals(), r.message(), rejections));
        });
    }

    /** The latest reports of a source (of every source when null), newest first, without their rejected rows. */
    public List<SyncReport> reports(String source, int limit) {
        return Transactions.inTransaction(dataSource, c -> source == null
                ? reports(c, "", ps -> { }, limit)
                : reports(c, " WHERE source = ?", ps -> ps.setString(1, source), limit));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static List<SyncReport> reports(Connection c, String where, Binder binder, int limit) throws SQLException {
        List<SyncReport> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, source, status, trigger_kind, started_at, finished_at, rows_read, added, changed, unchanged, discontinued,
                rejected, price_proposals, message FROM inventory_sync_report""" + where + " ORDER BY id DESC FETCH FIRST "
                + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY")) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new SyncReport(rs.getLong("id"), rs.getString("source"), rs.getString("status"), rs.getString("trigger_kind"),
                            StockQueries.instant(rs, "started_at"), StockQueries.instant(rs, "finished_at"), rs.getInt("rows_read"),
                            rs.getInt("added"), rs.getInt("changed"), rs.getInt("unchanged"), rs.getInt("discontinued"),
                            rs.getInt("rejected"), rs.getInt("price_proposals"), rs.getString("message"), List.of()));
                }
            }
        }
        return found;
    }
}
