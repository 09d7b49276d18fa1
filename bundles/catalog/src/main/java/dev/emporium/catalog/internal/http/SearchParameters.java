package dev.emporium.catalog.internal.http;

import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.RouteRequest;
import dev.emporium.platform.api.ValidationException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a storefront search from query parameters: {@code q}, {@code facet=code:value} (repeatable),
 * {@code range=code:min..max} (either end may be empty), {@code sort}, {@code cursor} and {@code limit}.
 */
final class SearchParameters {

    static final int DEFAULT_LIMIT = 24;

    private SearchParameters() {
    }

    static SearchQuery read(RouteRequest r) {
        return read(r.query("q").orElse(null), r.queryAll("facet"), r.queryAll("range"), r.query("sort").orElse(null),
                r.query("cursor").orElse(null), r.query("limit").orElse(null));
    }

    static SearchQuery read(String q, List<String> facets, List<String> ranges, String sort, String cursor, String limit) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String f : facets) {
            int colon = f.indexOf(':');
            if (colon < 1 || colon == f.length() - 1) {
                errors.add(new FieldError("facet", "'" + clip(f) + "' is not code:value, such as colour:red"));
            } else {
                filters.computeIfAbsent(f.substring(0, colon), k -> new ArrayList<>()).add(f.substring(colon + 1));
            }
        }
        Map<String, SearchQuery.Range> rangeMap = new LinkedHashMap<>();
        for (String r : ranges) {
            int colon = r.indexOf(':');
            int dots = r.indexOf("..", Math.max(colon, 0));
            if (colon < 1 || dots < 0) {
                errors.add(new FieldError("range", "'" + clip(r) + "' is not code:min..max, such as price:10..30 or vintage:2015.."));
                continue;
            }
            String code = r.substring(0, colon);
            try {
                BigDecimal min = bound(r.substring(colon + 1, dots));
                BigDecimal max = bound(r.substring(dots + 2));
                if (min != null && max != null && min.compareTo(max) > 0) {
                    errors.add(new FieldError("range." + code, "the minimum is above the maximum"));
                } else {
                    rangeMap.put(code, new SearchQuery.Range(min, max));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("range." + code, "bounds must be decimal numbers"));
            }
        }
        SearchQuery.Sort order = null;
        if (sort != null) {
            try {
                order = SearchQuery.Sort.valueOf(sort.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("sort", "must be one of " + List.of(SearchQuery.Sort.values()).toString().toLowerCase(Locale.ROOT)));
            }
        }
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
                if (n < 1 || n > 100) {
                    errors.add(new FieldError("limit", "must be between 1 and 100"));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "must be a whole number between 1 and 100"));
            }
        }
        if (q != null && q.length() > 500) {
            errors.add(new FieldError("q", "must be at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new SearchQuery(q == null || q.isBlank() ? null : q, filters, rangeMap, order, cursor, n);
    }

    private static BigDecimal bound(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (t.length() > 30) {
            throw new NumberFormatException("too long");
        }
        return new BigDecimal(t);
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
