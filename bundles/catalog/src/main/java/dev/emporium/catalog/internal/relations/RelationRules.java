package dev.emporium.catalog.internal.relations;

import dev.emporium.catalog.api.RelationInput;
import dev.emporium.platform.api.FieldError;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Field-level checks of a relation and of a suggestion request that need no database. */
public final class RelationRules {

    static final int MAX_REASON = 500;
    /** A cart larger than this is not a cart. */
    public static final int MAX_SET = 100;
    public static final int MAX_SUGGESTIONS = 50;

    private RelationRules() {
    }

    public static List<FieldError> check(String sku, RelationInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.kind() == null) {
            errors.add(new FieldError("kind", "is required: SIMILAR, COMPLEMENTARY, UP_SELL or CROSS_SELL"));
        }
        if (in.sku() == null || in.sku().isBlank()) {
            errors.add(new FieldError("sku", "is required: the related product's SKU"));
        } else if (in.sku().equals(sku)) {
            errors.add(new FieldError("sku", "is the product itself: a product cannot relate to itself"));
        }
        if (in.reason() != null && in.reason().length() > MAX_REASON) {
            errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        }
        return errors;
    }

    public static List<FieldError> checkSet(Collection<String> skus, Integer limit) {
        List<FieldError> errors = new ArrayList<>();
        if (skus == null || skus.isEmpty()) {
            errors.add(new FieldError("skus", "is required: at least one SKU"));
        } else if (skus.size() > MAX_SET) {
            errors.add(new FieldError("skus", "must hold at most " + MAX_SET + " SKUs"));
        } else {
            int i = 0;
            for (String s : skus) {
                if (s == null || s.isBlank()) {
                    errors.add(new FieldError("skus[" + i + "]", "must be a SKU"));
                }
                i++;
            }
        }
        if (limit != null && (limit < 1 || limit > MAX_SUGGESTIONS)) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_SUGGESTIONS));
        }
        return errors;
    }
}
