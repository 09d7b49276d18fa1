package dev.emporium.bench.runner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load at a fixed concurrency: each of {@code threads} workers runs one operation after the other,
 * first for the warm-up (not counted), then for the measured seconds. Latencies are kept whole (no sampling) so
 * the percentiles are exact for the run.
 */
final class Load {

    /** One operation of one worker; {@code n} counts that worker's operations. Throws on a wrong answer. */
    interface Operation {
        void run(int worker, long n) throws Exception;
    }

    /** What a measured period gave. */
    record Result(long operations, long errors, double seconds, long[] nanos) {

        double perSecond() {
            return operations / seconds;
        }

        double percentileMs(double p) {
            if (nanos.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(nanos.length - 1, i))] / 1e6;
        }

        double maxMs() {
            return nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6;
        }

        Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("operations", operations);
            m.put("errors", errors);
            m.put("seconds", Bench.round(seconds));
            m.put("perSecond", Bench.round(perSecond()));
            m.put("p50Ms", Bench.round(percentileMs(50)));
            m.put("p99Ms", Bench.round(percentileMs(99)));
            m.put("maxMs", Bench.round(maxMs()));
            return m;
        }
    }

    private Load() {
    }

    static Result run(int threads, double warmupSeconds, double seconds, Operation op) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        List<long[]> perWorker = new ArrayList<>();
        int[] counts = new int[threads];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        StringBuffer firstError = new StringBuffer();
        for (int t = 0; t < threads; t++) {
            long[] nanos = new long[1 << 16];
            perWorker.add(nanos);
            int worker = t;
            workers.add(pool.submit(() -> {
                long[] mine = perWorker.get(worker);
                long n = 0;
                while (!stop.get()) {
                    boolean counted = measuring.get();
                    long s = System.nanoTime();
                    try {
                        op.run(worker, n++);
                    } catch (Exception e) {
                        if (counted) {
                            errors.incrementAndGet();
                        }
                        if (firstError.length() == 0) {
                            firstError.append(e);
                        }
                        continue;
                    }
                    long took = System.nanoTime() - s;
                    if (counted && measuring.get()) {
                        if (counts[worker] == mine.length) {
                            mine = Arrays.copyOf(mine, mine.length * 2);
                            perWorker.set(worker, mine);
                        }
                        mine[counts[worker]++] = took;
                    }
                }
                return null;
            }));
        }
        Thread.sleep((long) (warmupSeconds * 1000));
        long m0 = System.nanoTime();
        measuring.set(true);
        Thread.sleep((long) (seconds * 1000));
        measuring.set(false);
        double took = (System.nanoTime() - m0) / 1e9;
        stop.set(true);
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perWorker.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        if (total == 0) {
            throw new IllegalStateException("not one operation succeeded in " + seconds + " s; first error: " + firstError);
        }
        if (errors.get() > 0) {
            System.out.println("  " + errors.get() + " errors, the first: " + firstError);
        }
        return new Result(total, errors.get(), took, all);
    }
}
