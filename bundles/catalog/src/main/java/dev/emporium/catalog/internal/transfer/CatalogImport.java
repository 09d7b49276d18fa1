package dev.emporium.catalog.internal.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.api.CatalogEvents;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.internal.CatalogService;
import dev.emporium.catalog.internal.pages.ProductPages;
import dev.emporium.catalog.internal.store.CatalogStore;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.emporium.platform.api.Transactions.inTransaction;

/**
 * Supplier batches into the catalog. The first pass checks every row with the catalog's own rules plus the batch's (a
 * SKU or slug twice), the second writes, in one transaction with its PRODUCT_CREATED and PRODUCT_UPDATED events, only
 * when the first found nothing wrong. A batch of up to {@value #KEPT_ROWS} rows (an HTTP request's) is read once: the
 * second pass writes the products the first one checked. A longer file is never held whole: the second pass reads it
 * again, streaming. Rows are keyed by SKU: a
 * product that exists is updated in place, or left alone when the row says what it already holds, so importing the
 * same file twice changes nothing the second time.
 */
@Component(service = CatalogImport.class)
public class CatalogImport {

    /** Rows written per JDBC batch. */
    private static final int CHUNK = 500;

    /** Checked products kept from the first pass for the second; a longer batch is read twice instead. */
    static final int KEPT_ROWS = 5_000;

    /** Opens the batch from its start; called once per pass. */
    @FunctionalInterface
    public interface BatchSource {
        Reader open() throws IOException;
    }

    private final DataSource dataSource;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final CatalogStore store;

    /** The storefront's kept product pages: this node's own writes drop them at once, other nodes' by their events. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProductPages pages;

    @Activate
    public CatalogImport(@Reference(target = "(dataSourceName=emporium)") DataSource dataSource, @Reference Outbox outbox,
                         @Reference ObjectMapper mapper, @Reference CatalogService migrated) {
        this(dataSource, outbox, mapper);
    }

    /** For tests and benchmarks outside OSGi: the schema must already be migrated. */
    public CatalogImport(DataSource dataSource, Outbox outbox, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.mapper = mapper;
        this.store = new CatalogStore(mapper);
    }

    /** Reads a mapping file; its own mistakes are refused with their place in it. */
    public ImportMapping mapping(byte[] json) {
        ImportMapping m;
        try {
            m = mapper.readValue(json, ImportMapping.class);
        } catch (IOException e) {
            throw new ProblemException(400, "Invalid mapping", "the mapping is not the expected JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        List<FieldError> problems = m.problems();
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "Invalid mapping", problems.size() + " mapping entries are wrong", problems, Map.of());
        }
        return m;
    }

    /**
     * Checks a batch and, unless {@code dryRun} or a row is bad, applies it whole.
     *
     * @throws ConflictException when another writer took a SKU or slug of the batch between the check and the write
     */
    public ImportReport importBatch(BatchSource source, BatchFormat format, ImportMapping mapping, boolean dryRun) {
        Known ref = inTransaction(dataSource, c -> new Known(
                store.types(c).stream().collect(Collectors.toMap(ProductType::code, t -> t)),
                store.categories(c).stream().map(Category::code).collect(Collectors.toSet())));
        ProductChecks checks = new ProductChecks(ref.categories(), ref.types());
        BatchRows rows = new BatchRows(format, mapping, new RowAssembler(ref.types(), mapping, mapper), mapper);

        if (!dryRun) {
            return importWhileChecking(source, rows, checks);
        }
        // a dry run: pass 1 checks every row, nothing written; the stored owners of the slugs are looked up a chunk at
        // a time; pass 2 sorts the checked products into creates, updates and no-ops, reading only
        List<ImportReport.BadRow> bad = new ArrayList<>();
        RowChecks rowChecks = new RowChecks(checks);
        SlugCheck slugs = new SlugCheck(bad, null);
        // the stored forms checked, for the second pass, while the batch is no longer than KEPT_ROWS
        Kept checkedRows = new Kept();
        read(source, rows, row -> {
            List<FieldError> errors = new ArrayList<>(row.errors());
            ProductInput checked = rowChecks.check(row, errors);
            checkedRows.add(checked);
            slugs.add(row.line(), row.product(), checked, errors);
        });
        slugs.flush();
        bad.sort(java.util.Comparator.comparingInt(ImportReport.BadRow::line));
        if (!bad.isEmpty()) {
            return ImportReport.refused(true, rowChecks.count, bad);
        }
        return inTransaction(dataSource, c -> {
            Writes writes = new Writes(c, checks, true);
            if (!checkedRows.tooLong) {
                checkedRows.products.forEach(writes::add); // every row checked in pass 1 without a fault: nothing to read again
            } else {
                read(source, rows, row -> writes.add(checks.check(row.product()).product()));
            }
            writes.flush();
            return new ImportReport(true, false, rowChecks.count, writes.created, writes.updated, writes.unchanged, List.of());
        });
    }

    /**
     * Each row of a batch checked as it is read: after what the reading found wrong come the catalog's rules (except
     * of a field the reading already named: a price that was no number), then the batch's own (a SKU or slug twice:
     * the later row is bad). The slugs' stored owners are {@link SlugCheck}'s.
     */
    private static final class RowChecks {
        private final ProductChecks checks;
        private final Map<String, Integer> skuLines = new HashMap<>();
        private final Map<String, Integer> slugLines = new HashMap<>();
        /** Rows that describe a product, good or bad. */
        int count;

        RowChecks(ProductChecks checks) {
            this.checks = checks;
        }

        /** Adds what is wrong with the row to {@code errors}; answers its stored form, null when it has none. */
        ProductInput check(SupplierRow row, List<FieldError> errors) {
            if (row.isProductRow()) {
                count++;
            }
            ProductInput p = row.product();
            if (p == null) {
                return null;
            }
            Set<String> named = errors.isEmpty() ? Set.of() : errors.stream().map(FieldError::field).collect(Collectors.toSet());
            ProductChecks.Checked checked = checks.check(p);
            checked.errors().stream().filter(e -> !named.contains(e.field())).forEach(errors::add);
            if (p.sku() != null) {
                Integer first = skuLines.putIfAbsent(p.sku(), row.line());
                if (first != null) {
                    errors.add(new FieldError("sku", p.sku() + " is also on line " + first + " of the batch"));
                }
            }
            if (p.slug() != null) {
                Integer first = slugLines.putIfAbsent(p.slug(), row.line());
                if (first != null) {
                    errors.add(new FieldError("slug", "'" + p.slug() + "' is also on line " + first + " of the batch"));
                }
            }
            return checked.product();
        }
    }

    /**
     * A batch applied: read and checked once, on the caller's thread, while a writer thread writes each chunk of
     * {@value #CHUNK} rows found good in one transaction; the first bad row stops the writing, and the transaction is
     * rolled back once the rest is checked (so that every bad row is reported), so a bad batch changes nothing, and
     * a good one is committed whole with its events. The file is read once whatever its length, and at most a few
     * chunks are held at a time.
     */
    private ImportReport importWhileChecking(BatchSource source, BatchRows rows, ProductChecks checks) {
        List<ImportReport.BadRow> bad = new ArrayList<>();
        RowChecks rowChecks = new RowChecks(checks);
        try (Writer writer = new Writer(checks)) {
            SlugCheck slugs = new SlugCheck(bad, writer);
            read(source, rows, row -> {
                List<FieldError> errors = new ArrayList<>(row.errors());
                ProductInput checked = rowChecks.check(row, errors);
                slugs.add(row.line(), row.product(), checked, errors);
            });
            slugs.flush();
            bad.sort(java.util.Comparator.comparingInt(ImportReport.BadRow::line));
            if (!bad.isEmpty()) {
                writer.abort();
                return ImportReport.refused(false, rowChecks.count, bad);
            }
            Writes writes = writer.finish();
            ImportReport report = new ImportReport(false, true, rowChecks.count, writes.created, writes.updated, writes.unchanged, List.of());
            ProductPages kept = pages;
            if (kept != null) {
                writes.updatedSkus.forEach(kept::changed); // a created product is on no page yet
            }
            return report;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && Transactions.isUniqueViolation(s)) {
                throw new ConflictException("a SKU or slug of the batch was taken by another writer meanwhile; nothing was imported, import again");
            }
            throw e;
        }
    }

    /** Threads that write the chunks of a batch while the caller reads the next ones; one per import at a time. */
    private final java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "emporium-catalog-import-writer");
        t.setDaemon(true);
        return t;
    });

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        writers.shutdownNow();
    }

    /**
     * The writing half of an import: chunks of checked products, written in one transaction on a thread of its own,
     * committed by {@link #finish}, rolled back by {@link #abort} (or by closing it unfinished).
     */
    private final class Writer implements AutoCloseable {
        private final List<CatalogStore.StoredRow> end = new ArrayList<>();
        private final List<CatalogStore.StoredRow> stop = new ArrayList<>();
        private final java.util.concurrent.BlockingQueue<List<CatalogStore.StoredRow>> queue = new java.util.concurrent.ArrayBlockingQueue<>(4);
        private final java.util.concurrent.Future<Writes> result;
        /** Chunks handed to the writer and not written yet. */
        private final java.util.concurrent.atomic.AtomicInteger unwritten = new java.util.concurrent.atomic.AtomicInteger();
        private boolean done;

        /** Thrown on the writer's thread to roll its transaction back. */
        private static final class Stopped extends RuntimeException {
            Stopped() {
                super("the import was refused", null, false, false);
            }
        }

        Writer(ProductChecks checks) {
            result = writers.submit(() -> inTransaction(dataSource, c -> {
                Writes writes = new Writes(c, checks, false);
                while (true) {
                    List<CatalogStore.StoredRow> chunk;
                    try {
                        chunk = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new Stopped();
                    }
                    if (chunk == stop) {
                        throw new Stopped();
                    }
                    if (chunk == end) {
                        writes.flush();
                        return writes;
                    }
                    chunk.forEach(writes::add);
                    unwritten.decrementAndGet();
                }
            }));
        }

        /** True while a chunk handed earlier is not written yet. */
        boolean busy() {
            return unwritten.get() > 0;
        }

        /** Hands checked products to the writer; once it has failed they are dropped (its failure is thrown by finish). */
        void write(List<CatalogStore.StoredRow> chunk) {
            unwritten.incrementAndGet();
            put(chunk);
        }

        private void put(List<CatalogStore.StoredRow> chunk) {
            try {
                while (!result.isDone()) {
                    if (queue.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the import was interrupted", e);
            }
        }

        /** Commits what was written and answers it, or throws what went wrong on the writer's thread. */
        Writes finish() {
            done = true;
            put(end);
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.cancel(true);
                throw new IllegalStateException("the import was interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Rolls back whatever was written, and waits for it. */
        void abort() {
            if (done) {
                return;
            }
            done = true;
            queue.clear(); // this thread is the only one that puts: there is room for the stop now
            put(stop);
            try {
                result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.cancel(true);
            } catch (java.util.concurrent.ExecutionException e) {
                // stopped, or failed before: rolled back either way
            }
        }

        @Override
        public void close() {
            abort();
        }
    }

    /** The first pass's checked products, kept for the second while the batch is short enough to hold. */
    static final class Kept {
        final List<ProductInput> products = new ArrayList<>();
        boolean tooLong;

        /** {@code checked} is null for a faulty row: the batch is refused before the second pass then. */
        void add(ProductInput checked) {
            if (tooLong) {
                return;
            }
            if (products.size() < KEPT_ROWS) {
                products.add(checked);
            } else {
                tooLong = true;
                products.clear(); // the second pass reads the batch again
            }
        }
    }

    private record Known(Map<String, ProductType> types, Set<String> categories) {
    }

    /**
     * Pass 1's rows held until the owners of their slugs are known: one indexed query per chunk, so an import costs
     * the same whether the catalog holds a hundred products or a million.
     */
    private final class SlugCheck {
        private record Pending(int line, ProductInput product, ProductInput checked, List<FieldError> errors) {
        }

        private final List<ImportReport.BadRow> bad;
        private final Writer writer;
        private final List<Pending> pending = new ArrayList<>(CHUNK);

        /** {@code writer}, when given, is handed the checked products of each chunk while the batch has no bad row. */
        SlugCheck(List<ImportReport.BadRow> bad, Writer writer) {
            this.bad = bad;
            this.writer = writer;
        }

        void add(int line, ProductInput p, ProductInput checked, List<FieldError> errors) {
            pending.add(new Pending(line, p, checked, errors));
            if (pending.size() == CHUNK) {
                flush();
            }
        }

        void flush() {
            Set<String> lookedUp = new java.util.LinkedHashSet<>();
            for (Pending r : pending) {
                if (r.product() != null && ProductChecks.wellFormedSlug(r.product())) {
                    lookedUp.add(r.product().slug());
                }
            }
            Map<String, String> owners = lookedUp.isEmpty() ? Map.of()
                    : inTransaction(dataSource, c -> store.slugOwners(c, lookedUp));
            for (Pending r : pending) {
                List<FieldError> errors = r.errors();
                if (r.product() != null && ProductChecks.wellFormedSlug(r.product())) {
                    ProductChecks.slugOwnedByAnother(r.product(), owners.get(r.product().slug())).ifPresent(errors::add);
                }
                if (!errors.isEmpty()) {
                    bad.add(new ImportReport.BadRow(r.line(), r.product() == null ? null : r.product().sku(), errors));
                }
            }
            if (writer != null && bad.isEmpty() && !pending.isEmpty()) {
                List<CatalogStore.StoredRow> good = new ArrayList<>(pending.size());
                // the JSON is rendered by whichever thread has time for it: here while the writer still has chunks
                // to write, by the writer when it waits for this one (each renders some 13% of an import's CPU)
                boolean render = writer.busy();
                for (Pending r : pending) {
                    if (r.checked() != null) {
                        good.add(new CatalogStore.StoredRow(r.checked(), render ? store.data(r.checked()) : null));
                    }
                }
                writer.write(good);
            }
            pending.clear();
        }
    }

    private static void read(BatchSource source, BatchRows rows, java.util.function.Consumer<SupplierRow> sink) {
        try (Reader in = source.open()) {
            rows.read(in, sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the batch: " + e.getMessage(), e);
        }
    }

    /** The second pass: rows sorted into creates, updates and no-ops, written a chunk at a time. */
    private final class Writes {
        private final Connection c;
        private final ProductChecks checks;
        private final boolean dryRun;
        /** Products with their {@code data} JSON when already rendered (null otherwise). */
        private final List<CatalogStore.StoredRow> chunk = new ArrayList<>(CHUNK);
        /** The SKUs of the products updated (written unless a dry run). */
        final List<String> updatedSkus = new ArrayList<>();
        int created;
        int updated;
        int unchanged;

        Writes(Connection c, ProductChecks checks, boolean dryRun) {
            this.c = c;
            this.checks = checks;
            this.dryRun = dryRun;
        }

        void add(ProductInput p) {
            if (p == null) {
                throw new IllegalStateException("the batch changed between its check and its import");
            }
            add(new CatalogStore.StoredRow(p, null));
        }

        void add(CatalogStore.StoredRow row) {
            chunk.add(row);
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        void flush() {
            try {
                // the JSON is rendered once: compared with the stored column, then written as is
                Map<String, String> existing = store.dataBySkus(c, chunk.stream().map(r -> r.product().sku()).toList());
                List<CatalogStore.StoredRow> inserts = new ArrayList<>();
                List<CatalogStore.StoredRow> updates = new ArrayList<>();
                for (CatalogStore.StoredRow row : chunk) {
                    ProductInput p = row.product();
                    String data = row.data() != null ? row.data() : store.data(p);
                    String current = existing.get(p.sku());
                    if (current == null) {
                        inserts.add(new CatalogStore.StoredRow(p, data));
                    } else if (current.equals(data) || checks.stored(store.input(current)).equals(p)) {
                        unchanged++; // the same JSON, or (written by an older version, say) the same values
                    } else {
                        updates.add(new CatalogStore.StoredRow(p, data));
                    }
                }
                created += inserts.size();
                updated += updates.size();
                chunk.clear();
                if (dryRun) {
                    return;
                }
                store.insertAll(c, inserts);
                store.updateAll(c, updates);
                updates.forEach(r -> updatedSkus.add(r.product().sku()));
                outbox.publishAll(c, CatalogEvents.PRODUCT_CREATED, inserts.stream().map(r -> Map.of("sku", r.product().sku())).toList());
                outbox.publishAll(c, CatalogEvents.PRODUCT_UPDATED, updates.stream().map(r -> Map.of("sku", r.product().sku())).toList());
            } catch (SQLException e) {
                throw new IllegalStateException("database failure: " + e.getMessage(), e);
            }
        }
    }
}
