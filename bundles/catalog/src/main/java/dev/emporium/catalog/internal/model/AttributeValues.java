package dev.emporium.catalog.internal.model;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.platform.api.FieldError;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a product's attribute values against its type's definitions and brings each to its one stored form
 * (numbers as BigDecimal or Long, dates as ISO strings, lists without duplicates). Every problem is reported with
 * its field path, {@code attributes.<code>}; nothing is thrown for a client's mistake.
 */
public final class AttributeValues {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");
    /** A decimal as text (decimals travel as strings, as money does); compiled once, it runs per cell of an import. */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,6})?");
    private static final BigDecimal LIMIT = new BigDecimal("1e15");
    static final int MAX_TEXT = 10_000;
    static final int MAX_LIST = 100;

    /** The attributes in stored form, and the problems found; the values are usable only when there are none. */
    public record Checked(Map<String, Object> values, List<FieldError> errors) {
    }

    private AttributeValues() {
    }

    public static Checked check(ProductType type, Map<String, Object> attributes) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        int defined = 0;
        for (AttributeDefinition def : type.attributes()) {
            if (attributes.containsKey(def.code())) {
                defined++;
            }
        }
        if (defined < attributes.size()) {
            // only then is a key not an attribute of the type: looked for one by one (the common case skips this)
            for (String code : attributes.keySet()) {
                if (type.attribute(code).isEmpty()) {
                    errors.add(new FieldError("attributes." + code, "is not an attribute of product type " + type.code()));
                }
            }
        }
        for (AttributeDefinition def : type.attributes()) {
            String field = "attributes." + def.code();
            Object raw = attributes.get(def.code());
            if (raw == null) {
                if (def.required()) {
                    errors.add(new FieldError(field, "is required for product type " + type.code()));
                }
                continue;
            }
            try {
                values.put(def.code(), normalize(def, raw));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        }
        return new Checked(values, errors);
    }

    static Object normalize(AttributeDefinition def, Object raw) {
        return switch (def.type()) {
            case TEXT -> text(raw);
            case LOCALIZED_TEXT -> localized(raw);
            case NUMBER -> number(raw);
            case INTEGER -> integer(raw);
            case BOOLEAN -> {
                if (!(raw instanceof Boolean b)) {
                    throw new IllegalArgumentException("must be true or false");
                }
                yield b;
            }
            case ENUMERATION -> {
                String value = text(raw);
                if (!def.values().contains(value)) {
                    throw new IllegalArgumentException("must be one of " + def.values());
                }
                yield value;
            }
            case LIST -> list(def, raw);
            case DATE -> {
                if (!(raw instanceof String s)) {
                    throw new IllegalArgumentException("must be a date as YYYY-MM-DD");
                }
                try {
                    yield LocalDate.parse(s).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("must be a date as YYYY-MM-DD, not '" + clip(s) + "'");
                }
            }
        };
    }

    private static String text(Object raw) {
        if (!(raw instanceof String s)) {
            throw new IllegalArgumentException("must be a text");
        }
        String t = s.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("must not be blank");
        }
        if (t.length() > MAX_TEXT) {
            throw new IllegalArgumentException("must be at most " + MAX_TEXT + " characters");
        }
        if (ProductRules.hasControlCharacter(t)) {
            throw new IllegalArgumentException("must not contain control characters");
        }
        return t;
    }

    private static Map<String, String> localized(Object raw) {
        if (!(raw instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException("must be an object of language to text, such as {\"en\": \"...\"}");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (var e : map.entrySet()) {
            String lang = String.valueOf(e.getKey());
            if (!LANGUAGE.matcher(lang).matches()) {
                throw new IllegalArgumentException("'" + clip(lang) + "' is not a language tag such as en or fr-CA");
            }
            result.put(lang, text(e.getValue()));
        }
        return result;
    }

    private static BigDecimal number(Object raw) {
        BigDecimal n;
        if (raw instanceof BigDecimal d) {
            n = d;
        } else if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger) {
            n = new BigDecimal(raw.toString());
        } else if (raw instanceof Double || raw instanceof Float) {
            n = new BigDecimal(raw.toString());
        } else if (raw instanceof String s && DECIMAL.matcher(s.strip()).matches()) {
            // decimals travel as strings, as money does
            n = new BigDecimal(s.strip());
        } else {
            throw new IllegalArgumentException("must be a number");
        }
        if (n.abs().compareTo(LIMIT) >= 0 || n.scale() > 6) {
            throw new IllegalArgumentException("must be below 10^15 with at most 6 decimals");
        }
        return n.stripTrailingZeros().scale() < 0 ? n.setScale(0) : n.stripTrailingZeros();
    }

    private static Long integer(Object raw) {
        if (raw instanceof Integer i) {
            return i.longValue();
        }
        if (raw instanceof Long l) {
            return l;
        }
        if (raw instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("must be a whole number");
            }
        }
        throw new IllegalArgumentException("must be a whole number");
    }

    private static List<String> list(AttributeDefinition def, Object raw) {
        if (!(raw instanceof List<?> items)) {
            throw new IllegalArgumentException("must be a list of texts");
        }
        if (items.size() > MAX_LIST) {
            throw new IllegalArgumentException("must have at most " + MAX_LIST + " values");
        }
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (Object item : items) {
            String v = text(item);
            if (!def.values().isEmpty() && !def.values().contains(v)) {
                throw new IllegalArgumentException("'" + clip(v) + "' is not one of " + def.values());
            }
            values.add(v);
        }
        return List.copyOf(values);
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
