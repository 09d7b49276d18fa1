package dev.emporium.inventory.internal.stock;

import dev.emporium.inventory.api.ReservationLine;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ValidationException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a SKU, an adjustment or a reservation must follow before anything is written. */
public final class Requests {

    /** Letters, digits, dot, dash and underscore; starting with a letter or digit. */
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** More than any store holds; keeps sums far from overflowing a BIGINT. */
    static final long MAX_QUANTITY = 1_000_000_000L;
    static final int MAX_REASON = 500;
    static final int MAX_LINES = 100;
    static final int MAX_REFERENCE = 200;

    private Requests() {
    }

    /** @throws ValidationException naming {@code field} when {@code sku} is not a SKU */
    public static String sku(String field, String sku) {
        String problem = skuProblem(sku);
        if (problem != null) {
            throw new ValidationException(field, problem);
        }
        return sku;
    }

    static String skuProblem(String sku) {
        if (sku == null || sku.isBlank()) {
            return "is required";
        }
        if (!SKU.matcher(sku).matches()) {
            return "must be 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit";
        }
        return null;
    }

    static void adjustment(StockAdjustment a) {
        List<FieldError> errors = new ArrayList<>();
        String skuProblem = skuProblem(a.sku());
        if (skuProblem != null) {
            errors.add(new FieldError("sku", skuProblem));
        }
        if (a.location() == null || a.location().isBlank()) {
            errors.add(new FieldError("location", "is required"));
        }
        if (a.delta() == null && a.set() == null) {
            errors.add(new FieldError("delta", "either delta or set is required"));
        } else if (a.delta() != null && a.set() != null) {
            errors.add(new FieldError("set", "give delta or set, not both"));
        } else if (a.delta() != null && a.delta() == 0) {
            errors.add(new FieldError("delta", "must not be 0"));
        } else if (a.delta() != null && (a.delta() < -MAX_QUANTITY || a.delta() > MAX_QUANTITY)) {
            errors.add(new FieldError("delta", "must be between -" + MAX_QUANTITY + " and " + MAX_QUANTITY));
        } else if (a.set() != null && (a.set() < 0 || a.set() > MAX_QUANTITY)) {
            errors.add(new FieldError("set", "must be between 0 and " + MAX_QUANTITY));
        }
        if (a.safetyStock() != null && (a.safetyStock() < 0 || a.safetyStock() > MAX_QUANTITY)) {
            errors.add(new FieldError("safetyStock", "must be between 0 and " + MAX_QUANTITY));
        }
        reason(errors, a.reason());
        if (a.actor() == null || a.actor().isBlank()) {
            errors.add(new FieldError("actor", "is required"));
        }
        throwIfAny(errors);
    }

    static void discontinuation(String sku, String reason, String actor) {
        List<FieldError> errors = new ArrayList<>();
        String skuProblem = skuProblem(sku);
        if (skuProblem != null) {
            errors.add(new FieldError("sku", skuProblem));
        }
        reason(errors, reason);
        if (actor == null || actor.isBlank()) {
            errors.add(new FieldError("actor", "is required"));
        }
        throwIfAny(errors);
    }

    static void reservation(List<ReservationLine> lines, String reference) {
        List<FieldError> errors = new ArrayList<>();
        if (reference == null || reference.isBlank()) {
            errors.add(new FieldError("reference", "is required"));
        } else if (reference.length() > MAX_REFERENCE) {
            errors.add(new FieldError("reference", "must be at most " + MAX_REFERENCE + " characters"));
        }
        if (lines == null || lines.isEmpty()) {
            errors.add(new FieldError("lines", "at least one line is required"));
        } else if (lines.size() > MAX_LINES) {
            errors.add(new FieldError("lines", "at most " + MAX_LINES + " lines"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < lines.size(); i++) {
                ReservationLine line = lines.get(i);
                if (line == null) {
                    errors.add(new FieldError("lines[" + i + "]", "is required"));
                    continue;
                }
                String skuProblem = skuProblem(line.sku());
                if (skuProblem != null) {
                    errors.add(new FieldError("lines[" + i + "].sku", skuProblem));
                } else if (!seen.add(line.sku())) {
                    errors.add(new FieldError("lines[" + i + "].sku", "appears on an earlier line; give each SKU once"));
                }
                if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                    errors.add(new FieldError("lines[" + i + "].quantity", "must be between 1 and " + MAX_QUANTITY));
                }
            }
        }
        throwIfAny(errors);
    }

    private static void reason(List<FieldError> errors, String reason) {
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "is required"));
        } else if (reason.length() > MAX_REASON) {
            errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
