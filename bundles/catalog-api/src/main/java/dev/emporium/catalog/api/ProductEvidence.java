package dev.emporium.catalog.api;

import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;

import java.util.Collection;

/**
 * Ratings and evidence: buyer reviews with their aggregate kept current, critics' ratings and press mentions. Writes
 * are validated with field-level errors and change nothing when refused.
 */
public interface ProductEvidence {

    /**
     * A signed-in customer reviews a product on the storefront; published at once. Repeating the call with the same
     * idempotency key answers the review written the first time.
     *
     * @throws dev.emporium.platform.api.NotFoundException when no published product has the SKU
     * @throws dev.emporium.platform.api.ConflictException when the customer reviewed the product already, or reused
     *                                                     the key for another review
     */
    Review review(String sku, String customerId, ReviewInput input, String idempotencyKey);

    /** Published reviews of a product, newest first. */
    Page<Review> reviews(String sku, PageRequest page);

    /** Every review of a product, hidden ones included, newest first: for editors. */
    Page<Review> allReviews(String sku, PageRequest page);

    /** Hides a review or shows it again; the aggregate follows. */
    Review setReviewStatus(long reviewId, ReviewStatus status);

    RatingSummary summary(String sku);

    /** The buyers' aggregate, critics' ratings (newest first) and press mentions (newest first). */
    Evidence evidence(String sku);

    ExpertRating addExpertRating(String sku, ExpertRatingInput input);

    void removeExpertRating(long id);

    PressMention addPressMention(String sku, PressMentionInput input);

    void removePressMention(long id);

    /** Remembers that a customer bought these SKUs, so their reviews of them show as verified; safe to repeat. */
    void recordPurchase(String customerId, Collection<String> skus);
}
