package dev.emporium.bench.load;

/**
 * One answered (or failed) request: when it started (milliseconds since the load began), how long it took in
 * microseconds, its status (0: no answer, an I/O error) and what kind of storefront step it was.
 */
public record Sample(long startMillis, long micros, int status, String kind) {
}
