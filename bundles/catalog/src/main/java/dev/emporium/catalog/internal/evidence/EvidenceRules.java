package dev.emporium.catalog.internal.evidence;

import dev.emporium.catalog.api.ExpertRatingInput;
import dev.emporium.catalog.api.PressMentionInput;
import dev.emporium.catalog.api.ReviewInput;
import dev.emporium.platform.api.FieldError;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Field-level checks of reviews, critics' ratings and press mentions, before anything is stored. */
public final class EvidenceRules {

    static final int MAX_TEXT = 5000;
    static final BigDecimal MAX_SCALE = BigDecimal.valueOf(1000);

    private EvidenceRules() {
    }

    public static List<FieldError> check(ReviewInput r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.rating() == null || r.rating() < 1 || r.rating() > 5) {
            errors.add(new FieldError("rating", "is required, a whole number from 1 to 5"));
        }
        optional(errors, "title", r.title(), 200);
        optional(errors, "text", r.text(), MAX_TEXT);
        required(errors, "author", r.author(), 80);
        return errors;
    }

    public static List<FieldError> check(ExpertRatingInput e, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        required(errors, "critic", e.critic(), 200);
        boolean scaleOk = e.scale() != null && e.scale().signum() > 0 && e.scale().compareTo(MAX_SCALE) <= 0
                && e.scale().stripTrailingZeros().scale() <= 2;
        if (!scaleOk) {
            errors.add(new FieldError("scale", "is required, a number above 0 and at most 1000, such as 100 or 20"));
        }
        if (e.score() == null || e.score().signum() < 0 || e.score().stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("score", "is required, a number from 0 with at most two decimals"));
        } else if (scaleOk && e.score().compareTo(e.scale()) > 0) {
            errors.add(new FieldError("score", "is above the scale (" + e.score().toPlainString() + " of "
                    + e.scale().stripTrailingZeros().toPlainString() + ")"));
        }
        date(errors, "date", e.date(), today);
        optional(errors, "note", e.note(), MAX_TEXT);
        return errors;
    }

    public static List<FieldError> check(PressMentionInput p, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        required(errors, "publication", p.publication(), 200);
        required(errors, "title", p.title(), 300);
        date(errors, "date", p.date(), today);
        if (p.url() != null && !isWebLink(p.url())) {
            errors.add(new FieldError("url", "must be an absolute http or https link of at most 2000 characters"));
        }
        return errors;
    }

    static boolean isWebLink(String url) {
        if (url.length() > 2000) {
            return false;
        }
        try {
            URI u = new URI(url);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null && !u.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void date(List<FieldError> errors, String field, LocalDate date, LocalDate today) {
        if (date == null) {
            errors.add(new FieldError(field, "is required, a date such as 2024-05-31"));
        } else if (date.isAfter(today)) {
            errors.add(new FieldError(field, "must not be in the future"));
        }
    }

    private static void required(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void optional(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
