package dev.emporium.catalog.internal.evidence;

import dev.emporium.catalog.api.CatalogEvents;
import dev.emporium.catalog.api.Evidence;
import dev.emporium.catalog.api.ExpertRating;
import dev.emporium.catalog.api.ExpertRatingInput;
import dev.emporium.catalog.api.PressMention;
import dev.emporium.catalog.api.PressMentionInput;
import dev.emporium.catalog.api.ProductEvidence;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.RatingSummary;
import dev.emporium.catalog.api.Review;
import dev.emporium.catalog.api.ReviewInput;
import dev.emporium.catalog.api.ReviewStatus;
import dev.emporium.catalog.internal.CatalogService;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import dev.emporium.catalog.internal.pages.ProductPages;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.emporium.platform.api.Transactions.inTransaction;

/**
 * Buyer reviews with their aggregate, critics' ratings and press mentions in the catalog's tables. A review and the
 * recomputed aggregate are written in one transaction with their outbox events, under the product row's lock, so the
 * aggregate always equals what the published reviews say.
 */
@Component(service = {ProductEvidence.class, CatalogEvidence.class})
public class CatalogEvidence implements ProductEvidence {

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final EvidenceStore store = new EvidenceStore();

    /** The storefront's kept product pages: this node's own writes drop them at once, other nodes' by their events. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProductPages pages;

    /** The catalog service is referenced because its activation runs the catalog's migrations, these tables' too. */
    @Activate
    public CatalogEvidence(@Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                           @Reference Outbox outbox, @Reference CatalogService migrated) {
        this(dataSource, outbox, Clock.systemUTC());
    }

    /**
     * For tests outside OSGi: the schema must already be migrated. Not public: Declarative Services picks among the
     * public constructors with as many parameters as the activation one, and would take this one.
     */
    CatalogEvidence(DataSource dataSource, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Review review(String sku, String customerId, ReviewInput input, String idempotencyKey) {
        Objects.requireNonNull(customerId, "customerId");
        List<FieldError> errors = EvidenceRules.check(input);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > 200) {
            errors.add(new FieldError("Idempotency-Key", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        try {
            return changed(sku, inTransaction(dataSource, c -> writeReview(c, sku, customerId, input, key)));
        } catch (IllegalStateException e) {
            // the same key raced on another product, or a double click without a key: answer as the winner's repeat
            if (e.getCause() instanceof SQLException s && Transactions.isUniqueViolation(s)) {
                return inTransaction(dataSource, c -> {
                    Optional<EvidenceStore.StoredReview> earlier = key == null ? Optional.empty() : store.reviewByKey(c, customerId, key);
                    if (earlier.isPresent()) {
                        return sameOrConflict(earlier.get(), sku, input);
                    }
                    throw alreadyReviewed(sku);
                });
            }
            throw e;
        }
    }

    private Review writeReview(Connection c, String sku, String customerId, ReviewInput input, String key) throws SQLException {
        if (key != null) {
            Optional<EvidenceStore.StoredReview> earlier = store.reviewByKey(c, customerId, key);
            if (earlier.isPresent()) {
                return sameOrConflict(earlier.get(), sku, input);
            }
        }
        Optional<String> status = store.lockProduct(c, sku);
        if (status.isEmpty() || !ProductStatus.PUBLISHED.name().equals(status.get())) {
            throw new NotFoundException("no product on sale with SKU " + sku);
        }
        if (store.reviewOf(c, sku, customerId).isPresent()) {
            throw alreadyReviewed(sku);
        }
        boolean verified = store.purchased(c, customerId, sku);
        long id = store.insertReview(c, sku, customerId, input, verified, key);
        Map<String, Object> payload = new HashMap<>();
        payload.put("sku", sku);
        payload.put("reviewId", id);
        payload.put("rating", input.rating());
        payload.put("verifiedBuyer", verified);
        outbox.publish(c, CatalogEvents.REVIEW_ADDED, payload);
        recompute(c, sku);
        return store.review(c, id).orElseThrow().review();
    }

    private static ConflictException alreadyReviewed(String sku) {
        return new ConflictException("you have reviewed " + sku + " already: one review per customer and product");
    }

    private static Review sameOrConflict(EvidenceStore.StoredReview earlier, String sku, ReviewInput input) {
        Review r = earlier.review();
        boolean same = r.sku().equals(sku) && r.rating() == input.rating() && Objects.equals(r.title(), input.title())
                && Objects.equals(r.text(), input.text()) && r.author().equals(input.author().strip());
        if (!same) {
            throw new ConflictException("the Idempotency-Key " + earlier.idempotencyKey() + " was already used for review "
                    + r.id() + " of " + r.sku() + " with other content");
        }
        return r;
    }

    /** Recomputes the product's aggregate from its published reviews, stores it and announces it; safe to repeat. */
    private RatingSummary recompute(Connection c, String sku) throws SQLException {
        RatingSummary summary = RatingAggregate.of(sku, store.publishedCounts(c, sku));
        store.saveSummary(c, summary);
        Map<String, Object> payload = new HashMap<>();
        payload.put("sku", sku);
        payload.put("count", summary.count());
        if (summary.average() != null) {
            payload.put("average", summary.average().toPlainString());
        }
        outbox.publish(c, CatalogEvents.RATING_CHANGED, payload);
        return summary;
    }

    @Override
    public Page<Review> reviews(String sku, PageRequest page) {
        return reviewPage(sku, ReviewStatus.PUBLISHED, page);
    }

    @Override
    public Page<Review> allReviews(String sku, PageRequest page) {
        return reviewPage(sku, null, page);
    }

    private Page<Review> reviewPage(String sku, ReviewStatus status, PageRequest page) {
        Long before = null;
        if (page.cursor() != null) {
            try {
                before = Long.parseLong(page.cursor());
            } catch (NumberFormatException e) {
                throw new ValidationException("cursor", "must be a cursor returned by a previous page");
            }
        }
        Long cursor = before;
        return inTransaction(dataSource, c -> {
            requireProduct(c, sku);
            List<Review> rows = store.reviews(c, sku, status, cursor, page.limit() + 1);
            boolean more = rows.size() > page.limit();
            List<Review> items = more ? rows.subList(0, page.limit()) : rows;
            return new Page<>(items, more ? String.valueOf(items.get(items.size() - 1).id()) : null);
        });
    }

    @Override
    public Review setReviewStatus(long reviewId, ReviewStatus status) {
        if (status == null) {
            throw new ValidationException("status", "is required: PUBLISHED or HIDDEN");
        }
        Review changed = inTransaction(dataSource, c -> {
            Review r = store.review(c, reviewId).orElseThrow(() -> new NotFoundException("no review " + reviewId)).review();
            store.lockProduct(c, r.sku());
            if (store.setReviewStatus(c, reviewId, status)) {
                outbox.publish(c, CatalogEvents.REVIEW_STATUS_CHANGED, Map.of("sku", r.sku(), "reviewId", reviewId, "status", status.name()));
                recompute(c, r.sku());
            }
            return store.review(c, reviewId).orElseThrow().review();
        });
        return changed(changed.sku(), changed);
    }

    @Override
    public RatingSummary summary(String sku) {
        return inTransaction(dataSource, c -> {
            requireProduct(c, sku);
            return summary(c, sku);
        });
    }

    private RatingSummary summary(Connection c, String sku) throws SQLException {
        return store.summary(c, sku).orElseGet(() -> RatingAggregate.of(sku, Map.of()));
    }

    @Override
    public Evidence evidence(String sku) {
        return inTransaction(dataSource, c -> {
            requireProduct(c, sku);
            return new Evidence(sku, summary(c, sku), store.expertRatings(c, sku), store.pressMentions(c, sku));
        });
    }

    /** Every rated product's average, for rebuilding the search index. */
    public Map<String, BigDecimal> averages() {
        return inTransaction(dataSource, store::averages);
    }

    /** The averages of the rated products among {@code skus} (at most 1000), for refreshing the search index. */
    public Map<String, BigDecimal> averages(java.util.Collection<String> skus) {
        return skus.isEmpty() ? Map.of() : inTransaction(dataSource, c -> store.averages(c, skus));
    }

    @Override
    public ExpertRating addExpertRating(String sku, ExpertRatingInput input) {
        List<FieldError> errors = EvidenceRules.check(input, LocalDate.now(clock));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return changed(sku, inTransaction(dataSource, c -> {
            requireProduct(c, sku);
            long id = store.insertExpertRating(c, sku, input);
            outbox.publish(c, CatalogEvents.EVIDENCE_CHANGED, Map.of("sku", sku));
            return store.expertRatings(c, sku).stream().filter(e -> e.id() == id).findFirst().orElseThrow();
        }));
    }

    @Override
    public void removeExpertRating(long id) {
        String sku = inTransaction(dataSource, c -> {
            String of = store.skuOf(c, "catalog_expert_rating", id).orElse(null);
            if (of == null || !store.delete(c, "catalog_expert_rating", id)) {
                throw new NotFoundException("no expert rating " + id);
            }
            outbox.publish(c, CatalogEvents.EVIDENCE_CHANGED, Map.of("sku", of));
            return of;
        });
        changed(sku, null);
    }

    @Override
    public PressMention addPressMention(String sku, PressMentionInput input) {
        List<FieldError> errors = EvidenceRules.check(input, LocalDate.now(clock));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return changed(sku, inTransaction(dataSource, c -> {
            requireProduct(c, sku);
            long id = store.insertPressMention(c, sku, input);
            outbox.publish(c, CatalogEvents.EVIDENCE_CHANGED, Map.of("sku", sku));
            return store.pressMentions(c, sku).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
        }));
    }

    @Override
    public void removePressMention(long id) {
        String sku = inTransaction(dataSource, c -> {
            String of = store.skuOf(c, "catalog_press_mention", id).orElse(null);
            if (of == null || !store.delete(c, "catalog_press_mention", id)) {
                throw new NotFoundException("no press mention " + id);
            }
            outbox.publish(c, CatalogEvents.EVIDENCE_CHANGED, Map.of("sku", of));
            return of;
        });
        changed(sku, null);
    }

    @Override
    public void recordPurchase(String customerId, Collection<String> skus) {
        if (customerId == null || customerId.isBlank()) {
            throw new ValidationException("customerId", "is required");
        }
        for (String sku : new LinkedHashSet<>(skus)) {
            if (sku == null || sku.isBlank()) {
                continue;
            }
            try {
                inTransaction(dataSource, c -> store.recordPurchase(c, customerId, sku));
            } catch (IllegalStateException e) {
                // a redelivered event recorded it at the same moment: the purchase is known either way
                if (!(e.getCause() instanceof SQLException s && Transactions.isUniqueViolation(s))) {
                    throw e;
                }
            }
        }
    }

    /** After a committed write that shows on the product's page. */
    private <T> T changed(String sku, T result) {
        ProductPages kept = pages;
        if (kept != null) {
            kept.changed(sku);
        }
        return result;
    }

    private void requireProduct(Connection c, String sku) throws SQLException {
        if (!store.productExists(c, sku)) {
            throw new NotFoundException("no product " + sku);
        }
    }
}
