package dev.emporium.catalog.internal.search;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.AttributeType;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.platform.api.Money;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a product into the Lucene document search runs on, and names the fields that queries and sorts use.
 * Facet dimensions are the codes clients filter on: {@code brand}, {@code category}, {@code type} and the codes of
 * facetable attributes; an attribute whose code is one of those (or {@code price}, {@code rating}) is not a facet.
 */
final class ProductDocuments {

    static final String SKU = "sku";
    static final String NAME = "name";
    static final String BRAND = "brand";
    static final String KEYWORDS = "keywords";
    static final String SHORT_DESCRIPTION = "short_description";
    static final String LONG_DESCRIPTION = "long_description";
    static final String ATTRIBUTES = "attributes";
    static final String NAME_SORT = "name_sort";
    /** Price in minor units of its currency (cents for EUR), as a point for ranges and a doc value for sorting. */
    static final String PRICE = "price";
    /** The currency's decimals, to turn a decimal bound into minor units. */
    static final String PRICE_SCALE = "price_scale";
    static final String RATING = "rating";
    static final String UPDATED_AT = "updated_at";
    static final String NUMBER_PREFIX = "number.";
    /** The product's JSON as a search hit shows it, stored with the document (the one stored field). */
    static final String ITEM = "item";
    /** The caller's mark of when the product was read to be indexed (see {@code ProductIndex.put(p, stamp)}). */
    static final String STAMP = "stamp";

    static final String BRAND_FACET = "brand";
    static final String CATEGORY_FACET = "category";
    static final String TYPE_FACET = "type";
    static final String PRICE_RANGE = "price";
    static final String RATING_RANGE = "rating";
    static final Set<String> RESERVED = Set.of(BRAND_FACET, CATEGORY_FACET, TYPE_FACET, PRICE_RANGE, RATING_RANGE);

    /** Facet values are labels to click, not texts; longer ones would also strain Lucene's term size limit. */
    static final int MAX_FACET_VALUE = 200;
    private static final int MAX_SORT_KEY = 200;

    private final Analyzer analyzer;
    private final FacetsConfig facets;

    ProductDocuments(Analyzer analyzer, FacetsConfig facets) {
        this.analyzer = analyzer;
        this.facets = facets;
    }

    /** The document of a product; {@code item}, when not null, is stored with it (the JSON a hit shows). */
    Document build(IndexedProduct indexed, byte[] item, long stamp) {
        Product p = indexed.product();
        Document doc = new Document();
        doc.add(new StringField(SKU, p.sku(), Field.Store.NO));
        if (item != null) {
            doc.add(new StoredField(ITEM, item));
            doc.add(new NumericDocValuesField(STAMP, stamp));
        }
        doc.add(new SortedDocValuesField(SKU, new BytesRef(p.sku())));

        String name = p.name() == null ? "" : p.name();
        text(doc, NAME, name);
        text(doc, BRAND, p.brand());
        text(doc, SHORT_DESCRIPTION, p.shortDescription());
        text(doc, LONG_DESCRIPTION, p.longDescription());
        if (p.seo() != null) {
            p.seo().keywords().forEach(k -> text(doc, KEYWORDS, k));
        }
        doc.add(new SortedDocValuesField(NAME_SORT, sortKey(name)));

        price(doc, p.price());
        if (indexed.rating() != null) {
            double rating = indexed.rating().doubleValue();
            doc.add(new DoublePoint(RATING, rating));
            doc.add(new DoubleDocValuesField(RATING, rating));
        }
        if (p.updatedAt() != null) {
            doc.add(new NumericDocValuesField(UPDATED_AT, p.updatedAt().toEpochMilli()));
        }

        facet(doc, BRAND_FACET, p.brand());
        indexed.categories().forEach(c -> facet(doc, CATEGORY_FACET, c));
        facet(doc, TYPE_FACET, p.type());
        attributes(doc, p.attributes(), indexed.type());
        try {
            return facets.build(doc);
        } catch (IOException e) {
            // only a taxonomy writer does I/O here, and there is none
            throw new UncheckedIOException(e);
        }
    }

    /** The price's currency decimals, or null when the product has no price. */
    static Integer priceScale(Money price) {
        return price == null ? null : price.amount().scale();
    }

    private void attributes(Document doc, Map<String, Object> attributes, ProductType type) {
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            String code = e.getKey();
            Object value = e.getValue();
            AttributeDefinition def = type == null ? null : type.attribute(code).orElse(null);
            if (def == null) {
                // a value the type no longer (or never) describes is still words a shopper may type
                texts(value).forEach(t -> text(doc, ATTRIBUTES, t));
                continue;
            }
            AttributeType kind = def.type();
            switch (kind) {
                case TEXT, LOCALIZED_TEXT, ENUMERATION, LIST -> texts(value).forEach(t -> text(doc, ATTRIBUTES, t));
                case NUMBER, INTEGER -> {
                    Double n = number(value);
                    if (n != null) {
                        doc.add(new DoublePoint(NUMBER_PREFIX + code, n));
                    }
                }
                default -> {
                }
            }
            if (def.facetable() && kind != AttributeType.LOCALIZED_TEXT && !RESERVED.contains(code)) {
                facetValues(value).forEach(v -> facet(doc, code, v));
            }
        }
    }

    private static void price(Document doc, Money price) {
        if (price == null) {
            return;
        }
        long minor;
        try {
            minor = price.amount().unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            return; // beyond 92 quadrillion: not a price anyone searches for
        }
        doc.add(new LongPoint(PRICE, minor));
        doc.add(new NumericDocValuesField(PRICE, minor));
        doc.add(new IntPoint(PRICE_SCALE, price.amount().scale()));
    }

    private static void text(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new TextField(field, value, Field.Store.NO));
        }
    }

    private static void facet(Document doc, String dim, String value) {
        if (value != null && !value.isBlank() && value.length() <= MAX_FACET_VALUE) {
            doc.add(new SortedSetDocValuesFacetField(dim, value.strip()));
        }
    }

    private BytesRef sortKey(String name) {
        String clipped = name.length() > MAX_SORT_KEY ? name.substring(0, MAX_SORT_KEY) : name;
        return BytesRef.deepCopyOf(analyzer.normalize(NAME_SORT, clipped.strip()));
    }

    /** The words of a text, localized text (every language) or list value. */
    private static List<String> texts(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof String s) {
            result.add(s);
        } else if (value instanceof Map<?, ?> localized) {
            localized.values().forEach(v -> result.addAll(texts(v)));
        } else if (value instanceof Collection<?> items) {
            items.forEach(v -> {
                if (v instanceof String s) {
                    result.add(s);
                }
            });
        }
        return result;
    }

    /** Facet labels: texts as they are, numbers in plain form without trailing zeros, booleans as true or false. */
    static Set<String> facetValues(Object value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof Collection<?> items) {
            items.forEach(v -> result.addAll(facetValues(v)));
        } else if (value instanceof String s) {
            result.add(s.strip());
        } else if (value instanceof Boolean b) {
            result.add(b.toString());
        } else if (value instanceof Number n) {
            BigDecimal d = decimal(n);
            if (d != null) {
                result.add(d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString());
            }
        } else if (value != null && !(value instanceof Map<?, ?>)) {
            result.add(value.toString()); // a LocalDate, say
        }
        return result;
    }

    private static Double number(Object value) {
        BigDecimal d = null;
        if (value instanceof Number n) {
            d = decimal(n);
        } else if (value instanceof String s) {
            try {
                d = new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (d == null) {
            return null;
        }
        double result = d.doubleValue();
        return Double.isFinite(result) ? result : null;
    }

    private static BigDecimal decimal(Number n) {
        try {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            return d.stripTrailingZeros();
        } catch (NumberFormatException e) {
            return null; // NaN or infinity
        }
    }
}
