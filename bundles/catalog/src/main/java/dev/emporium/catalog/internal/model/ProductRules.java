package dev.emporium.catalog.internal.model;

import dev.emporium.catalog.api.Media;
import dev.emporium.catalog.api.PackPrice;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.Shipping;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.Money;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes a product's own fields valid (its attributes are {@link AttributeValues}'s business). */
public final class ProductRules {

    public static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** An absolute http(s) URL, or a path on the store's own site (its storefront hosts its images): not "//host". */
    private static final Pattern URL = Pattern.compile("https?://[^\\s]{1,2000}|/(?!/)[^\\s]{0,2000}");

    private ProductRules() {
    }

    /** Checks everything but attributes; {@code knownCategories} are the codes that exist. */
    public static List<FieldError> check(ProductInput p, Set<String> knownCategories) {
        List<FieldError> errors = new ArrayList<>();
        if (p.sku() == null || !SKU.matcher(p.sku()).matches()) {
            errors.add(new FieldError("sku", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (p.slug() == null || p.slug().length() > 120 || !SLUG.matcher(p.slug()).matches()) {
            errors.add(new FieldError("slug", "must be lower-case words of letters and digits joined by '-', at most 120 characters"));
        }
        text(errors, "name", p.name(), true, 200);
        text(errors, "shortDescription", p.shortDescription(), false, 1_000);
        text(errors, "longDescription", p.longDescription(), false, 20_000);
        text(errors, "brand", p.brand(), false, 120);
        if (p.type() == null || p.type().isBlank()) {
            errors.add(new FieldError("type", "is required"));
        }
        for (int i = 0; i < p.categories().size(); i++) {
            String c = p.categories().get(i);
            if (c == null || !knownCategories.contains(c)) {
                errors.add(new FieldError("categories[" + i + "]", "'" + c + "' is not a category"));
            }
        }
        if (p.price() == null) {
            errors.add(new FieldError("price", "is required"));
        } else if (p.price().signum() < 0) {
            errors.add(new FieldError("price.amount", "must not be negative"));
        }
        Set<Integer> sizes = new HashSet<>();
        for (int i = 0; i < p.packPrices().size(); i++) {
            PackPrice pack = p.packPrices().get(i);
            String at = "packPrices[" + i + "]";
            if (pack == null || pack.price() == null) {
                errors.add(new FieldError(at, "needs a size and a price"));
                continue;
            }
            if (pack.size() < 2 || pack.size() > 1000) {
                errors.add(new FieldError(at + ".size", "must be between 2 and 1000"));
            } else if (!sizes.add(pack.size())) {
                errors.add(new FieldError(at + ".size", "a pack of " + pack.size() + " is priced twice"));
            }
            if (pack.price().signum() < 0) {
                errors.add(new FieldError(at + ".price.amount", "must not be negative"));
            }
            Money unit = p.price();
            if (unit != null && !unit.currency().equals(pack.price().currency())) {
                errors.add(new FieldError(at + ".price.currency", "must be the product's currency, " + unit.currency()));
            }
        }
        Shipping s = p.shipping();
        if (s != null && (s.weightGrams() <= 0 || s.lengthMm() <= 0 || s.widthMm() <= 0 || s.heightMm() <= 0
                || s.weightGrams() > 1_000_000 || Math.max(s.lengthMm(), Math.max(s.widthMm(), s.heightMm())) > 10_000)) {
            errors.add(new FieldError("shipping", "weight (g) and dimensions (mm) must be positive, up to 1000 kg and 10 m"));
        }
        if (p.media().size() > 50) {
            errors.add(new FieldError("media", "at most 50 items"));
        }
        for (int i = 0; i < p.media().size(); i++) {
            Media m = p.media().get(i);
            if (m == null || m.url() == null || !URL.matcher(m.url()).matches()) {
                errors.add(new FieldError("media[" + i + "].url", "must be an http or https URL, or a path on this store starting with /"));
            } else {
                text(errors, "media[" + i + "].alt", m.alt(), false, 300);
            }
        }
        if (p.seo().keywords().size() > 50) {
            errors.add(new FieldError("seo.keywords", "at most 50 keywords"));
        }
        for (int i = 0; i < p.seo().keywords().size(); i++) {
            text(errors, "seo.keywords[" + i + "]", p.seo().keywords().get(i), true, 60);
        }
        text(errors, "seo.metaTitle", p.seo().metaTitle(), false, 120);
        text(errors, "seo.metaDescription", p.seo().metaDescription(), false, 320);
        return errors;
    }

    private static void text(List<FieldError> errors, String field, String value, boolean required, int max) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return;
        }
        if (value.isBlank()) {
            errors.add(new FieldError(field, required ? "is required" : "must not be blank (leave it out instead)"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        } else if (hasControlCharacter(value)) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }

    /** Whether the text holds a control character other than a line break or a tab (a plain loop: it runs per cell). */
    public static boolean hasControlCharacter(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                return true;
            }
        }
        return false;
    }
}
