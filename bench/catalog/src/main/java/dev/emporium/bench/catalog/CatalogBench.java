package dev.emporium.bench.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.catalog.internal.CatalogService;
import dev.emporium.catalog.internal.search.IndexedProduct;
import dev.emporium.catalog.internal.search.ProductIndex;
import dev.emporium.catalog.internal.transfer.BatchFormat;
import dev.emporium.catalog.internal.transfer.CatalogImport;
import dev.emporium.catalog.internal.transfer.ImportMapping;
import dev.emporium.catalog.internal.transfer.ImportReport;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.internal.json.JsonMapping;
import dev.emporium.platform.internal.storage.Migration;
import dev.emporium.platform.internal.storage.MigrationRunner;
import dev.emporium.platform.internal.storage.OutboxStore;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One run of the catalog benchmark: generates wines with every attribute as a supplier CSV, imports them through
 * {@link CatalogImport} into H2 in file mode, inserts the same rows with a plain JDBC batch (the baseline), then
 * indexes them and measures mixed storefront searches at a fixed concurrency. Figures go to
 * {@code bench/results/catalog.json} and {@code bench/catalog/REPORT.md}.
 */
public final class CatalogBench {

    private static final int PRODUCTS = Integer.getInteger("bench.products", 100_000);
    private static final int SEARCHES = 1_000;
    /** {@code -Dbench.importOnly=true}: the import and its baseline only (for profiling the import). */
    private static final boolean IMPORT_ONLY = Boolean.getBoolean("bench.importOnly");
    private static final int THREADS = 4;
    private static final int JDBC_BATCH = 500;

    static final List<String> COLOURS = List.of("red", "white", "rosé", "sparkling");
    static final List<String> GRAPES = List.of("Merlot", "Cabernet Sauvignon", "Pinot Noir", "Syrah", "Chardonnay",
            "Sauvignon Blanc", "Riesling", "Grenache", "Tempranillo", "Chenin Blanc");
    static final List<String> REGIONS = List.of("Bordeaux", "Burgundy", "Rhône", "Loire", "Alsace", "Provence",
            "Champagne", "Rioja", "Mosel", "Tuscany");
    static final List<String> FOODS = List.of("lamb", "beef", "cheese", "fish", "poultry", "shellfish", "mushrooms", "dessert");
    private static final String[] SYLLABLES = {"ba", "be", "ri", "lo", "mu", "sa", "te", "vi", "no", "ca", "du",
            "fo", "ge", "ha", "ji", "ka", "le", "ma", "ne", "po", "ra", "si", "tu", "va", "xe", "zo", "ché", "rô"};

    private final Path root;
    private final Path work;
    private final ObjectMapper mapper = JsonMapping.create();
    private final String[] vocabulary = new String[3000];
    private final Map<String, Object> results = new LinkedHashMap<>();

    private CatalogBench(Path root) {
        this.root = root;
        this.work = root.resolve("bench/catalog/target/run");
        Random r = new Random(7);
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = word(r);
        }
    }

    public static void main(String[] args) throws Exception {
        new CatalogBench(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize()).run();
    }

    private void run() throws Exception {
        deleteTree(work);
        Files.createDirectories(work);
        Path csv = work.resolve("wines.csv");
        long g0 = System.nanoTime();
        generate(csv, PRODUCTS, "W");
        System.out.printf("generated %d wines as CSV (%.1f MB) in %.1f s%n", PRODUCTS, Files.size(csv) / 1e6, secs(g0));
        results.put("products", PRODUCTS);
        results.put("csvBytes", Files.size(csv));

        // a throwaway in-memory run warms the JIT for both paths, so the figures are about the work, not the interpreter
        Path warm = work.resolve("warm.csv");
        generate(warm, Integer.getInteger("bench.warmRows", 5_000), "WARM");
        DataSource mem = memory();
        CatalogService warmCatalog = catalog(mem);
        new CatalogImport(mem, outbox(), mapper).importBatch(() -> Files.newBufferedReader(warm), BatchFormat.CSV, ImportMapping.DEFAULT, false);
        baseline(mem, warmCatalog, "bench_product");

        DataSource ds = file(work.resolve("db"));
        CatalogService catalog = catalog(ds);
        CatalogImport importer = new CatalogImport(ds, outbox(), mapper);

        long i0 = System.nanoTime();
        ImportReport report = importer.importBatch(() -> Files.newBufferedReader(csv), BatchFormat.CSV, ImportMapping.DEFAULT, false);
        double importSeconds = secs(i0);
        String load = loadAverage();
        if (report.created() != PRODUCTS) {
            throw new IllegalStateException("the import did not create every wine: " + report.summary() + " "
                    + report.badRows().stream().limit(5).map(ImportReport.BadRow::describe).toList());
        }
        System.out.printf("import: %d products in %.1f s = %.0f products/s (%s)%n", PRODUCTS, importSeconds, PRODUCTS / importSeconds, report.summary());
        results.put("importSeconds", round(importSeconds));
        results.put("importProductsPerSecond", Math.round(PRODUCTS / importSeconds));

        if (IMPORT_ONLY) {
            double best = Math.min(baseline(ds, catalog, "bench_product"), baseline(ds, catalog, "bench_product_again"));
            System.out.printf("baseline: %.0f rows/s, ratio %.2f%n", PRODUCTS / best, best / importSeconds);
            return;
        }
        long d0 = System.nanoTime();
        ImportReport dry = importer.importBatch(() -> Files.newBufferedReader(csv), BatchFormat.CSV, ImportMapping.DEFAULT, true);
        double drySeconds = secs(d0);
        long r0 = System.nanoTime();
        ImportReport again = importer.importBatch(() -> Files.newBufferedReader(csv), BatchFormat.CSV, ImportMapping.DEFAULT, false);
        double againSeconds = secs(r0);
        System.out.printf("dry run of the same file: %.1f s (%s)%nre-import of the same file: %.1f s (%s)%n",
                drySeconds, dry.summary(), againSeconds, again.summary());
        results.put("dryRunSeconds", round(drySeconds));
        results.put("reimportUnchangedSeconds", round(againSeconds));
        results.put("reimportUnchanged", again.unchanged());

        results.put("loadAverageDuringImport", load);
        // twice, the best kept: on a shared machine one slow round says more about the neighbours than the database
        double first = baseline(ds, catalog, "bench_product");
        double second = baseline(ds, catalog, "bench_product_again");
        double baselineSeconds = Math.min(first, second);
        System.out.printf("baseline: plain JDBC batch insert of the same %d rows in %.1f s and %.1f s, best %.0f rows/s (load %s)%n",
                PRODUCTS, first, second, PRODUCTS / baselineSeconds, loadAverage());
        results.put("baselineRoundsSeconds", List.of(round(first), round(second)));
        results.put("loadAverageAfterBaseline", loadAverage());
        results.put("baselineSeconds", round(baselineSeconds));
        results.put("baselineRowsPerSecond", Math.round(PRODUCTS / baselineSeconds));
        results.put("importToBaselineRatio", round(baselineSeconds / importSeconds));

        search(ds, catalog);
        write();
    }

    // --- the supplier file ---

    private void generate(Path csv, int count, String prefix) throws IOException {
        Random r = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("sku,slug,name,shortDescription,longDescription,brand,type,categories,price,currency,packPrices,"
                    + "shipping.weightGrams,shipping.lengthMm,shipping.widthMm,shipping.heightMm,media,seo.keywords,"
                    + "seo.metaTitle,seo.metaDescription,attr.colour,attr.grape,attr.vintage,attr.region,attr.vineyard,"
                    + "attr.vineyard_story,attr.food_pairings,attr.alcohol,attr.organic,attr.bottled_on\r\n");
            for (int i = 0; i < count; i++) {
                String sku = String.format("%s-%06d", prefix, i);
                String colour = COLOURS.get(r.nextInt(COLOURS.size()));
                String region = REGIONS.get(r.nextInt(REGIONS.size()));
                int vintage = 2000 + r.nextInt(24);
                String name = "Château " + capital(pick(r)) + " " + capital(pick(r)) + " " + vintage;
                BigDecimal price = BigDecimal.valueOf(500 + r.nextInt(15_000), 2);
                Set<String> grapes = new LinkedHashSet<>();
                for (int g = 0, n = 1 + r.nextInt(3); g < n; g++) {
                    grapes.add(GRAPES.get(r.nextInt(GRAPES.size())));
                }
                Set<String> foods = new LinkedHashSet<>(List.of(FOODS.get(r.nextInt(FOODS.size())), FOODS.get(r.nextInt(FOODS.size()))));
                String brand = "Domaine " + capital(vocabulary[r.nextInt(400)]);
                List<String> row = List.of(sku, sku.toLowerCase(Locale.ROOT), name, sentence(r, 14), sentence(r, 80), brand, "wine",
                        colourCategory(colour) + "|" + regionCategory(region), price.toPlainString(), "EUR",
                        "6=" + price.multiply(BigDecimal.valueOf(6)).toPlainString() + "|12=" + price.multiply(BigDecimal.valueOf(11)).toPlainString(),
                        "1300", "80", "80", "320",
                        "https://img.example/" + sku + "-front.jpg Front label, " + name + "|https://img.example/" + sku + "-back.jpg",
                        pick(r) + "|" + colour + "|" + region.toLowerCase(Locale.ROOT) + "|wine", name + " | Emporium",
                        "Buy " + name + ", a " + colour + " wine from " + region, colour, String.join("|", grapes),
                        String.valueOf(vintage), region, brand,
                        "{\"en\":\"" + sentence(r, 30) + "\",\"fr\":\"" + sentence(r, 30) + "\"}", String.join("|", foods),
                        (11 + r.nextInt(5)) + "." + r.nextInt(10), String.valueOf(r.nextBoolean()),
                        (vintage + 2) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10));
                for (int c = 0; c < row.size(); c++) {
                    if (c > 0) {
                        out.write(',');
                    }
                    String cell = row.get(c);
                    if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0) {
                        out.write('"');
                        out.write(cell.replace("\"", "\"\""));
                        out.write('"');
                    } else {
                        out.write(cell);
                    }
                }
                out.write("\r\n");
            }
        }
    }

    private static String colourCategory(String colour) {
        return (colour.equals("rosé") ? "rose" : colour) + "-wine";
    }

    private static String regionCategory(String region) {
        return "region-" + region.toLowerCase(Locale.ROOT).replace("ô", "o");
    }

    // --- databases ---

    private CatalogService catalog(DataSource ds) {
        MigrationRunner runner = new MigrationRunner(ds, "bench", Duration.ofMinutes(1), Duration.ofMinutes(1));
        runner.migrate("platform", migrations(OutboxStore.class, "db/platform/"));
        runner.migrate("catalog", migrations(CatalogService.class, "db/catalog/"));
        CatalogService catalog = new CatalogService(ds, outbox(), mapper);
        catalog.defineType(wineType());
        catalog.defineCategory(new Category("wine", "Wine", null));
        for (String colour : COLOURS) {
            catalog.defineCategory(new Category(colourCategory(colour), capital(colour) + " wine", "wine"));
        }
        catalog.defineCategory(new Category("regions", "Regions", null));
        for (String region : REGIONS) {
            catalog.defineCategory(new Category(regionCategory(region), region, "regions"));
        }
        return catalog;
    }

    private Outbox outbox() {
        OutboxStore store = new OutboxStore(mapper);
        // as the platform's outbox: a batch's events are written together, not one statement each
        return new Outbox() {
            @Override
            public long publish(Connection c, String t, Map<String, ?> p) throws SQLException {
                return store.append(c, t, p);
            }

            @Override
            public void publishAll(Connection c, String t, List<? extends Map<String, ?>> p) throws SQLException {
                store.appendAll(c, t, p);
            }
        };
    }

    static ProductType wineType() {
        return new ProductType("wine", "Wine", List.of(
                new AttributeDefinition("colour", "Colour", AttributeType.ENUMERATION, null, true, true, COLOURS),
                new AttributeDefinition("grape", "Grapes", AttributeType.LIST, null, true, true, List.of()),
                new AttributeDefinition("vintage", "Vintage", AttributeType.INTEGER, null, false, true, List.of()),
                new AttributeDefinition("region", "Region", AttributeType.TEXT, null, true, true, List.of()),
                new AttributeDefinition("vineyard", "Vineyard", AttributeType.TEXT, null, false, false, List.of()),
                new AttributeDefinition("vineyard_story", "The vineyard's story", AttributeType.LOCALIZED_TEXT, null, false, false, List.of()),
                new AttributeDefinition("food_pairings", "Goes well with", AttributeType.LIST, null, false, false, FOODS),
                new AttributeDefinition("alcohol", "Alcohol", AttributeType.NUMBER, "% vol", false, false, List.of()),
                new AttributeDefinition("organic", "Organic", AttributeType.BOOLEAN, null, false, true, List.of()),
                new AttributeDefinition("bottled_on", "Bottled on", AttributeType.DATE, null, false, false, List.of())));
    }

    /** The migration files shipped in the jar (or folder) that holds {@code owner}. */
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

    /** The distribution's URL (features.xml) under the bench's own folder, pooled as pax-jdbc pools it (dbcp2 there). */
    private static DataSource file(Path dir) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(
                "jdbc:h2:file:" + dir.resolve("store") + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE"
                        + System.getProperty("bench.h2", ""), "sa", ""); // -Dbench.h2=";CACHE_SIZE=..." to try settings
        pool.setMaxConnections(16);
        return pool;
    }

    private static DataSource memory() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:warm;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    // --- the baseline ---

    /**
     * The stored rows of every product, read back, then inserted with a plain JDBC batch into a table of the same
     * shape, in one transaction: what the database alone costs for the same data. Only the insert is timed.
     */
    private static double baseline(DataSource ds, CatalogService catalog, String table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE %s (
                        sku VARCHAR(64) PRIMARY KEY, slug VARCHAR(120) NOT NULL, type_code VARCHAR(40) NOT NULL,
                        name VARCHAR(200) NOT NULL, brand VARCHAR(120), status VARCHAR(16) NOT NULL, sellable BOOLEAN NOT NULL,
                        price_amount DECIMAL(19, 4) NOT NULL, price_currency CHAR(3) NOT NULL, data VARCHAR NOT NULL,
                        version BIGINT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                        updated_at TIMESTAMP WITH TIME ZONE NOT NULL)""".formatted(table));
            s.execute("CREATE UNIQUE INDEX " + table + "_slug ON " + table + " (slug)");
            s.execute("CREATE INDEX " + table + "_status ON " + table + " (status, sku)");
            try (ResultSet rs = s.executeQuery("SELECT sku, slug, type_code, name, brand, status, sellable, price_amount,"
                    + " price_currency, data, version, created_at, updated_at FROM catalog_product")) {
                while (rs.next()) {
                    Object[] row = new Object[13];
                    for (int i = 0; i < 13; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < 13; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
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

    // --- search ---

    private void search(DataSource ds, CatalogService catalog) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // every wine on the storefront (publishing is not what this measures)
            s.executeUpdate("UPDATE catalog_product SET status = 'PUBLISHED'");
        }
        Map<String, Set<String>> ancestry = new LinkedHashMap<>();
        for (Category cat : catalog.categories()) {
            ancestry.put(cat.code(), cat.parent() == null ? Set.of(cat.code()) : Set.of(cat.code(), cat.parent()));
        }
        List<IndexedProduct> all = new ArrayList<>(PRODUCTS);
        long l0 = System.nanoTime();
        catalog.forEachProduct((p, type) -> {
            Set<String> cats = new LinkedHashSet<>();
            p.categories().forEach(x -> cats.addAll(ancestry.getOrDefault(x, Set.of(x))));
            all.add(new IndexedProduct(p, type, cats, null));
        });
        double loadSeconds = secs(l0);
        try (ProductIndex index = new ProductIndex()) {
            long b0 = System.nanoTime();
            index.replaceAll(all);
            double buildSeconds = secs(b0);
            all.clear();
            System.out.printf("index: %d products read in %.1f s, indexed in %.1f s%n", PRODUCTS, loadSeconds, buildSeconds);
            results.put("indexReadSeconds", round(loadSeconds));
            results.put("indexBuildSeconds", round(buildSeconds));

            Random r = new Random(99);
            List<SearchQuery> queries = new ArrayList<>();
            for (int i = 0; i < SEARCHES + 200; i++) {
                queries.add(query(r));
            }
            long[] indexNanos = new long[queries.size()];
            long[] storefrontNanos = new long[queries.size()];
            long[] hits = new long[queries.size()];
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < queries.size(); i = next.getAndIncrement()) {
                        long s0 = System.nanoTime();
                        ProductIndex.Hits h = index.search(queries.get(i));
                        long s1 = System.nanoTime();
                        // what the storefront's CatalogSearch does next: load the page's products, keep those on sale
                        List<Product> page = new ArrayList<>();
                        for (String sku : h.skus()) {
                            catalog.bySku(sku).filter(Product::onSale).ifPresent(page::add);
                        }
                        long s2 = System.nanoTime();
                        indexNanos[i] = s1 - s0;
                        storefrontNanos[i] = s2 - s0;
                        hits[i] = h.total();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            pool.shutdown();
            // the first 200 warm up
            long[] idx = Arrays.copyOfRange(indexNanos, 200, indexNanos.length);
            long[] full = Arrays.copyOfRange(storefrontNanos, 200, storefrontNanos.length);
            Arrays.sort(idx);
            Arrays.sort(full);
            long meanHits = Arrays.stream(hits, 200, hits.length).sum() / SEARCHES;
            System.out.printf("search (%d mixed, %d threads): index p50 %.2f ms p99 %.2f ms; storefront (index + page from H2)"
                            + " p50 %.2f ms p99 %.2f ms; mean hits %d%n", SEARCHES, THREADS, ms(idx, 50), ms(idx, 99),
                    ms(full, 50), ms(full, 99), meanHits);
            results.put("searches", SEARCHES);
            results.put("searchThreads", THREADS);
            results.put("searchIndexP50Ms", ms(idx, 50));
            results.put("searchIndexP99Ms", ms(idx, 99));
            results.put("searchStorefrontP50Ms", ms(full, 50));
            results.put("searchStorefrontP99Ms", ms(full, 99));
            results.put("searchMeanHits", meanHits);
            results.put("loadAverageAfterSearch", loadAverage());
        }
    }

    /** Words; words and a colour; facets; a category with a grape, sorted; ranges sorted by price; a brand. */
    private SearchQuery query(Random r) {
        String word = vocabulary[r.nextInt(400)];
        return switch (r.nextInt(6)) {
            case 0 -> new SearchQuery(word, null, null, null, null, 24);
            case 1 -> new SearchQuery(word + " " + COLOURS.get(r.nextInt(4)), null, null, null, null, 24);
            case 2 -> new SearchQuery(word, Map.of("colour", List.of(COLOURS.get(r.nextInt(4)), COLOURS.get(r.nextInt(4))),
                    "region", List.of(REGIONS.get(r.nextInt(REGIONS.size())))), null, null, null, 24);
            case 3 -> new SearchQuery(null, Map.of("category", List.of(regionCategory(REGIONS.get(r.nextInt(REGIONS.size())))),
                    "grape", List.of(GRAPES.get(r.nextInt(GRAPES.size())))), null, SearchQuery.Sort.PRICE_ASC, null, 24);
            case 4 -> new SearchQuery(null, null, Map.of("vintage", new SearchQuery.Range(new BigDecimal("2010"), new BigDecimal("2018")),
                    "price", new SearchQuery.Range(new BigDecimal("10"), new BigDecimal("30"))), SearchQuery.Sort.PRICE_DESC, null, 24);
            default -> new SearchQuery(null, Map.of("brand", List.of("Domaine " + capital(vocabulary[r.nextInt(400)]))), null,
                    SearchQuery.Sort.NAME, null, 24);
        };
    }

    // --- the report ---

    private void write() throws IOException {
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024), "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        results.put("database", "H2 " + org.h2.engine.Constants.VERSION + ", file mode");
        results.put("measuredAt", Instant.now().toString());
        Path json = root.resolve("bench/results/catalog.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");

        String report = """
                # Catalog benchmark

                Reproduce: `bench/catalog/run` (builds the catalog and platform bundles first; `SKIP_BUILD=1` skips that).
                The database is H2 in file mode with the distribution's URL, behind a connection pool as in Karaf.
                One run, %s, %d cores, Java %s, heap up to %d MB; figures in `bench/results/catalog.json`. Not a test:
                nothing asserts a time.

                ## Supplier import of %,d wines (CSV, %.1f MB, every attribute of the wine type)

                | What | Time | Rate |
                |---|---|---|
                | `CatalogImport` into H2 file mode: two streaming passes, every row checked by the catalog's rules, one transaction, one outbox event per product | %.1f s | **%,d products/s** |
                | Baseline: plain JDBC batch insert (batches of %d, one transaction) of the same stored rows into a table of the same shape | %.1f s | %,d rows/s |
                | Ratio import / baseline | | **%.2f** |
                | Dry run of the same file (checks and compares, writes nothing) | %.1f s | |
                | Re-import of the same file (every row unchanged, nothing written) | %.1f s | |

                The import does more than the baseline for each row: it parses the CSV twice (check, then write, so a
                100k file is never held in memory), converts and checks every field and attribute, compares with the
                stored product (idempotence by SKU), serializes the product to JSON and writes its PRODUCT_CREATED event
                to the outbox in the same transaction. The baseline only inserts rows already in memory; it ran twice
                (%s s), the best counts.

                The machine was shared with other builds and Karaf test runs: load averages (1, 5, 15 min) were %s at
                the end of the import, %s after the baseline and %s after the searches, on %d cores. Expect the figures
                to move by a factor of two or more between runs on such a machine; compare runs on a quiet one.

                ## Search over %,d wines (%d mixed searches, %d threads, 24 per page)

                | What | p50 | p99 |
                |---|---|---|
                | Lucene index alone (`ProductIndex.search`) | %.2f ms | %.2f ms |
                | Storefront path: index, then the page's products loaded from H2 as `CatalogSearch` does | %.2f ms | %.2f ms |

                Index: %,d products read from H2 in %.1f s, indexed in %.1f s. Searches mix words, words with a colour,
                multi-select facets, a category with a grape sorted by price, vintage and price ranges, and a brand;
                %d hits on average.
                """.formatted(results.get("database"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), PRODUCTS, ((Number) results.get("csvBytes")).longValue() / 1e6,
                results.get("importSeconds"), results.get("importProductsPerSecond"), JDBC_BATCH, results.get("baselineSeconds"),
                results.get("baselineRowsPerSecond"), results.get("importToBaselineRatio"), results.get("dryRunSeconds"),
                results.get("reimportUnchangedSeconds"), results.get("baselineRoundsSeconds").toString().replaceAll("[\\[\\]]", "").replace(",", " and"),
                results.get("loadAverageDuringImport"), results.get("loadAverageAfterBaseline"), results.get("loadAverageAfterSearch"),
                Runtime.getRuntime().availableProcessors(), PRODUCTS, SEARCHES, THREADS, results.get("searchIndexP50Ms"),
                results.get("searchIndexP99Ms"), results.get("searchStorefrontP50Ms"), results.get("searchStorefrontP99Ms"),
                PRODUCTS, results.get("indexReadSeconds"), results.get("indexBuildSeconds"), results.get("searchMeanHits"));
        Files.writeString(root.resolve("bench/catalog/REPORT.md"), report);
        System.out.println("wrote " + json + " and bench/catalog/REPORT.md");
    }

    // --- small things ---

    /** The 1, 5 and 15 minute load averages, for the report: other work on the machine moves every figure. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private String pick(Random r) {
        return vocabulary[r.nextInt(vocabulary.length)];
    }

    private String sentence(Random r, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(i == 0 ? capital(pick(r)) : " " + pick(r));
        }
        return b.append('.').toString();
    }

    private static String word(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = 2 + r.nextInt(3); i < n; i++) {
            b.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return b.toString();
    }

    private static String capital(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static double ms(long[] sorted, int percentile) {
        return round(sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
