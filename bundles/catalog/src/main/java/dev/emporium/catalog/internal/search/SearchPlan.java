package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.SearchQuery;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ValidationException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A storefront search checked and translated for Lucene: the words, ranges and facet filters as one drill-down
 * query, the order, where the page starts and its size. Every client mistake is reported at once, by field.
 */
record SearchPlan(DrillDownQuery query, Query base, Map<String, List<String>> filters, FacetsConfig facets,
                  SearchOrder order, FieldDoc after, int limit) {

    static final int MAX_LIMIT = 100;
    static final int MAX_TEXT = 1000;

    /** Where the words are looked for, and how much a match there counts: the name most, descriptions least. */
    private static final Map<String, Float> WEIGHTS = Map.of(
            ProductDocuments.NAME, 4f,
            ProductDocuments.BRAND, 2f,
            ProductDocuments.KEYWORDS, 2f,
            ProductDocuments.SHORT_DESCRIPTION, 1.5f,
            ProductDocuments.LONG_DESCRIPTION, 1f,
            ProductDocuments.ATTRIBUTES, 1f);

    static SearchPlan of(SearchQuery q, SearchableFields fields, Set<Integer> priceScales, Analyzer analyzer,
                         FacetsConfig facets) {
        List<FieldError> errors = new ArrayList<>();
        if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        String text = q.text() == null ? "" : q.text().strip();
        if (text.length() > MAX_TEXT) {
            errors.add(new FieldError("text", "must be at most " + MAX_TEXT + " characters"));
        }
        boolean hasText = text.codePoints().anyMatch(Character::isLetterOrDigit);
        SearchOrder order = SearchOrder.of(q.sort(), hasText);

        FieldDoc after = null;
        if (q.cursor() != null && !q.cursor().isEmpty()) {
            try {
                after = SearchCursor.decode(q.cursor(), order);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cursor", "is not a cursor of this search; start again without one"));
            }
        }

        // sorted so that the same search always builds the same query (and hits the same cache entries)
        Map<String, List<String>> filters = new TreeMap<>();
        q.filters().forEach((code, values) -> {
            String field = "filters." + code;
            if (!fields.facets().contains(code)) {
                errors.add(new FieldError(field, "is not a facet; facets are " + new TreeSet<>(fields.facets())));
            } else if (values.stream().anyMatch(v -> v == null || v.isBlank())) {
                errors.add(new FieldError(field, "values must not be blank"));
            } else if (!values.isEmpty()) {
                filters.put(code, values.stream().map(String::strip).distinct().toList());
            }
        });

        BooleanQuery.Builder base = new BooleanQuery.Builder();
        boolean constrained = false;
        for (Map.Entry<String, SearchQuery.Range> e : new TreeMap<>(q.ranges()).entrySet()) {
            String code = e.getKey();
            SearchQuery.Range range = e.getValue();
            String field = "ranges." + code;
            if (!fields.numbers().contains(code)) {
                errors.add(new FieldError(field, "is not a number; ranges apply to " + new TreeSet<>(fields.numbers())));
            } else if (range.min() != null && range.max() != null && range.min().compareTo(range.max()) > 0) {
                errors.add(new FieldError(field, "min must not be above max"));
            } else if (range.min() != null || range.max() != null) {
                base.add(range(code, range, priceScales), BooleanClause.Occur.FILTER);
                constrained = true;
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }

        if (hasText) {
            SimpleQueryParser parser = new SimpleQueryParser(analyzer, WEIGHTS);
            parser.setDefaultOperator(BooleanClause.Occur.MUST);
            try {
                base.add(parser.parse(text), BooleanClause.Occur.MUST);
            } catch (IndexSearcher.TooManyClauses e) {
                throw new ValidationException("text", "has too many words");
            }
            constrained = true;
        }
        Query words = constrained ? base.build() : new MatchAllDocsQuery();
        return new SearchPlan(drillDown(facets, words, filters, null), words, Map.copyOf(filters), facets, order, after,
                q.limit());
    }

    /**
     * The search without the filter of one facet: what that facet's counts are taken over, so that a shopper can
     * widen a choice as well as narrow it.
     */
    DrillDownQuery without(String dim) {
        return drillDown(facets, base, filters, dim);
    }

    private static DrillDownQuery drillDown(FacetsConfig facets, Query base, Map<String, List<String>> filters, String except) {
        DrillDownQuery query = new DrillDownQuery(facets, base);
        // values of one dimension are ORed by DrillDownQuery, dimensions ANDed
        filters.forEach((dim, values) -> {
            if (!dim.equals(except)) {
                values.forEach(v -> query.add(dim, v));
            }
        });
        return query;
    }

    private static Query range(String code, SearchQuery.Range range, Set<Integer> priceScales) {
        if (ProductDocuments.PRICE_RANGE.equals(code)) {
            return priceRange(range, priceScales);
        }
        String field = ProductDocuments.RATING_RANGE.equals(code) ? ProductDocuments.RATING : ProductDocuments.NUMBER_PREFIX + code;
        double min = range.min() == null ? Double.NEGATIVE_INFINITY : range.min().doubleValue();
        double max = range.max() == null ? Double.POSITIVE_INFINITY : range.max().doubleValue();
        return DoublePoint.newRangeQuery(field, min, max);
    }

    /**
     * Prices are minor units of their currency: for each number of decimals in the index, the bounds become minor
     * units of that many decimals (rounded inwards, so 9.995 EUR as a minimum starts at 10.00).
     */
    private static Query priceRange(SearchQuery.Range range, Set<Integer> priceScales) {
        List<Query> perScale = new ArrayList<>();
        for (int scale : priceScales) {
            long min = range.min() == null ? Long.MIN_VALUE : minor(range.min(), scale, RoundingMode.CEILING);
            long max = range.max() == null ? Long.MAX_VALUE : minor(range.max(), scale, RoundingMode.FLOOR);
            if (min > max) {
                continue;
            }
            Query q = new IndexOrDocValuesQuery(LongPoint.newRangeQuery(ProductDocuments.PRICE, min, max),
                    NumericDocValuesField.newSlowRangeQuery(ProductDocuments.PRICE, min, max));
            perScale.add(priceScales.size() == 1 ? q : new BooleanQuery.Builder()
                    .add(IntPoint.newExactQuery(ProductDocuments.PRICE_SCALE, scale), BooleanClause.Occur.FILTER)
                    .add(q, BooleanClause.Occur.FILTER)
                    .build());
        }
        if (perScale.isEmpty()) {
            return new MatchNoDocsQuery("no price in the range");
        }
        if (perScale.size() == 1) {
            return perScale.get(0);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        perScale.forEach(q -> any.add(q, BooleanClause.Occur.SHOULD));
        return any.build();
    }

    private static long minor(BigDecimal amount, int scale, RoundingMode rounding) {
        BigDecimal minor = amount.movePointRight(scale).setScale(0, rounding);
        if (minor.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            return Long.MAX_VALUE;
        }
        if (minor.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) {
            return Long.MIN_VALUE;
        }
        return minor.longValueExact();
    }
}
