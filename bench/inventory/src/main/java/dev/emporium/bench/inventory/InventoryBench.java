package dev.emporium.bench.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.emporium.inventory.internal.feed.FieldMapping;
import dev.emporium.inventory.internal.feed.PriceRule;
import dev.emporium.inventory.internal.feed.SourceSettings;
import dev.emporium.inventory.internal.stock.PriceProposals;
import dev.emporium.inventory.internal.stock.SupplierFeedSync;
import dev.emporium.inventory.internal.stock.SyncReport;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.internal.json.JsonMapping;
import dev.emporium.platform.internal.storage.Migration;
import dev.emporium.platform.internal.storage.MigrationRunner;
import dev.emporium.platform.internal.storage.OutboxStore;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One run of the inventory benchmark: generates a supplier feed of 100k rows (SKU, quantity, cost, currency,
 * discontinued flag) as CSV, syncs it through {@link SupplierFeedSync} into H2 in file mode (first sync: every row
 * added; the same feed again: every row unchanged; a feed with 10% of quantities and costs changed), and upserts the
 * same rows with a plain JDBC batch (MERGE, batches of 500, one transaction) into a table of the same shape: what the
 * database alone costs. Writes bench/results/inventory.json and bench/inventory/REPORT.md.
 */
public final class InventoryBench {

    private static final int ROWS = Integer.getInteger("bench.rows", 100_000);
    private static final int JDBC_BATCH = 500;
    private static final FieldMapping MAPPING = new FieldMapping("sku", "quantity", "cost", "currency", "discontinued", "");

    private final Path root;
    private final Path work;
    private final ObjectMapper mapper = JsonMapping.create();
    private final Map<String, Object> results = new LinkedHashMap<>();

    private InventoryBench(Path root) {
        this.root = root;
        this.work = root.resolve("bench/inventory/target/run");
    }

    public static void main(String[] args) throws Exception {
        new InventoryBench(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize()).run();
    }

    private void run() throws Exception {
        deleteTree(work);
        Files.createDirectories(work);
        Path feed = work.resolve("feed.csv");
        Path changed = work.resolve("feed-changed.csv");
        long g0 = System.nanoTime();
        generate(feed, ROWS, "W", 0);
        generate(changed, ROWS, "W", 10);
        System.out.printf("generated %d feed rows (%.1f MB) in %.1f s%n", ROWS, Files.size(feed) / 1e6, secs(g0));
        results.put("rows", ROWS);
        results.put("csvBytes", Files.size(feed));

        // a throwaway in-memory run warms the JIT for both paths
        Path warm = work.resolve("warm.csv");
        generate(warm, 5_000, "WARM", 0);
        DataSource mem = memory();
        SupplierFeedSync warmSync = sync(mem);
        check(warmSync.run(source(), open(warm), "bench", this::pricing), "APPLIED");
        baseline(mem, warm, "bench_warm");

        DataSource ds = file(work.resolve("db"));
        SupplierFeedSync sync = sync(ds);

        long t0 = System.nanoTime();
        SyncReport first = check(sync.run(source(), open(feed), "bench", this::pricing), "APPLIED");
        double firstSeconds = secs(t0);
        results.put("firstSyncSeconds", round(firstSeconds));
        results.put("firstSyncRowsPerSecond", Math.round(ROWS / firstSeconds));
        results.put("firstSyncAdded", first.added());
        results.put("loadAverageAfterFirstSync", loadAverage());
        System.out.printf("first sync: %d added in %.2f s (%.0f rows/s)%n", first.added(), firstSeconds, ROWS / firstSeconds);

        t0 = System.nanoTime();
        SyncReport again = check(sync.run(source(), open(feed), "bench", this::pricing), "APPLIED");
        double againSeconds = secs(t0);
        results.put("sameFeedSeconds", round(againSeconds));
        results.put("sameFeedRowsPerSecond", Math.round(ROWS / againSeconds));
        results.put("sameFeedUnchanged", again.unchanged());
        System.out.printf("same feed: %d unchanged in %.2f s%n", again.unchanged(), againSeconds);

        t0 = System.nanoTime();
        SyncReport change = check(sync.run(source(), open(changed), "bench", this::pricing), "APPLIED");
        double changeSeconds = secs(t0);
        results.put("changedFeedSeconds", round(changeSeconds));
        results.put("changedFeedRowsPerSecond", Math.round(ROWS / changeSeconds));
        results.put("changedFeedChanged", change.changed());
        results.put("loadAverageAfterSyncs", loadAverage());
        System.out.printf("10%% changed: %d changed in %.2f s%n", change.changed(), changeSeconds);

        double[] insert = new double[2];
        double[] update = new double[2];
        for (int round = 0; round < 2; round++) {
            String table = "bench_stock_" + round;
            insert[round] = baseline(ds, feed, table);
            update[round] = upsert(ds, changed, table);
        }
        double baselineInsert = Math.min(insert[0], insert[1]);
        double baselineUpdate = Math.min(update[0], update[1]);
        results.put("baselineInsertRoundsSeconds", List.of(round(insert[0]), round(insert[1])));
        results.put("baselineInsertSeconds", round(baselineInsert));
        results.put("baselineInsertRowsPerSecond", Math.round(ROWS / baselineInsert));
        results.put("baselineUpdateRoundsSeconds", List.of(round(update[0]), round(update[1])));
        results.put("baselineUpdateSeconds", round(baselineUpdate));
        results.put("baselineUpdateRowsPerSecond", Math.round(ROWS / baselineUpdate));
        results.put("firstSyncToBaselineRatio", round(baselineInsert / firstSeconds));
        results.put("changedFeedToBaselineRatio", round(baselineUpdate / changeSeconds));
        results.put("loadAverageAfterBaseline", loadAverage());
        System.out.printf("baseline: upsert into an empty table %.2f s, upsert of the changed feed over it %.2f s%n", baselineInsert, baselineUpdate);
        write();
    }

    private SupplierFeedSync.Pricing pricing() {
        return new SupplierFeedSync.Pricing(PriceRule.of("0", ".99", "0"), false);
    }

    private static SourceSettings source() {
        return SourceSettings.check("bench", "feed.csv", "csv", ",", "dropship", MAPPING, "EUR", 0, 3, false);
    }

    private static SupplierFeedSync.FeedOpener open(Path feed) {
        return () -> Files.newInputStream(feed);
    }

    private static SyncReport check(SyncReport r, String status) {
        if (!r.status().equals(status)) {
            throw new IllegalStateException("sync " + r.status() + ": " + r.message() + " " + r.rejections());
        }
        return r;
    }

    /** Rows W-000001..: quantity 0..199, cost 2.00..41.99 EUR; one row in 500 flagged discontinued; {@code changePercent} of the rows moved. */
    private static void generate(Path file, int rows, String prefix, int changePercent) throws IOException {
        Random r = new Random(42);
        Random change = new Random(7);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("sku,quantity,cost,currency,discontinued\n");
            for (int i = 1; i <= rows; i++) {
                long quantity = r.nextInt(200);
                BigDecimal cost = BigDecimal.valueOf(200 + r.nextInt(4000), 2);
                boolean discontinued = r.nextInt(500) == 0;
                if (change.nextInt(100) < changePercent) {
                    quantity += 1;
                    cost = cost.add(new BigDecimal("0.10"));
                }
                w.write(String.format("%s-%06d,%d,%s,EUR,%s%n", prefix, i, quantity, cost.toPlainString(), discontinued ? "yes" : "no"));
            }
        }
    }

    private SupplierFeedSync sync(DataSource ds) {
        MigrationRunner runner = new MigrationRunner(ds, "bench", Duration.ofMinutes(1), Duration.ofMinutes(1));
        runner.migrate("platform", migrations(OutboxStore.class, "db/platform/"));
        runner.migrate("inventory", migrations(SupplierFeedSync.class, "db/inventory/"));
        OutboxStore store = new OutboxStore(mapper);
        Outbox outbox = store::append;
        return new SupplierFeedSync(ds, outbox, Clock.systemUTC(), () -> 5, new PriceProposals(ds, outbox, Clock.systemUTC()));
    }

    // --- the baseline ---

    /** Parses the feed into memory (untimed), creates the table, and upserts every row: the database alone. */
    private static double baseline(DataSource ds, Path feed, String table) throws SQLException, IOException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE %s (sku VARCHAR NOT NULL, location VARCHAR NOT NULL, on_hand BIGINT NOT NULL, cost DECIMAL(19, 4),
                        currency VARCHAR, discontinued BOOLEAN NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
                        PRIMARY KEY (sku, location))""".formatted(table));
        }
        return upsert(ds, feed, table);
    }

    private static double upsert(DataSource ds, Path feed, String table) throws SQLException, IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(feed, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                rows.add(line.split(","));
            }
        }
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + table + " KEY (sku, location) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (String[] row : rows) {
                    ps.setString(1, row[0]);
                    ps.setString(2, "dropship");
                    ps.setLong(3, Long.parseLong(row[1]));
                    ps.setBigDecimal(4, new BigDecimal(row[2]));
                    ps.setString(5, row[3]);
                    ps.setBoolean(6, row[4].equals("yes"));
                    ps.setObject(7, now);
                    ps.addBatch();
                    if (++n % JDBC_BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return secs(t0);
    }

    // --- databases ---

    private static List<Migration> migrations(Class<?> owner, String folder) {
        try {
            Path location = Path.of(owner.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<Migration> result = new ArrayList<>();
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.list(location.resolve(folder))) {
                    for (Path f : files.toList()) {
                        result.add(Migration.fromResource(f.getFileName().toString(), Files.readString(f)));
                    }
                }
                return result;
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                for (var e : jar.stream().filter(e -> e.getName().startsWith(folder) && e.getName().endsWith(".sql")).toList()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        result.add(Migration.fromResource(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the migrations in " + folder, e);
        }
    }

    /** The distribution's URL under the bench's own folder, pooled as pax-jdbc pools it. */
    private static DataSource file(Path dir) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(
                "jdbc:h2:file:" + dir.resolve("store") + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        pool.setMaxConnections(16);
        return pool;
    }

    private static DataSource memory() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:warm;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    // --- the report ---

    private void write() throws IOException {
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024), "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        results.put("database", "H2 " + org.h2.engine.Constants.VERSION + ", file mode");
        results.put("measuredAt", Instant.now().toString());
        Path json = root.resolve("bench/results/inventory.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");

        String report = """
                # Inventory benchmark

                Reproduce: `bench/inventory/run` (builds the inventory and platform bundles first; `SKIP_BUILD=1` skips that).
                The database is H2 in file mode with the distribution's URL, behind a connection pool as in Karaf.
                One run, %s, %d cores, Java %s, heap up to %d MB; figures in `bench/results/inventory.json`. Not a test:
                nothing asserts a time.

                ## Supplier feed sync of %,d rows (CSV, %.1f MB: SKU, quantity, cost, currency, discontinued flag)

                | What | Time | Rate |
                |---|---|---|
                | First sync through `SupplierFeedSync`: every row added (item, stock row, source row, STOCK_CHANGED and BACK_IN_STOCK events), 1 in 500 discontinued | %.2f s | **%,d rows/s** |
                | The same feed again: every row read, checked and compared, nothing written | %.2f s | %,d rows/s |
                | A feed with 10%% of quantities and costs changed (%,d rows changed, with their events) | %.2f s | %,d rows/s |
                | Baseline: plain JDBC batch upsert (H2 `MERGE`, batches of %d, one transaction) of the same rows into an empty table of the same shape | %.2f s | %,d rows/s |
                | Baseline: the same upsert of the changed feed over those rows | %.2f s | %,d rows/s |
                | Ratio first sync / baseline (rows per second) | | **%.2f** |
                | Ratio changed feed / baseline upsert over existing rows | | **%.2f** |

                The sync does more per row than the baseline: it streams and parses the CSV (the baseline's rows are parsed
                before its clock starts), checks every field, compares with the stored stock and cost (idempotence), counts
                SKUs missing from the feed, publishes each stock change's events to the outbox in the same transaction
                (reading back the SKU's stock over every location for them, except for a SKU this sync creates), discontinues flagged SKUs with their event, and
                writes the report. The baseline ran twice (%s s into an empty table, %s s over it), the best counts.

                Load averages (1, 5, 15 min): %s after the first sync, %s after the syncs, %s after the baseline, on %d
                cores shared with other builds: expect the figures to move by a factor of two between runs on such a machine.
                """.formatted(results.get("database"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), ROWS, ((Number) results.get("csvBytes")).longValue() / 1e6,
                results.get("firstSyncSeconds"), results.get("firstSyncRowsPerSecond"),
                results.get("sameFeedSeconds"), results.get("sameFeedRowsPerSecond"),
                results.get("changedFeedChanged"), results.get("changedFeedSeconds"), results.get("changedFeedRowsPerSecond"),
                JDBC_BATCH, results.get("baselineInsertSeconds"), results.get("baselineInsertRowsPerSecond"),
                results.get("baselineUpdateSeconds"), results.get("baselineUpdateRowsPerSecond"),
                results.get("firstSyncToBaselineRatio"), results.get("changedFeedToBaselineRatio"),
                results.get("baselineInsertRoundsSeconds"), results.get("baselineUpdateRoundsSeconds"),
                results.get("loadAverageAfterFirstSync"), results.get("loadAverageAfterSyncs"), results.get("loadAverageAfterBaseline"),
                Runtime.getRuntime().availableProcessors());
        Files.writeString(root.resolve("bench/inventory/REPORT.md"), report);
        System.out.println("wrote " + json + " and bench/inventory/REPORT.md");
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
