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

        // pass 1: every row checked, nothing written; the stored owners of the slugs are looked up a chunk at a time
        List<ImportReport.BadRow> bad = new ArrayList<>();
        Map<String, Integer> skuLines = new HashMap<>();
        Map<String, Integer> slugLines = new HashMap<>();
        SlugCheck slugs = new SlugCheck(bad);
        int[] count = {0};
        // the stored forms checked, for the second pass, while the batch is no longer than KEPT_ROWS
        Kept checkedRows = new Kept();
        read(source, rows, row -> {
            if (row.isProductRow()) {
                count[0]++;
            }
            List<FieldError> errors = new ArrayList<>(row.errors());
            ProductInput p = row.product();
            if (p != null) {
                // the rules speak too, except of a field the reading already named (a price that was no number)
                Set<String> named = errors.stream().map(FieldError::field).collect(Collectors.toSet());
                ProductChecks.Checked checked = checks.check(p);
                checked.errors().stream().filter(e -> !named.contains(e.field())).forEach(errors::add);
                checkedRows.add(checked.product());
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
            } else {
                checkedRows.add(null);
            }
            slugs.add(row.line(), p, errors);
        });
        slugs.flush();
        bad.sort(java.util.Comparator.comparingInt(ImportReport.BadRow::line));
        if (!bad.isEmpty()) {
            return ImportReport.refused(dryRun, count[0], bad);
        }

        // pass 2: one transaction for the whole batch; on a dry run it only reads
        try {
            List<String> updatedSkus = new ArrayList<>();
            ImportReport report = inTransaction(dataSource, c -> {
                updatedSkus.clear(); // a retried transaction starts over
                Writes writes = new Writes(c, checks, dryRun, updatedSkus);
                if (!checkedRows.tooLong) {
                    checkedRows.products.forEach(writes::add); // every row checked in pass 1 without a fault: nothing to read again
                } else {
                    read(source, rows, row -> writes.add(checks.check(row.product()).product()));
                }
                writes.flush();
                return new ImportReport(dryRun, !dryRun, count[0], writes.created, writes.updated, writes.unchanged, List.of());
            });
            ProductPages kept = pages;
            if (kept != null) {
                updatedSkus.forEach(kept::changed); // a created product is on no page yet
            }
            return report;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && Transactions.isUniqueViolation(s)) {
                throw new ConflictException("a SKU or slug of the batch was taken by another writer meanwhile; nothing was imported, import again");
            }
            throw e;
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
        private record Pending(int line, ProductInput product, List<FieldError> errors) {
        }

        private final List<ImportReport.BadRow> bad;
        private final List<Pending> pending = new ArrayList<>(CHUNK);

        SlugCheck(List<ImportReport.BadRow> bad) {
            this.bad = bad;
        }

        void add(int line, ProductInput p, List<FieldError> errors) {
            pending.add(new Pending(line, p, errors));
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
        private final List<ProductInput> chunk = new ArrayList<>(CHUNK);
        private final List<String> updatedSkus;
        int created;
        int updated;
        int unchanged;

        Writes(Connection c, ProductChecks checks, boolean dryRun, List<String> updatedSkus) {
            this.updatedSkus = updatedSkus;
            this.c = c;
            this.checks = checks;
            this.dryRun = dryRun;
        }

        void add(ProductInput p) {
            if (p == null) {
                throw new IllegalStateException("the batch changed between its check and its import");
            }
            chunk.add(p);
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        void flush() {
            try {
                // the JSON is rendered once: compared with the stored column, then written as is
                Map<String, String> existing = store.dataBySkus(c, chunk.stream().map(ProductInput::sku).toList());
                List<CatalogStore.StoredRow> inserts = new ArrayList<>();
                List<CatalogStore.StoredRow> updates = new ArrayList<>();
                for (ProductInput p : chunk) {
                    String data = store.data(p);
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
