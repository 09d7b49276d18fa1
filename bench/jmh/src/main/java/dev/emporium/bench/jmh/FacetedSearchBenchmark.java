package dev.emporium.bench.jmh;

import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.catalog.internal.search.ProductIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The storefront's search over the in-memory index alone (no HTTP, no loading of the page's products): words,
 * facet filters with their counts, ranges and sorting, the query mix of bench/run. The index keeps no whole answers,
 * so every call computes its search (the kept answers are measured over HTTP by bench/run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FacetedSearchBenchmark {

    @Param("100000")
    public int products;

    private ProductIndex index;
    private List<SearchQuery> queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        index = new ProductIndex(0);
        index.replaceAll(Wines.indexed(products, Wines.type()));
        queries = Wines.queries(1000);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        index.close();
    }

    /** One search of the mix, the next each call. */
    @Benchmark
    public ProductIndex.Hits searchMix() {
        SearchQuery q = queries.get(next++ % queries.size());
        return index.search(q);
    }

    /** Every wine of a colour with its counts: the broadest facet filter, a quarter of the catalog to count. */
    @Benchmark
    public ProductIndex.Hits browseColour() {
        return index.search(new SearchQuery(null, java.util.Map.of("colour", List.of("red")), java.util.Map.of(), null, null, 24));
    }
}
