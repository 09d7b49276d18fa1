package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.catalog.api.SearchQuery.Sort;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: prints how fast the index builds over 100k generated wines and how long 1000 mixed storefront
 * searches take. Run it with the test classpath, for example
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.emporium.catalog.internal.search.ProductIndexBenchmark}.
 */
public final class ProductIndexBenchmark {

    private static final int PRODUCTS = 100_000;
    private static final int SEARCHES = 1_000;
    private static final String[] SYLLABLES = {"ba", "be", "ri", "lo", "mu", "sa", "te", "vi", "no", "ca", "du",
            "fo", "ge", "ha", "ji", "ka", "le", "ma", "ne", "po", "ra", "si", "tu", "va", "xe", "zo", "ché", "rô"};

    private ProductIndexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random(42);
        String[] vocabulary = new String[3000];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = word(random);
        }
        List<IndexedProduct> products = new ArrayList<>(PRODUCTS);
        for (int i = 0; i < PRODUCTS; i++) {
            products.add(product(i, random, vocabulary));
        }

        // -Dkept=0: every search computed, nothing answered from what the view keeps (the cold figure)
        try (ProductIndex index = new ProductIndex(Integer.getInteger("kept", ProductIndex.KEPT_ANSWERS))) {
            // a first, smaller rebuild warms the JIT so the figure is about Lucene, not the interpreter
            index.replaceAll(products.subList(0, 10_000));
            long t0 = System.nanoTime();
            index.replaceAll(products);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long total = index.search(Search.browse().limit(1).query()).total();
            System.out.printf("replaceAll: %d products (%d on sale) in %.2f s = %.0f products/s%n",
                    PRODUCTS, total, seconds, PRODUCTS / seconds);

            long t1 = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                index.put(products.get(random.nextInt(PRODUCTS)));
            }
            index.search(Search.browse().limit(1).query()); // makes the puts visible
            double putSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("put: 10000 single updates + refresh in %.2f s = %.0f updates/s%n", putSeconds,
                    10_000 / putSeconds);

            for (int i = 0; i < 300; i++) {
                index.search(query(random, vocabulary));
            }
            long[] nanos = new long[SEARCHES];
            long hits = 0;
            for (int i = 0; i < SEARCHES; i++) {
                SearchQuery q = query(random, vocabulary);
                long s = System.nanoTime();
                ProductIndex.Hits h = index.search(q);
                nanos[i] = System.nanoTime() - s;
                hits += h.total();
            }
            Arrays.sort(nanos);
            System.out.printf("search: %d mixed searches over %d products, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
                            + " max %.2f ms (mean hits %d)%n", SEARCHES, total, nanos[SEARCHES / 2] / 1e6,
                    nanos[SEARCHES * 9 / 10] / 1e6, nanos[SEARCHES * 99 / 100] / 1e6, nanos[SEARCHES - 1] / 1e6,
                    hits / SEARCHES);
        }
    }

    /** Words, words with facets, browsing with filters and a sort, ranges, and a page further down. */
    private static SearchQuery query(Random random, String[] vocabulary) {
        Search s;
        switch (random.nextInt(6)) {
            case 0 -> s = Search.words(vocabulary[random.nextInt(300)]);
            case 1 -> s = Search.words(vocabulary[random.nextInt(300)] + " " + Wines.COLOURS.get(random.nextInt(4)));
            case 2 -> s = Search.words(vocabulary[random.nextInt(300)])
                    .filter("colour", Wines.COLOURS.get(random.nextInt(4)), Wines.COLOURS.get(random.nextInt(4)))
                    .filter("region", Wines.REGIONS.get(random.nextInt(5)));
            case 3 -> s = Search.browse().filter("category", "cat-" + random.nextInt(10))
                    .filter("grape", Wines.GRAPES.get(random.nextInt(7))).sort(Sort.PRICE_ASC);
            case 4 -> s = Search.browse().range("vintage", "2012", "2018").range("price", "10", "30")
                    .range("rating", "3.5", null).sort(Sort.RATING);
            default -> s = Search.browse().filter("brand", "Brand " + random.nextInt(200)).sort(Sort.NEWEST);
        }
        return s.limit(24).query();
    }

    private static IndexedProduct product(int i, Random random, String[] vocabulary) {
        String colour = Wines.COLOURS.get(random.nextInt(4));
        String region = Wines.REGIONS.get(random.nextInt(5));
        int vintage = 2005 + random.nextInt(19);
        List<String> grapes = List.of(Wines.GRAPES.get(random.nextInt(7)), Wines.GRAPES.get(random.nextInt(7)))
                .stream().distinct().toList();
        String price = BigDecimal.valueOf(500 + random.nextInt(10_000), 2).toPlainString();
        BigDecimal rating = random.nextInt(5) == 0 ? null : BigDecimal.valueOf(10 + random.nextInt(41), 1);
        String name = capital(vocabulary[random.nextInt(vocabulary.length)]) + " "
                + capital(vocabulary[random.nextInt(vocabulary.length)]) + " " + vintage;
        IndexedProduct base = Wines.wine(String.format("B%06d", i), name, "Brand " + random.nextInt(500), colour,
                grapes, vintage, region, price, rating, sentence(random, vocabulary, 12),
                sentence(random, vocabulary, 60), List.of(vocabulary[random.nextInt(vocabulary.length)], colour),
                Wines.FOODS.get(random.nextInt(4)), Map.of("en", sentence(random, vocabulary, 30),
                        "fr", sentence(random, vocabulary, 30)),
                random.nextInt(50) == 0 ? ProductStatus.DRAFT : ProductStatus.PUBLISHED, true, random.nextInt(100_000));
        int cat = random.nextInt(50);
        return new IndexedProduct(base.product(), base.type(),
                java.util.Set.of("wines", "cat-" + cat % 10, "cat-" + cat % 10 + "-" + cat), rating);
    }

    private static String sentence(Random random, String[] vocabulary, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(i == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return b.append('.').toString();
    }

    private static String word(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
            b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return b.toString();
    }

    private static String capital(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
