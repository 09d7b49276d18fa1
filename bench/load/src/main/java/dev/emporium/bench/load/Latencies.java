package dev.emporium.bench.load;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a set of samples, in milliseconds. */
public record Latencies(int requests, double p50, double p99, double max) {

    public static Latencies of(List<Sample> samples) {
        long[] micros = samples.stream().mapToLong(Sample::micros).toArray();
        Arrays.sort(micros);
        if (micros.length == 0) {
            return new Latencies(0, 0, 0, 0);
        }
        return new Latencies(micros.length, ms(at(micros, 0.50)), ms(at(micros, 0.99)), ms(micros[micros.length - 1]));
    }

    /** The nearest-rank percentile. */
    private static long at(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
