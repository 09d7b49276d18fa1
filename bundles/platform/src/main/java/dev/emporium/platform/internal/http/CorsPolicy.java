package dev.emporium.platform.internal.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which storefront origins may call the store's public and customer routes from a browser (CORS), read from the
 * platform setting {@code corsAllowedOrigins}. Admin routes never answer another origin: an admin page is served by
 * the store itself or not at all.
 */
final class CorsPolicy {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, Accept, Accept-Language";
    static final String EXPOSED_HEADERS = "Location, Retry-After, Idempotency-Key";

    private final Set<String> origins;
    private final int maxAgeSeconds;

    private CorsPolicy(Set<String> origins, int maxAgeSeconds) {
        this.origins = origins;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /** The policy for a comma-separated list of origins such as {@code https://shop.example, https://m.shop.example}. */
    static CorsPolicy of(String allowedOrigins, int maxAgeSeconds) {
        Set<String> set = allowedOrigins == null ? Set.of() : Arrays.stream(allowedOrigins.split("[,\\s]+"))
                .map(CorsPolicy::normalize).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new CorsPolicy(set, Math.max(0, maxAgeSeconds));
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    /** True when a browser page from {@code origin} may read answers of {@code path}. */
    boolean allows(String origin, String path) {
        return origin != null && !isAdmin(path) && origins.contains(normalize(origin));
    }

    static boolean isAdmin(String path) {
        return path.equals("/api/admin") || path.startsWith("/api/admin/");
    }

    /** The headers of an answer to an allowed origin's ordinary request. */
    Map<String, String> answerHeaders(String origin) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Access-Control-Allow-Origin", origin);
        h.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        return h;
    }

    /** The headers of the answer to an allowed origin's preflight. */
    Map<String, String> preflightHeaders(String origin) {
        Map<String, String> h = answerHeaders(origin);
        h.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
        h.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        h.put("Access-Control-Max-Age", String.valueOf(maxAgeSeconds));
        return h;
    }
}
