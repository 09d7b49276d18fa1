package dev.emporium.catalog.internal.search;

import org.junit.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.Assert.assertEquals;

/** Searches beyond the bound wait their turn rather than share the cores; each still gets its exact answer. */
public class ComputingBoundTest {

    @Test
    public void noMoreSearchesAreComputedAtOnceThanTheBound() throws Exception {
        try (ProductIndex index = new ProductIndex(0, null, 1)) { // nothing kept: every search computed
            index.replaceAll(Wines.catalogue());
            long all = Search.browse().in(index).total();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Long>> totals = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    totals.add(pool.submit(() -> Search.browse().limit(1).in(index).total()));
                }
                for (Future<Long> total : totals) {
                    assertEquals(all, (long) total.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, index.mostComputedAtOnce());
        }
    }
}
