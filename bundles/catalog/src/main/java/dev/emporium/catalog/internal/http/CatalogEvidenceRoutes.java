package dev.emporium.catalog.internal.http;

import dev.emporium.catalog.api.ExpertRatingInput;
import dev.emporium.catalog.api.PressMentionInput;
import dev.emporium.catalog.api.ProductEvidence;
import dev.emporium.catalog.api.ProductRelations;
import dev.emporium.catalog.api.RelationInput;
import dev.emporium.catalog.api.RelationKind;
import dev.emporium.catalog.api.Review;
import dev.emporium.catalog.api.ReviewInput;
import dev.emporium.catalog.api.ReviewStatus;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteRequest;
import dev.emporium.platform.api.RouteResponse;
import dev.emporium.platform.api.UnauthorizedException;
import dev.emporium.platform.api.ValidationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The catalog's routes for ratings and evidence, relations and suggestions: storefront reads and reviews, editors' writes. */
@Component(service = CatalogRouteGroup.class)
public class CatalogEvidenceRoutes implements CatalogRouteGroup {

    /** Suggestions answered when the request names no limit. */
    static final int DEFAULT_SUGGESTIONS = 10;

    private final ProductEvidence evidence;
    private final ProductRelations relations;

    /** What the storefront sends for suggestions: the products of a cart, or one product. */
    public record SuggestionRequest(List<String> skus, Integer limit) {
    }

    @Activate
    public CatalogEvidenceRoutes(@Reference ProductEvidence evidence, @Reference ProductRelations relations) {
        this.evidence = evidence;
        this.relations = relations;
    }

    @Override
    public List<Route> routes() {
        String editor = CatalogRoutes.EDITOR;
        return List.of(
                Route.customer(HttpMethod.POST, "/api/catalog/products/{sku}/reviews",
                        "A signed-in customer reviews a product on sale (rating 1 to 5; accepts Idempotency-Key)", this::review),
                Route.open(HttpMethod.GET, "/api/catalog/products/{sku}/reviews", "Published reviews of a product, newest first, cursor paging",
                        r -> evidence.reviews(r.pathParam("sku"), r.page())),
                Route.open(HttpMethod.GET, "/api/catalog/products/{sku}/ratings",
                        "A product's buyer rating aggregate, critics' ratings and press mentions",
                        r -> evidence.evidence(r.pathParam("sku"))),
                Route.open(HttpMethod.GET, "/api/catalog/products/{sku}/relations",
                        "Products on sale related to a product: similar, complementary, up-sell, cross-sell, with reasons",
                        r -> Map.of("items", relations.related(r.pathParam("sku")))),
                Route.open(HttpMethod.POST, "/api/catalog/suggestions",
                        "Suggestions for a set of products (a cart): {\"skus\": [...], \"limit\": 10}", this::suggestions),

                Route.admin(HttpMethod.GET, "/api/admin/catalog/products/{sku}/reviews", editor, "Every review of a product, hidden ones included",
                        r -> evidence.allReviews(r.pathParam("sku"), r.page())),
                Route.admin(HttpMethod.POST, "/api/admin/catalog/reviews/{id}/hide", editor, "Hides a review; the aggregate follows",
                        r -> evidence.setReviewStatus(id(r), ReviewStatus.HIDDEN)),
                Route.admin(HttpMethod.POST, "/api/admin/catalog/reviews/{id}/publish", editor, "Shows a hidden review again",
                        r -> evidence.setReviewStatus(id(r), ReviewStatus.PUBLISHED)),
                Route.admin(HttpMethod.POST, "/api/admin/catalog/products/{sku}/expert-ratings", editor,
                        "Records a critic's rating (score on its scale, such as 94 of 100)",
                        r -> {
                            var rating = evidence.addExpertRating(r.pathParam("sku"), r.body(ExpertRatingInput.class));
                            return RouteResponse.created("/api/admin/catalog/expert-ratings/" + rating.id(), rating);
                        }),
                Route.admin(HttpMethod.DELETE, "/api/admin/catalog/expert-ratings/{id}", editor, "Removes a critic's rating",
                        r -> {
                            evidence.removeExpertRating(id(r));
                            return null;
                        }),
                Route.admin(HttpMethod.POST, "/api/admin/catalog/products/{sku}/press-mentions", editor, "Records a publication that featured a product",
                        r -> {
                            var mention = evidence.addPressMention(r.pathParam("sku"), r.body(PressMentionInput.class));
                            return RouteResponse.created("/api/admin/catalog/press-mentions/" + mention.id(), mention);
                        }),
                Route.admin(HttpMethod.DELETE, "/api/admin/catalog/press-mentions/{id}", editor, "Removes a press mention",
                        r -> {
                            evidence.removePressMention(id(r));
                            return null;
                        }),
                Route.admin(HttpMethod.GET, "/api/admin/catalog/products/{sku}/relations", editor, "Every relation of a product",
                        r -> Map.of("items", relations.relationsOf(r.pathParam("sku")))),
                Route.admin(HttpMethod.POST, "/api/admin/catalog/products/{sku}/relations", editor,
                        "Relates a product to another: {\"kind\": \"COMPLEMENTARY\", \"sku\": \"...\", \"reason\": \"...\"}",
                        r -> {
                            var relation = relations.relate(r.pathParam("sku"), r.body(RelationInput.class));
                            return RouteResponse.created("/api/admin/catalog/products/" + relation.sku() + "/relations/"
                                    + relation.kind() + "/" + relation.relatedSku(), relation);
                        }),
                Route.admin(HttpMethod.DELETE, "/api/admin/catalog/products/{sku}/relations/{kind}/{related}", editor, "Removes a relation",
                        r -> {
                            if (!relations.unrelate(r.pathParam("sku"), kind(r), r.pathParam("related"))) {
                                throw new NotFoundException("no " + r.pathParam("kind") + " relation from " + r.pathParam("sku")
                                        + " to " + r.pathParam("related"));
                            }
                            return null;
                        }));
    }

    private Object review(RouteRequest r) {
        String customer = r.caller().orElseThrow(() -> new UnauthorizedException("sign in to review a product")).id();
        Review review = evidence.review(r.pathParam("sku"), customer, r.body(ReviewInput.class), r.idempotencyKey().orElse(null));
        return RouteResponse.created("/api/catalog/products/" + review.sku() + "/reviews", review);
    }

    private Object suggestions(RouteRequest r) {
        SuggestionRequest body = r.body(SuggestionRequest.class);
        int limit = body.limit() == null ? DEFAULT_SUGGESTIONS : body.limit();
        return Map.of("items", relations.suggestions(body.skus(), limit));
    }

    private static long id(RouteRequest r) {
        try {
            return Long.parseLong(r.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundException("no such id: " + r.pathParam("id"));
        }
    }

    private static RelationKind kind(RouteRequest r) {
        String kind = r.pathParam("kind").toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        try {
            return RelationKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("kind", "must be one of " + Arrays.toString(RelationKind.values()));
        }
    }
}
