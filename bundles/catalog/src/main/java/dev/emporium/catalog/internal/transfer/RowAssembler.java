package dev.emporium.catalog.internal.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.Media;
import dev.emporium.catalog.api.PackPrice;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.Seo;
import dev.emporium.catalog.api.Shipping;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the values of one flat row (product field or {@code attributes.<code>} to a cell's text, or to a JSON value)
 * into a {@link ProductInput}. It only converts: a cell that cannot take its field's shape is reported, and whether the
 * product is valid stays the catalog's rules' business ({@code ProductRules}, {@code AttributeValues}).
 */
final class RowAssembler {

    /** Compiled once: they run per cell of a batch (String.matches compiled them per call). */
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
    private static final Pattern PACK_SIZE = Pattern.compile("\\d{1,6}");
    private static final Pattern MEASURE = Pattern.compile("\\d{1,9}");

    private final Map<String, ProductType> types;
    private final ImportMapping mapping;
    private final ObjectMapper mapper;

    RowAssembler(Map<String, ProductType> types, ImportMapping mapping, ObjectMapper mapper) {
        this.types = types;
        this.mapping = mapping;
        this.mapper = mapper;
    }

    /** Each type's attributes by code, built once per batch rather than searched for every cell. */
    private final Map<String, Map<String, AttributeDefinition>> definitions = new java.util.HashMap<>();

    private Map<String, AttributeDefinition> definitions(ProductType type) {
        return definitions.computeIfAbsent(type.code(), code -> {
            Map<String, AttributeDefinition> byCode = new java.util.HashMap<>();
            for (AttributeDefinition def : type.attributes()) {
                byCode.putIfAbsent(def.code(), def); // the first, as ProductType.attribute finds it
            }
            return byCode;
        });
    }

    /** Each attribute target's code (the same column names come in every row: cut once per batch, not per cell). */
    private final Map<String, String> attributeCodes = new java.util.HashMap<>();

    SupplierRow assemble(int line, Map<String, Object> cells) {
        Map<String, Object> values = new LinkedHashMap<>(mapping.constants());
        cells.forEach((target, value) -> {
            if (value != null && !(value instanceof String s && s.isBlank())) {
                values.put(target, value);
            }
        });
        List<FieldError> errors = new ArrayList<>();
        String type = text(values, "type", errors);
        ProductType productType = type == null ? null : types.get(type);
        Map<String, Object> attributes = new LinkedHashMap<>();
        values.forEach((target, value) -> {
            if (target.startsWith("attributes.")) {
                String code = attributeCodes.computeIfAbsent(target, t -> t.substring("attributes.".length()));
                AttributeDefinition def = productType == null ? null : definitions(productType).get(code);
                attributes.put(code, def == null ? value : attribute(def, value));
            }
        });
        String currency = text(values, "currency", errors);
        Money price = money(values.get("price"), currency, "price", errors);
        ProductInput p = new ProductInput(text(values, "sku", errors), text(values, "slug", errors), text(values, "name", errors),
                text(values, "shortDescription", errors), text(values, "longDescription", errors), text(values, "brand", errors),
                type, attributes, list(values.get("categories"), "categories", errors), price,
                packPrices(values.get("packPrices"), currency, errors), shipping(values, errors),
                media(values.get("media"), errors),
                new Seo(list(values.get("seo.keywords"), "seo.keywords", errors), text(values, "seo.metaTitle", errors),
                        text(values, "seo.metaDescription", errors)));
        return new SupplierRow(line, p, errors);
    }

    /** A cell's text in an attribute's JSON form; what does not convert is passed on for the rules to name. */
    private Object attribute(AttributeDefinition def, Object value) {
        if (!(value instanceof String s)) {
            return value;
        }
        String t = s.strip();
        return switch (def.type()) {
            case INTEGER -> WHOLE.matcher(t).matches() ? (Object) Long.parseLong(t) : s;
            case BOOLEAN -> t.equalsIgnoreCase("true") ? Boolean.TRUE : t.equalsIgnoreCase("false") ? Boolean.FALSE : s;
            case LIST -> CsvCells.split(t, mapping.listSeparator());
            case LOCALIZED_TEXT -> {
                if (!t.startsWith("{")) {
                    yield s;
                }
                try {
                    yield mapper.readValue(t, Map.class);
                } catch (Exception e) {
                    yield s;
                }
            }
            default -> s;
        };
    }

    private static String text(Map<String, Object> values, String field, List<FieldError> errors) {
        Object v = values.get(field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        errors.add(new FieldError(field, "must be a text"));
        return null;
    }

    private List<String> list(Object value, String field, List<FieldError> errors) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return CsvCells.split(s.strip(), mapping.listSeparator());
        }
        if (value instanceof List<?> items && items.stream().allMatch(i -> i instanceof String)) {
            return items.stream().map(String.class::cast).toList();
        }
        errors.add(new FieldError(field, "must be a list of texts"));
        return List.of();
    }

    private static Money money(Object amount, String currency, String field, List<FieldError> errors) {
        if (amount == null) {
            return null;
        }
        if (currency == null) {
            errors.add(new FieldError("currency", "is required with a price (a column or a constant of the mapping)"));
            return null;
        }
        try {
            return new Money(amount instanceof BigDecimal d ? d : new BigDecimal(amount.toString().strip()),
                    currency.strip().toUpperCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "'" + clip(amount.toString()) + "' is not a decimal amount such as 12.50"));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
        }
        return null;
    }

    /** Pack prices as {@code 6=149.40|12=273.90}, in the product's currency. */
    private List<PackPrice> packPrices(Object value, String currency, List<FieldError> errors) {
        if (value == null) {
            return List.of();
        }
        List<PackPrice> packs = new ArrayList<>();
        for (String item : list(value, "packPrices", errors)) {
            int eq = item.indexOf('=');
            if (eq < 1 || !PACK_SIZE.matcher(item.substring(0, eq).strip()).matches()) {
                errors.add(new FieldError("packPrices", "'" + clip(item) + "' is not size=price, such as 6=149.40"));
                continue;
            }
            Money m = money(item.substring(eq + 1), currency, "packPrices", errors);
            if (m != null) {
                packs.add(new PackPrice(Integer.parseInt(item.substring(0, eq).strip()), m));
            }
        }
        return packs;
    }

    /** Weight and the three dimensions, all or none. */
    private static Shipping shipping(Map<String, Object> values, List<FieldError> errors) {
        String[] fields = {"shipping.weightGrams", "shipping.lengthMm", "shipping.widthMm", "shipping.heightMm"};
        int present = 0;
        int[] numbers = new int[4];
        for (int i = 0; i < 4; i++) {
            Object v = values.get(fields[i]);
            if (v == null) {
                continue;
            }
            present++;
            String t = v.toString().strip();
            if (MEASURE.matcher(t).matches()) {
                numbers[i] = Integer.parseInt(t);
            } else {
                errors.add(new FieldError(fields[i], "must be a whole number"));
            }
        }
        if (present == 0) {
            return null;
        }
        if (present < 4) {
            errors.add(new FieldError("shipping", "needs weightGrams, lengthMm, widthMm and heightMm together"));
        }
        return new Shipping(numbers[0], numbers[1], numbers[2], numbers[3]);
    }

    /** Media as {@code url alt text|url}: a URL holds no space, so the first space ends it. */
    private List<Media> media(Object value, List<FieldError> errors) {
        List<Media> media = new ArrayList<>();
        for (String item : list(value, "media", errors)) {
            int space = item.indexOf(' ');
            media.add(space < 0 ? new Media(item, null) : new Media(item.substring(0, space), item.substring(space + 1).strip()));
        }
        return media;
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
