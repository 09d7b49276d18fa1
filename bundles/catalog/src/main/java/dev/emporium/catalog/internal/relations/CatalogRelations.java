package dev.emporium.catalog.internal.relations;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductRelations;
import dev.emporium.catalog.api.RelatedProduct;
import dev.emporium.catalog.api.Relation;
import dev.emporium.catalog.api.RelationInput;
import dev.emporium.catalog.api.RelationKind;
import dev.emporium.catalog.api.Suggestion;
import dev.emporium.catalog.internal.CatalogService;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.ValidationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import dev.emporium.catalog.internal.pages.ProductPages;
import dev.emporium.catalog.api.CatalogEvents;
import dev.emporium.platform.api.Outbox;
import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import static dev.emporium.platform.api.Transactions.inTransaction;

/** Relations between products in the catalog's tables, and the suggestions drawn from them for the storefront. */
@Component(service = ProductRelations.class)
public class CatalogRelations implements ProductRelations {

    private final DataSource dataSource;
    private final Catalog catalog;
    private final RelationStore store = new RelationStore();
    /** Announces relation changes (other nodes drop their kept pages); none in tests that do without. */
    private final Outbox outbox;

    /** The storefront's kept product pages: this node's own writes drop them at once, other nodes' by their events. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProductPages pages;

    @Activate
    public CatalogRelations(@Reference(target = "(dataSourceName=emporium)") DataSource dataSource, @Reference CatalogService catalog,
                            @Reference Outbox outbox) {
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.outbox = outbox;
    }

    /**
     * For tests outside OSGi: the schema must already be migrated. Not public: Declarative Services picks among the
     * public constructors with as many parameters as the activation one, and would take this one.
     */
    CatalogRelations(DataSource dataSource, Catalog catalog) {
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.outbox = null;
    }

    /** After a relation of {@code sku} changed: announced in the same transaction, and this node's page dropped. */
    private void announce(Connection c, String sku) throws SQLException {
        if (outbox != null) {
            outbox.publish(c, CatalogEvents.RELATIONS_CHANGED, Map.of("sku", sku));
        }
    }

    private <T> T changed(String sku, T result) {
        ProductPages kept = pages;
        if (kept != null) {
            kept.changed(sku);
        }
        return result;
    }

    @Override
    public Relation relate(String sku, RelationInput input) {
        List<FieldError> errors = new ArrayList<>(RelationRules.check(sku, input));
        Relation relation = new Relation(sku, input.kind(), input.sku() == null ? null : input.sku().strip(),
                input.reason() == null || input.reason().isBlank() ? null : input.reason().strip());
        try {
            return changed(sku, inTransaction(dataSource, c -> {
                if (!store.productExists(c, sku)) {
                    throw new NotFoundException("no product " + sku);
                }
                if (errors.isEmpty() && !store.productExists(c, relation.relatedSku())) {
                    errors.add(new FieldError("sku", "'" + relation.relatedSku() + "' is not a product"));
                }
                if (errors.isEmpty() && store.exists(c, sku, relation.kind(), relation.relatedSku())) {
                    errors.add(duplicate(relation));
                }
                if (!errors.isEmpty()) {
                    throw new ValidationException(errors);
                }
                store.insert(c, relation);
                announce(c, sku);
                return relation;
            }));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && Transactions.isUniqueViolation(s)) {
                throw new ValidationException(List.of(duplicate(relation)));
            }
            throw e;
        }
    }

    private static FieldError duplicate(Relation r) {
        return new FieldError("sku", r.sku() + " is already related to " + r.relatedSku() + " as " + r.kind());
    }

    @Override
    public boolean unrelate(String sku, RelationKind kind, String relatedSku) {
        return changed(sku, inTransaction(dataSource, c -> {
            boolean deleted = store.delete(c, sku, kind, relatedSku);
            if (deleted) {
                announce(c, sku);
            }
            return deleted;
        }));
    }

    @Override
    public List<Relation> relationsOf(String sku) {
        return inTransaction(dataSource, c -> {
            if (!store.productExists(c, sku)) {
                throw new NotFoundException("no product " + sku);
            }
            return store.of(c, List.of(sku));
        });
    }

    @Override
    public List<RelatedProduct> related(String sku) {
        List<Relation> relations = relationsOf(sku);
        List<RelatedProduct> result = new ArrayList<>();
        for (Relation r : relations.stream().sorted(Comparator.comparingInt(r -> r.kind().ordinal())).toList()) {
            onSale(r.relatedSku()).ifPresent(p -> result.add(new RelatedProduct(r.kind(), r.reason(), p)));
        }
        return result;
    }

    @Override
    public List<Suggestion> suggestions(Collection<String> skus, int limit) {
        List<FieldError> errors = RelationRules.checkSet(skus, limit);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<String> set = new ArrayList<>(new LinkedHashSet<>(skus.stream().map(String::strip).toList()));
        List<Relation> relations = inTransaction(dataSource, c -> store.of(c, set));
        List<Suggestion> result = new ArrayList<>();
        for (SuggestionRanking.Candidate candidate : SuggestionRanking.rank(set, relations)) {
            if (result.size() == limit) {
                break;
            }
            onSale(candidate.sku()).ifPresent(p -> result.add(new Suggestion(p, candidate.kind(), candidate.reason(), candidate.from())));
        }
        return result;
    }

    private Optional<Product> onSale(String sku) {
        return catalog.bySku(sku).filter(Product::onSale);
    }
}
