package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.catalog.api.SearchResult;
import dev.emporium.platform.api.ValidationException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import dev.emporium.catalog.api.Product;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Function;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The storefront's product search: an in-memory Lucene index of the products on sale, with full text, facet counts,
 * ranges, sorting and cursor paging. Writes may come from several threads while searches run; a search sees every
 * write that completed before it started, and never a half-done {@link #replaceAll rebuild}.
 */
public final class ProductIndex implements AutoCloseable {

    /**
     * One page of hits: the SKUs in order (the caller loads the products), how many products match in all, the
     * facet counts of the whole result, and the cursor of the next page (null on the last).
     */
    public record Hits(List<String> skus, long total, Map<String, List<SearchResult.FacetValue>> facets,
                       String nextCursor) {
    }

    /** The values shown per facet, most frequent first; a category tree or brand list can be long. */
    static final int FACET_VALUES = 100;
    private static final int REBUILD_BATCH = 2000;
    /** Sideways counts kept per index view: a few thousand ints each. */
    private static final int KEPT_SIDEWAYS_COUNTS = 256;
    /**
     * Whole answers kept per index view, the most recently asked: a few kilobytes each (the SKUs of a page and at most
     * {@link #FACET_VALUES} values per facet), some megabytes in all.
     */
    static final int KEPT_ANSWERS = 1024;
    private static final List<String> FIRST_FACETS = List.of(
            ProductDocuments.BRAND_FACET, ProductDocuments.CATEGORY_FACET, ProductDocuments.TYPE_FACET);

    private final Analyzer analyzer = new FoldingAnalyzer();
    private final FacetsConfig facetsConfig = new MultiValuedFacets();
    private final ProductDocuments documents = new ProductDocuments(analyzer, facetsConfig);
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Single writes share it; a rebuild takes it alone, and searches do not refresh while a rebuild holds it. */
    private final ReadWriteLock rebuild = new ReentrantReadWriteLock();
    private final Map<String, ProductType> types = new ConcurrentHashMap<>();
    private final Set<Integer> priceScales = ConcurrentHashMap.newKeySet();
    private final FacetOrdinals.SegmentCache segments = new FacetOrdinals.SegmentCache();
    private final int keptAnswers;
    private final java.util.concurrent.atomic.LongAdder answered = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder answeredFromKept = new java.util.concurrent.atomic.LongAdder();
    /**
     * Searches computed at once, a permit each: as many as the cores, the others wait their turn in arrival order
     * (an answer kept for the view never waits). More at once would only share the same cores, every one of them
     * slower, and the slowest (the broad searches) the most.
     */
    private final java.util.concurrent.Semaphore computing;
    private final java.util.concurrent.atomic.AtomicInteger computingNow = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger computingMost = new java.util.concurrent.atomic.AtomicInteger();
    /** Renders a product as a search hit shows it, stored with its document; null: nothing stored, {@link #items} finds none. */
    private final Function<Product, byte[]> itemJson;

    public ProductIndex() {
        this(KEPT_ANSWERS, null);
    }

    /**
     * An index that stores each product's JSON as a hit shows it ({@code itemJson}, rendered when the product is
     * indexed), so that a page of hits is read from the index ({@link #items}) rather than from the database.
     */
    public ProductIndex(Function<Product, byte[]> itemJson) {
        this(KEPT_ANSWERS, itemJson);
    }

    /** With room for this many whole answers per view (0: none, every search computed; a benchmark's cold figure). */
    public ProductIndex(int keptAnswers) {
        this(keptAnswers, null);
    }

    ProductIndex(int keptAnswers, Function<Product, byte[]> itemJson) {
        this(keptAnswers, itemJson, Runtime.getRuntime().availableProcessors());
    }

    /** With at most {@code computedAtOnce} searches computed at the same time. */
    ProductIndex(int keptAnswers, Function<Product, byte[]> itemJson, int computedAtOnce) {
        this.computing = new java.util.concurrent.Semaphore(Math.max(1, computedAtOnce), true);
        this.keptAnswers = keptAnswers;
        this.itemJson = itemJson;
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(64)
                    .setCommitOnClose(false);
            config.setUseCompoundFile(false); // files in memory: nothing to save by packing them
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, new FacetedSearchers());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the in-memory search index", e);
        }
    }

    /** Replaces everything in the index with these products (the last one wins for a repeated SKU). */
    public void replaceAll(Collection<IndexedProduct> products) {
        Map<String, IndexedProduct> bySku = new LinkedHashMap<>();
        for (IndexedProduct p : products) {
            bySku.put(p.product().sku(), p);
        }
        replaceAll(sink -> bySku.values().forEach(sink));
    }

    /**
     * Replaces everything in the index with the products {@code source} hands over one at a time (each SKU once),
     * holding only a batch of them in memory rather than the whole catalog: a rebuild of 100,000 products then
     * needs no more heap than a search does. Searches meanwhile read the previous view.
     */
    public void replaceAll(java.util.function.Consumer<java.util.function.Consumer<IndexedProduct>> source) {
        replaceAll(source, 0);
    }

    /**
     * As {@link #replaceAll(java.util.function.Consumer)}, each document stamped with {@code stamp}: a mark of the
     * caller's taken before the products were read, which {@link #items(Collection, long)} compares with.
     */
    public void replaceAll(java.util.function.Consumer<java.util.function.Consumer<IndexedProduct>> source, long stamp) {
        Map<String, ProductType> newTypes = new LinkedHashMap<>();
        Set<Integer> newScales = new HashSet<>();
        List<IndexedProduct> batch = new ArrayList<>(REBUILD_BATCH);
        rebuild.writeLock().lock();
        try {
            writer.deleteAll();
            source.accept(p -> {
                if (p.type() != null) {
                    newTypes.put(p.type().code(), p.type());
                }
                if (!p.product().onSale()) {
                    return;
                }
                Integer scale = ProductDocuments.priceScale(p.product().price());
                if (scale != null) {
                    newScales.add(scale);
                }
                batch.add(p);
                if (batch.size() == REBUILD_BATCH) {
                    batch.parallelStream().forEach(b -> add(b, stamp)); // analysis is most of the work: on every core
                    batch.clear();
                }
            });
            batch.parallelStream().forEach(b -> add(b, stamp));
            // one segment: the adds from several threads leave many, and every search pays per segment (term lookups,
            // the facet ordinals' segment-to-global mapping); 1000 mixed searches over 100k wines: p50 4.2 -> 2.4 ms
            writer.forceMerge(1);
            types.putAll(newTypes);
            priceScales.addAll(newScales);
            searchers.maybeRefreshBlocking();
            types.keySet().retainAll(newTypes.keySet());
            priceScales.retainAll(newScales);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the search index", e);
        } finally {
            rebuild.writeLock().unlock();
        }
    }

    private void add(IndexedProduct p, long stamp) {
        try {
            writer.addDocument(documents.build(p, item(p), stamp));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index product " + p.product().sku(), e);
        }
    }

    /** Adds or replaces the product by SKU; a product not on sale (draft, archived, unsellable) is taken out. */
    public void put(IndexedProduct p) {
        put(p, 0);
    }

    /** As {@link #put(IndexedProduct)}, the document stamped with {@code stamp} (see {@link #replaceAll(java.util.function.Consumer, long)}). */
    public void put(IndexedProduct p, long stamp) {
        Objects.requireNonNull(p, "product");
        rebuild.readLock().lock();
        try {
            if (p.type() != null) {
                types.put(p.type().code(), p.type());
            }
            Term sku = new Term(ProductDocuments.SKU, p.product().sku());
            if (p.product().onSale()) {
                notePrice(p);
                writer.updateDocument(sku, documents.build(p, item(p), stamp));
            } else {
                writer.deleteDocuments(sku);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index product " + p.product().sku(), e);
        } finally {
            rebuild.readLock().unlock();
        }
    }

    private byte[] item(IndexedProduct p) {
        return itemJson == null ? null : itemJson.apply(p.product());
    }

    /**
     * The JSON stored with these products (as {@code itemJson} rendered them when they were last indexed), by SKU,
     * read from the current view: a SKU not in the index (not on sale, or never indexed) is left out, as is every
     * SKU when the index stores no JSON.
     */
    public Map<String, byte[]> items(Collection<String> skus) {
        return items(skus, Long.MIN_VALUE);
    }

    /** As {@link #items(Collection)}, but only the JSON of documents stamped {@code since} or later. */
    public Map<String, byte[]> items(Collection<String> skus, long since) {
        Objects.requireNonNull(skus, "skus");
        if (itemJson == null || skus.isEmpty()) {
            return Map.of();
        }
        refresh();
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Map<String, byte[]> found = new HashMap<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(ProductDocuments.SKU);
                if (terms == null) {
                    continue;
                }
                TermsEnum te = terms.iterator();
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = null;
                PostingsEnum postings = null;
                NumericDocValues stamps = null;
                for (String sku : skus) {
                    if (found.containsKey(sku) || !te.seekExact(new BytesRef(sku))) {
                        continue;
                    }
                    postings = te.postings(postings, PostingsEnum.NONE);
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if (live == null || live.get(doc)) {
                            if (since != Long.MIN_VALUE) {
                                if (stamps == null || stamps.docID() >= doc) {
                                    stamps = leaf.reader().getNumericDocValues(ProductDocuments.STAMP);
                                }
                                if (stamps == null || !stamps.advanceExact(doc) || stamps.longValue() < since) {
                                    break; // taken before what the caller asks
                                }
                            }
                            if (stored == null) {
                                stored = leaf.reader().storedFields();
                            }
                            ItemVisitor item = new ItemVisitor();
                            stored.document(doc, item);
                            if (item.json != null) {
                                found.put(sku, item.json);
                            }
                            break;
                        }
                    }
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the products' JSON from the search index", e);
        } finally {
            release(searcher);
        }
    }

    /** Reads the stored item JSON and nothing else. */
    private static final class ItemVisitor extends StoredFieldVisitor {
        byte[] json;

        @Override
        public Status needsField(FieldInfo fieldInfo) {
            if (json != null) {
                return Status.STOP;
            }
            return ProductDocuments.ITEM.equals(fieldInfo.name) ? Status.YES : Status.NO;
        }

        @Override
        public void binaryField(FieldInfo fieldInfo, byte[] value) {
            json = value;
        }
    }

    public void remove(String sku) {
        Objects.requireNonNull(sku, "sku");
        rebuild.readLock().lock();
        try {
            writer.deleteDocuments(new Term(ProductDocuments.SKU, sku));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove product " + sku + " from the search index", e);
        } finally {
            rebuild.readLock().unlock();
        }
    }

    /**
     * Runs a storefront search.
     *
     * @throws ValidationException for a client's mistake, by field: {@code limit}, {@code cursor}, {@code text},
     *                             {@code filters.<code>}, {@code ranges.<code>}
     */
    public Hits search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        SearchPlan plan = SearchPlan.of(query, SearchableFields.of(types.values()), Set.copyOf(priceScales),
                analyzer, facetsConfig);
        refresh();
        FacetedSearcher searcher;
        try {
            searcher = (FacetedSearcher) searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            answered.increment();
            // a view never changes: the same search over it has the same answer (the way a search engine's request
            // cache keeps results until the next refresh); a write makes a new view, which starts with none kept
            Asked asked = new Asked(plan.base(), plan.filters(), plan.order().sort(), query.cursor() == null || query.cursor().isEmpty()
                    ? null : query.cursor(), plan.limit());
            Hits kept = searcher.answer(asked);
            if (kept != null) {
                answeredFromKept.increment();
                return kept;
            }
            Hits hits;
            computing.acquireUninterruptibly();
            try {
                computingMost.accumulateAndGet(computingNow.incrementAndGet(), Math::max);
                hits = run(searcher, plan);
            } finally {
                computingNow.decrementAndGet();
                computing.release();
            }
            searcher.keep(asked, hits);
            return hits;
        } catch (IndexSearcher.TooManyClauses e) {
            throw new ValidationException("text", "has too many words or wildcard matches");
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        } finally {
            release(searcher);
        }
    }

    /** The most searches that were ever computed at the same time. */
    int mostComputedAtOnce() {
        return computingMost.get();
    }

    /** How many searches were answered, and how many of them from an answer kept for the view they searched. */
    public long[] answers() {
        return new long[]{answered.sum(), answeredFromKept.sum()};
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                writer.close();
            } finally {
                directory.close();
            }
        }
    }

    private Hits run(FacetedSearcher searcher, SearchPlan plan) throws IOException {
        // the page is a bounded queue of limit + 1 (never a sort of every hit); totals are exact: they are shown
        TopFieldCollectorManager top = new TopFieldCollectorManager(plan.order().sort(), plan.limit() + 1,
                plan.after(), Integer.MAX_VALUE, false);
        TopFieldCollector page = top.newCollector();
        Map<String, List<SearchResult.FacetValue>> facets = Map.of();
        if (searcher.ordinals == null) {
            searcher.search(plan.query(), page); // nothing indexed carries a facet yet
        } else {
            FacetOrdinals.Counter counts = searcher.ordinals.counter();
            searcher.search(plan.query(), MultiCollector.wrap(page, counts));
            // counts of a filtered facet ignore its own filter, so a shopper can widen a choice as well as narrow it
            Map<String, int[]> sideways = new HashMap<>();
            for (String dim : plan.filters().keySet()) {
                sideways.put(dim, searcher.sidewaysCounts(Sideways.of(plan, dim), plan.without(dim)));
            }
            facets = ordered(searcher.ordinals.values(counts.counts(), sideways, FACET_VALUES));
        }
        TopFieldDocs docs = top.reduce(List.of(page));

        ScoreDoc[] hits = docs.scoreDocs;
        int shown = Math.min(plan.limit(), hits.length);
        int skuAt = plan.order().sort().getSort().length - 1;
        List<String> skus = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            skus.add(((BytesRef) ((FieldDoc) hits[i]).fields[skuAt]).utf8ToString());
        }
        String next = hits.length > plan.limit()
                ? SearchCursor.encode(plan.order(), (FieldDoc) hits[plan.limit() - 1])
                : null;
        return new Hits(List.copyOf(skus), docs.totalHits.value, facets, next);
    }

    /** Brand, category and type first, then attributes by code. */
    private static Map<String, List<SearchResult.FacetValue>> ordered(Map<String, List<SearchResult.FacetValue>> byDim) {
        Map<String, List<SearchResult.FacetValue>> sorted = new TreeMap<>(
                Comparator.comparingInt((String d) -> FIRST_FACETS.contains(d) ? FIRST_FACETS.indexOf(d) : FIRST_FACETS.size())
                        .thenComparing(Comparator.naturalOrder()));
        sorted.putAll(byDim);
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /** Makes completed writes visible, unless a rebuild is under way: then the last complete view is searched. */
    private void refresh() {
        if (rebuild.readLock().tryLock()) {
            try {
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot refresh the search index", e);
            } finally {
                rebuild.readLock().unlock();
            }
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void notePrice(IndexedProduct p) {
        Integer scale = ProductDocuments.priceScale(p.product().price());
        if (scale != null) {
            priceScales.add(scale);
        }
    }

    /** What identifies an answer within one view: the query with its filters, the order, where the page starts, its size. */
    private record Asked(org.apache.lucene.search.Query base, Map<String, List<String>> filters,
                         org.apache.lucene.search.Sort sort, String cursor, int limit) {
    }

    /**
     * What identifies a sideways count: the words and ranges and the filters but one. (A {@code DrillDownQuery} is no
     * key: it equals only itself, its filters being held as query builders.)
     */
    private record Sideways(org.apache.lucene.search.Query base, Map<String, List<String>> filters) {

        static Sideways of(SearchPlan plan, String without) {
            Map<String, List<String>> rest = new TreeMap<>(plan.filters());
            rest.remove(without);
            return new Sideways(plan.base(), rest);
        }
    }

    /** Every dimension may hold several values (grapes, categories with their ancestors). */
    private static final class MultiValuedFacets extends FacetsConfig {

        private static final DimConfig MULTI_VALUED = multiValued();

        @Override
        protected DimConfig getDefaultDimConfig() {
            return MULTI_VALUED;
        }

        private static DimConfig multiValued() {
            DimConfig config = new DimConfig();
            config.multiValued = true;
            return config;
        }
    }

    /** A searcher with the facet ordinals of its reader, computed once per refresh rather than once per search. */
    private static final class FacetedSearcher extends IndexSearcher {

        /** Null while no document carries a facet. */
        final FacetOrdinals ordinals;

        /**
         * Counts of the searches a facet's counts are taken over (the search without that facet's filter): storefront
         * searches repeat these (a category, a colour, a price range) far more than their full form, and a view never
         * changes, so they are kept for as long as it is searched, a bounded number of them.
         */
        private final Map<Sideways, int[]> sideways = new ConcurrentHashMap<>();

        /** Whole answers by what was asked, least recently used first; guarded by itself. */
        private final Map<Asked, Hits> answers = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Asked, Hits> eldest) {
                return size() > keptAnswers;
            }
        };

        Hits answer(Asked asked) {
            synchronized (answers) {
                return answers.get(asked);
            }
        }

        void keep(Asked asked, Hits hits) {
            synchronized (answers) {
                answers.put(asked, hits);
            }
        }

        private final int keptAnswers;

        FacetedSearcher(IndexReader reader, FacetOrdinals ordinals, int keptAnswers) {
            super(reader);
            this.ordinals = ordinals;
            this.keptAnswers = keptAnswers;
        }

        int[] sidewaysCounts(Sideways key, org.apache.lucene.search.Query query) throws IOException {
            int[] kept = sideways.get(key);
            if (kept != null) {
                return kept;
            }
            FacetOrdinals.Counter counter = ordinals.counter();
            search(query, counter);
            if (sideways.size() < KEPT_SIDEWAYS_COUNTS) {
                sideways.putIfAbsent(key, counter.counts());
            }
            return counter.counts();
        }
    }

    private final class FacetedSearchers extends SearcherFactory {

        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
            SortedSetDocValuesReaderState state;
            try {
                state = new DefaultSortedSetDocValuesReaderState(reader, facetsConfig);
            } catch (IllegalArgumentException e) {
                return new FacetedSearcher(reader, null, keptAnswers); // no document has a facet field yet (an empty index)
            }
            return new FacetedSearcher(reader, new FacetOrdinals(reader, state, segments), keptAnswers);
        }
    }
}
