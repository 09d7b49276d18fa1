package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.SearchResult;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.LongValues;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The facet values of every document of one index view, decoded once into plain int arrays, so that counting the
 * facets of a search is a walk over the matching documents adding ones into an array of counts: no doc-values decoding
 * per search (which was most of a search's time). Segments never change, so their arrays are kept across views and
 * only the small segment-to-global ordinal maps are built per view.
 */
final class FacetOrdinals {

    /** A segment's facet ordinals: document {@code d}'s are {@code ords[starts[d]] .. ords[starts[d + 1] - 1]}. */
    record SegmentOrds(int[] starts, int[] ords) {
    }

    /** A dimension and its global ordinals, {@code start} to {@code end} inclusive. */
    private record Dim(String name, int start, int end) {
    }

    /** Segment arrays by segment core, shared by the views that contain the segment; dropped when it closes. */
    static final class SegmentCache {
        private final Map<IndexReader.CacheKey, SegmentOrds> bySegment = new ConcurrentHashMap<>();

        SegmentOrds of(LeafReader leaf, String field) throws IOException {
            IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
            if (helper == null) {
                return read(leaf, field);
            }
            SegmentOrds kept = bySegment.get(helper.getKey());
            if (kept != null) {
                return kept;
            }
            SegmentOrds read = read(leaf, field);
            if (bySegment.putIfAbsent(helper.getKey(), read) == null) {
                helper.addClosedListener(bySegment::remove);
            }
            return read;
        }

        int size() {
            return bySegment.size();
        }

        private static SegmentOrds read(LeafReader leaf, String field) throws IOException {
            int maxDoc = leaf.maxDoc();
            int[] starts = new int[maxDoc + 1];
            int[] ords = new int[Math.max(16, maxDoc * 4)];
            int n = 0;
            SortedSetDocValues dv = leaf.getSortedSetDocValues(field);
            int doc = dv == null ? DocIdSetIterator.NO_MORE_DOCS : dv.nextDoc();
            for (int d = 0; d < maxDoc; d++) {
                starts[d] = n;
                if (d == doc) {
                    int count = dv.docValueCount();
                    if (n + count > ords.length) {
                        ords = Arrays.copyOf(ords, Math.max(ords.length * 2, n + count));
                    }
                    for (int i = 0; i < count; i++) {
                        ords[n++] = (int) dv.nextOrd();
                    }
                    doc = dv.nextDoc();
                }
            }
            starts[maxDoc] = n;
            return new SegmentOrds(starts, Arrays.copyOf(ords, n));
        }
    }

    private final SegmentOrds[] leaves;
    /** Per leaf, segment ordinal to global ordinal; null where they are the same (a single segment). */
    private final int[][] toGlobal;
    private final String[] labels;
    private final List<Dim> dims;
    /** Per leaf, the counts over all its live documents; null until a count needs them. */
    private final int[][] totals;

    FacetOrdinals(IndexReader reader, SortedSetDocValuesReaderState state, SegmentCache cache) throws IOException {
        String field = state.getField();
        List<LeafReaderContext> contexts = reader.leaves();
        leaves = new SegmentOrds[contexts.size()];
        toGlobal = new int[contexts.size()][];
        totals = new int[contexts.size()][];
        SortedSetDocValues global = state.getDocValues();
        OrdinalMap map = global instanceof MultiDocValues.MultiSortedSetDocValues multi ? multi.mapping : null;
        for (LeafReaderContext ctx : contexts) {
            leaves[ctx.ord] = cache.of(ctx.reader(), field);
            if (map != null) {
                SortedSetDocValues segment = ctx.reader().getSortedSetDocValues(field);
                long valueCount = segment == null ? 0 : segment.getValueCount();
                LongValues segmentToGlobal = map.getGlobalOrds(ctx.ord);
                int[] mapped = new int[(int) valueCount];
                for (int o = 0; o < mapped.length; o++) {
                    mapped[o] = (int) segmentToGlobal.get(o);
                }
                toGlobal[ctx.ord] = mapped;
            }
        }
        labels = new String[state.getSize()];
        for (int o = 0; o < labels.length; o++) {
            String[] path = FacetsConfig.stringToPath(global.lookupOrd(o).utf8ToString());
            labels[o] = path.length > 1 ? path[1] : path[0];
        }
        List<Dim> all = new ArrayList<>();
        state.getPrefixToOrdRange().forEach((dim, range) -> all.add(new Dim(dim, range.start, range.end)));
        dims = List.copyOf(all);
    }

    /** A collector counting the facet values of the documents it sees, into an array of its own. */
    Counter counter() {
        return new Counter(new int[labels.length]);
    }

    /**
     * Each dimension's values with a count, most frequent first then alphabetically, at most {@code max} of them;
     * the counts of a dimension in {@code sideways} come from there (its own filter left out), the others from
     * {@code counts}.
     */
    Map<String, List<SearchResult.FacetValue>> values(int[] counts, Map<String, int[]> sideways, int max) {
        Map<String, List<SearchResult.FacetValue>> result = new LinkedHashMap<>();
        Comparator<int[]> order = (a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1]) : labels[a[0]].compareTo(labels[b[0]]);
        for (Dim dim : dims) {
            int[] from = sideways.getOrDefault(dim.name(), counts);
            List<int[]> present = new ArrayList<>();
            for (int o = dim.start(); o <= dim.end(); o++) {
                if (from[o] > 0) {
                    present.add(new int[]{o, from[o]});
                }
            }
            if (present.isEmpty()) {
                continue;
            }
            present.sort(order);
            List<SearchResult.FacetValue> values = new ArrayList<>(Math.min(max, present.size()));
            for (int i = 0; i < present.size() && i < max; i++) {
                values.add(new SearchResult.FacetValue(labels[present.get(i)[0]], present.get(i)[1]));
            }
            result.put(dim.name(), List.copyOf(values));
        }
        return result;
    }

    /**
     * The counts of every facet value over one leaf's live documents, in global ordinals; built on first need per
     * view (its deletions are the view's own) and kept with it.
     */
    private synchronized int[] leafTotals(LeafReaderContext context) {
        int[] kept = totals[context.ord];
        if (kept != null) {
            return kept;
        }
        int[] counts = new int[labels.length];
        SegmentOrds segment = leaves[context.ord];
        int[] mapped = toGlobal[context.ord];
        Bits live = context.reader().getLiveDocs();
        int maxDoc = context.reader().maxDoc();
        for (int doc = 0; doc < maxDoc; doc++) {
            if (live == null || live.get(doc)) {
                add(counts, segment, mapped, doc, 1);
            }
        }
        totals[context.ord] = counts;
        return counts;
    }

    private static void add(int[] counts, SegmentOrds segment, int[] mapped, int doc, int delta) {
        int[] starts = segment.starts();
        int[] ords = segment.ords();
        int end = starts[doc + 1];
        if (mapped == null) {
            for (int i = starts[doc]; i < end; i++) {
                counts[ords[i]] += delta;
            }
        } else {
            for (int i = starts[doc]; i < end; i++) {
                counts[mapped[ords[i]]] += delta;
            }
        }
    }

    /**
     * Counts the facet values of the documents it sees, into an array of its own. A leaf's matches are noted as bits,
     * then counted in one pass when the leaf is done: over the matches, or, when more than half of the leaf's live
     * documents match, as the leaf's totals less the counts of the live documents that do not (a search matching
     * 90% of the catalog counts the other 10%).
     */
    final class Counter extends SimpleCollector {
        private final int[] counts;
        private LeafReaderContext leaf;
        private long[] bits;
        private int matched;

        private Counter(int[] counts) {
            this.counts = counts;
        }

        /** The counts so far (those of a leaf not finished yet included). */
        int[] counts() {
            count();
            return counts;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
            count(); // should the searcher not have finished the previous leaf
            leaf = context;
            int words = (context.reader().maxDoc() + 63) >>> 6;
            if (bits == null || bits.length < words) {
                bits = new long[words];
            }
            matched = 0;
        }

        @Override
        public void setScorer(Scorable scorer) {
            // counts need no scores
        }

        @Override
        public void collect(int doc) {
            bits[doc >>> 6] |= 1L << doc;
            matched++;
        }

        @Override
        public void finish() {
            count();
        }

        private void count() {
            if (leaf == null) {
                return;
            }
            LeafReaderContext context = leaf;
            leaf = null;
            SegmentOrds segment = leaves[context.ord];
            int[] mapped = toGlobal[context.ord];
            int maxDoc = context.reader().maxDoc();
            int words = (maxDoc + 63) >>> 6;
            if (matched > 0 && matched * 2L > context.reader().numDocs()) {
                int[] total = leafTotals(context);
                for (int o = 0; o < counts.length; o++) {
                    counts[o] += total[o];
                }
                Bits live = context.reader().getLiveDocs();
                for (int w = 0; w < words; w++) {
                    long missed = ~bits[w];
                    if (w == words - 1 && (maxDoc & 63) != 0) {
                        missed &= (1L << maxDoc) - 1; // no documents past maxDoc
                    }
                    while (missed != 0) {
                        int doc = (w << 6) + Long.numberOfTrailingZeros(missed);
                        missed &= missed - 1;
                        if (live == null || live.get(doc)) {
                            add(counts, segment, mapped, doc, -1);
                        }
                    }
                }
            } else if (matched > 0) {
                for (int w = 0; w < words; w++) {
                    long hit = bits[w];
                    while (hit != 0) {
                        int doc = (w << 6) + Long.numberOfTrailingZeros(hit);
                        hit &= hit - 1;
                        add(counts, segment, mapped, doc, 1);
                    }
                }
            }
            Arrays.fill(bits, 0, words, 0L);
            matched = 0;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
