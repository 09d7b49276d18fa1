package dev.emporium.catalog.internal.evidence;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.emporium.catalog.api.RelationInput;
import dev.emporium.catalog.api.RelationKind;
import dev.emporium.catalog.api.ReviewInput;
import dev.emporium.catalog.internal.CatalogService;
import dev.emporium.catalog.internal.Wines;
import dev.emporium.catalog.internal.relations.CatalogRelations;
import dev.emporium.platform.api.Outbox;
import dev.emporium.testing.TestDatabases;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: on each engine, 8 threads write reviews through {@link CatalogEvidence} (product lock, insert,
 * aggregate recomputed, two outbox rows) on one hot product and spread over 200 products, against a baseline of the
 * same review rows inserted plainly by the same threads; then cart suggestions over 1000 products with 8 relations
 * each. Run it from bundles/catalog with the test classpath:
 * {@code mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt && java -cp target/classes:target/test-classes:$(cat cp.txt) dev.emporium.catalog.internal.evidence.ReviewWriteBenchmark [h2|postgresql]}.
 * Every transaction takes a new connection from the test databases, which do not pool: on PostgreSQL the connection
 * set-up is part of each figure, baseline included.
 */
public final class ReviewWriteBenchmark {

    private static final int THREADS = 8;
    private static final int REVIEWS = 4000;
    private static final int PRODUCTS = 1000;

    /** Writes events to a table like the platform's outbox does: one row in the caller's transaction. */
    private static final Outbox TABLE_OUTBOX = (tx, topic, payload) -> {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO bench_event (topic, payload) VALUES (?, ?)")) {
            ps.setString(1, topic);
            ps.setString(2, payload.toString());
            ps.executeUpdate();
        }
        return 1;
    };

    private ReviewWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        for (String engine : args.length > 0 ? args : new String[] {TestDatabases.H2, TestDatabases.POSTGRESQL}) {
            run(engine);
        }
        System.exit(0);
    }

    private static void run(String engine) throws Exception {
        DataSource ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "catalog");
        TestDatabases.execute(ds, "CREATE TABLE bench_event (topic VARCHAR(200), payload VARCHAR(2000))");
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules().build();
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        CatalogService catalog = new CatalogService(ds, TABLE_OUTBOX, mapper);
        catalog.defineType(Wines.type());
        for (int i = 0; i < PRODUCTS; i++) {
            String sku = "W-" + i;
            catalog.create(Wines.wine(sku, "Wine " + i, "red", "Merlot", 2018, "Bordeaux", "20.00"));
            catalog.publish(sku);
        }
        CatalogEvidence evidence = new CatalogEvidence(ds, TABLE_OUTBOX, Clock.systemUTC());

        AtomicInteger n = new AtomicInteger();
        report(engine, "plain INSERT of review rows (baseline)", time(() -> {
            int i = n.getAndIncrement();
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO catalog_review (sku, customer_id, rating, title, body, author, verified_buyer, status, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, "W-" + (i % 200));
                ps.setString(2, "base-" + i);
                ps.setInt(3, 1 + i % 5);
                ps.setString(4, "Title");
                ps.setString(5, "Text");
                ps.setString(6, "Buyer");
                ps.setBoolean(7, false);
                ps.setString(8, "PUBLISHED");
                ps.setObject(9, OffsetDateTime.now(ZoneOffset.UTC));
                ps.executeUpdate();
            }
        }));
        TestDatabases.execute(ds, "DELETE FROM catalog_review");
        AtomicInteger spread = new AtomicInteger();
        report(engine, "reviews over 200 products", time(() -> {
            int i = spread.getAndIncrement();
            evidence.review("W-" + (i % 200), "c-" + i, new ReviewInput(1 + i % 5, "Title", "Text", "Buyer"), null);
        }));
        AtomicInteger hot = new AtomicInteger();
        report(engine, "reviews of one hot product", time(() -> {
            int i = hot.getAndIncrement();
            evidence.review("W-999", "h-" + i, new ReviewInput(1 + i % 5, "Title", "Text", "Buyer"), null);
        }));
        System.out.printf("%-10s aggregate of the hot product: %s%n", engine, evidence.summary("W-999"));

        CatalogRelations relations = new CatalogRelations(ds, catalog, TABLE_OUTBOX);
        Random random = new Random(42);
        RelationKind[] kinds = RelationKind.values();
        for (int i = 0; i < PRODUCTS; i++) {
            for (int k = 0; k < 8; k++) {
                int other = random.nextInt(PRODUCTS);
                try {
                    relations.relate("W-" + i, new RelationInput(kinds[k % kinds.length], "W-" + other, "reason " + k));
                } catch (RuntimeException duplicateOrSelf) {
                    // random pairs repeat now and then
                }
            }
        }
        report(engine, "cart suggestions (5 products, limit 10)", time(() -> {
            List<String> cart = new ArrayList<>();
            Random r = new Random(Thread.currentThread().getId() ^ System.nanoTime());
            for (int k = 0; k < 5; k++) {
                cart.add("W-" + r.nextInt(PRODUCTS));
            }
            relations.suggestions(cart, 10);
        }));
    }

    private interface Op {
        void run() throws Exception;
    }

    private record Timing(long wallNanos, List<Long> latencies) {
    }

    private static Timing time(Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < REVIEWS; i++) {
            futures.add(pool.submit(() -> {
                long s = System.nanoTime();
                op.run();
                latencies.add(System.nanoTime() - s);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long wall = System.nanoTime() - t0;
        pool.shutdown();
        return new Timing(wall, latencies);
    }

    private static void report(String engine, String what, Timing t) {
        List<Long> sorted = new ArrayList<>(t.latencies());
        Collections.sort(sorted);
        System.out.printf("%-10s %-42s %6d ops in %6d ms = %7.0f/s, p50 %6.2f ms, p99 %6.2f ms (%d threads)%n", engine, what,
                sorted.size(), t.wallNanos() / 1_000_000, sorted.size() * 1e9 / t.wallNanos(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, THREADS);
    }
}
