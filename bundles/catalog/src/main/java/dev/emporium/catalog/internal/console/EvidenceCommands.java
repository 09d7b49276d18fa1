package dev.emporium.catalog.internal.console;

import dev.emporium.catalog.api.Evidence;
import dev.emporium.catalog.api.ExpertRating;
import dev.emporium.catalog.api.PressMention;
import dev.emporium.catalog.api.ProductEvidence;
import dev.emporium.catalog.api.ProductRelations;
import dev.emporium.catalog.api.Relation;
import dev.emporium.catalog.api.RelationInput;
import dev.emporium.catalog.api.RelationKind;
import dev.emporium.catalog.api.Review;
import dev.emporium.catalog.api.ReviewStatus;
import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.ProblemException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.Arrays;
import java.util.Locale;

/**
 * The editors' console for what vouches for a product and what it relates to: {@code catalog:reviews},
 * {@code catalog:review-hide}, {@code catalog:review-publish}, {@code catalog:evidence}, {@code catalog:relations},
 * {@code catalog:relate} and {@code catalog:unrelate}.
 */
public final class EvidenceCommands {

    private EvidenceCommands() {
    }

    @Service
    @Command(scope = "catalog", name = "reviews", description = "Lists a product's reviews, newest first (hidden ones with --all)")
    public static class Reviews implements Action {

        @Reference
        private ProductEvidence evidence;

        @Option(name = "--all", description = "Hidden reviews too")
        private boolean all;

        @Option(name = "--after", description = "Continue from this cursor")
        private String after;

        @Option(name = "--limit", description = "How many (1 to 500)")
        private int limit = 50;

        @Argument(index = 0, name = "sku", required = true, description = "The product's SKU")
        @Completion(SkuCompleter.class)
        private String sku;

        @Override
        public Object execute() {
            return refusalOr(() -> {
                PageRequest page = new PageRequest(after, limit);
                Page<Review> reviews = all ? evidence.allReviews(sku, page) : evidence.reviews(sku, page);
                ShellTable table = new ShellTable();
                for (String c : new String[] {"Id", "Rating", "Title", "Author", "Verified", "Status", "Written"}) {
                    table.column(c);
                }
                for (Review r : reviews.items()) {
                    table.addRow().addContent(r.id(), r.rating(), text(r.title()), r.author(), r.verifiedBuyer() ? "yes" : "no",
                            r.status(), r.createdAt());
                }
                table.print(System.out);
                if (reviews.nextCursor() != null) {
                    System.out.println("more: catalog:reviews " + (all ? "--all " : "") + "--after " + reviews.nextCursor() + " " + sku);
                }
            });
        }
    }

    /** Hides a review or shows it again: the two commands differ only in the status they set. */
    abstract static class ReviewStatusChange implements Action {

        @Reference
        private ProductEvidence evidence;

        @Argument(index = 0, name = "id", required = true, description = "The review's id")
        private long id;

        abstract ReviewStatus status();

        @Override
        public Object execute() {
            return refusalOr(() -> System.out.println("Review " + id + " is now " + evidence.setReviewStatus(id, status()).status()));
        }
    }

    @Service
    @Command(scope = "catalog", name = "review-hide", description = "Hides a review; the product's aggregate follows")
    public static class Hide extends ReviewStatusChange {

        @Override
        ReviewStatus status() {
            return ReviewStatus.HIDDEN;
        }
    }

    @Service
    @Command(scope = "catalog", name = "review-publish", description = "Shows a hidden review again")
    public static class Publish extends ReviewStatusChange {

        @Override
        ReviewStatus status() {
            return ReviewStatus.PUBLISHED;
        }
    }

    @Service
    @Command(scope = "catalog", name = "evidence", description = "Shows a product's buyers' rating, critics' ratings and press mentions")
    public static class Show implements Action {

        @Reference
        private ProductEvidence evidence;

        @Argument(index = 0, name = "sku", required = true, description = "The product's SKU")
        @Completion(SkuCompleter.class)
        private String sku;

        @Override
        public Object execute() {
            return refusalOr(() -> {
                Evidence e = evidence.evidence(sku);
                System.out.println("Buyers: " + (e.buyers().average() == null ? "not rated yet"
                        : e.buyers().average() + " / 5 from " + e.buyers().count() + " reviews " + e.buyers().distribution()));
                ShellTable critics = new ShellTable();
                for (String c : new String[] {"Id", "Critic", "Score", "Out of 100", "Date"}) {
                    critics.column(c);
                }
                for (ExpertRating r : e.experts()) {
                    critics.addRow().addContent(r.id(), r.critic(), r.score() + "/" + r.scale(), r.outOf100(), r.date());
                }
                critics.print(System.out);
                ShellTable press = new ShellTable();
                for (String c : new String[] {"Id", "Publication", "Title", "Date", "Link"}) {
                    press.column(c);
                }
                for (PressMention m : e.press()) {
                    press.addRow().addContent(m.id(), m.publication(), m.title(), m.date(), text(m.url()));
                }
                press.print(System.out);
            });
        }
    }

    @Service
    @Command(scope = "catalog", name = "relations", description = "Lists every relation of a product, any status")
    public static class Relations implements Action {

        @Reference
        private ProductRelations relations;

        @Argument(index = 0, name = "sku", required = true, description = "The product's SKU")
        @Completion(SkuCompleter.class)
        private String sku;

        @Override
        public Object execute() {
            return refusalOr(() -> {
                ShellTable table = new ShellTable();
                table.column("Kind");
                table.column("Related SKU");
                table.column("Reason");
                for (Relation r : relations.relationsOf(sku)) {
                    table.addRow().addContent(r.kind(), r.relatedSku(), text(r.reason()));
                }
                table.print(System.out);
            });
        }
    }

    /** What relate and unrelate both name: a product, a kind of relation and the related product. */
    abstract static class RelationCommand implements Action {

        @Reference
        ProductRelations relations;

        @Argument(index = 0, name = "sku", required = true, description = "The product's SKU")
        @Completion(SkuCompleter.class)
        String sku;

        @Argument(index = 1, name = "kind", required = true, description = "similar, complementary, up-sell or cross-sell")
        String kind;

        @Argument(index = 2, name = "related", required = true, description = "The related product's SKU")
        @Completion(SkuCompleter.class)
        String related;

        abstract void change(RelationKind relationKind);

        @Override
        public Object execute() {
            return refusalOr(() -> change(kind(kind)));
        }
    }

    @Service
    @Command(scope = "catalog", name = "relate", description = "Relates a product to another (similar, complementary, up-sell, cross-sell)")
    public static class Relate extends RelationCommand {

        @Option(name = "--reason", description = "Why, as buyers will read it")
        private String reason;

        @Override
        void change(RelationKind relationKind) {
            Relation r = relations.relate(sku, new RelationInput(relationKind, related, reason));
            System.out.println(r.sku() + " -> " + r.relatedSku() + " as " + r.kind());
        }
    }

    @Service
    @Command(scope = "catalog", name = "unrelate", description = "Removes a relation between two products")
    public static class Unrelate extends RelationCommand {

        @Override
        void change(RelationKind relationKind) {
            System.out.println(relations.unrelate(sku, relationKind, related)
                    ? "Removed " + sku + " -> " + related + " as " + relationKind
                    : "No " + relationKind + " relation from " + sku + " to " + related);
        }
    }

    /** A relation kind as an admin types it: {@code up-sell}, {@code UP_SELL} and {@code up_sell} are one. */
    static RelationKind kind(String typed) {
        try {
            return RelationKind.valueOf(typed.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new dev.emporium.platform.api.ValidationException("kind", "must be one of " + Arrays.toString(RelationKind.values()));
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static Object refusalOr(Runnable action) {
        try {
            action.run();
        } catch (ProblemException e) {
            System.out.println(e.asText());
        }
        return null;
    }
}
