package dev.emporium.platform.internal.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How many storefront writes each client address may send: a token bucket per address that holds a minute's
 * allowance and refills continuously, so a shopper's bursts pass and a script hammering sign-in or checkout is slowed
 * to the configured rate. The buckets live in this node's memory only: a limit per node, which is what protects it.
 */
final class WriteRateLimiter {

    /** Beyond this many addresses, buckets that refilled completely (idle clients) are forgotten. */
    private static final int TRACKED = 10_000;
    private static final double NANOS_PER_MINUTE = 60e9;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    WriteRateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one write from the address's allowance.
     *
     * @param perMinute the allowance; 0 or less means no limit
     * @return 0 when the write may go on, otherwise the whole seconds to wait before the next one will be admitted
     */
    long admit(String address, int perMinute) {
        if (perMinute <= 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > TRACKED) {
            forgetIdle(now, perMinute);
        }
        Bucket bucket = buckets.computeIfAbsent(address == null ? "" : address, a -> new Bucket(perMinute, now));
        synchronized (bucket) {
            bucket.refill(now, perMinute);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double waitNanos = (1 - bucket.tokens) * NANOS_PER_MINUTE / perMinute;
            return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
        }
    }

    int tracked() {
        return buckets.size();
    }

    private void forgetIdle(long now, int perMinute) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                e.getValue().refill(now, perMinute);
                return e.getValue().tokens >= perMinute;
            }
        });
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(int perMinute, long now) {
            this.tokens = perMinute;
            this.last = now;
        }

        void refill(long now, int perMinute) {
            long elapsed = Math.max(0, now - last);
            tokens = Math.min(perMinute, tokens + elapsed * perMinute / NANOS_PER_MINUTE);
            last = now;
        }
    }
}
