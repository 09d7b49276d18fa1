package dev.emporium.catalog.internal.relations;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.emporium.catalog.api.RelatedProduct;
import dev.emporium.catalog.api.RelationInput;
import dev.emporium.catalog.api.Suggestion;
import dev.emporium.catalog.internal.CatalogService;
import dev.emporium.catalog.internal.Wines;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.TestDatabases;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.List;

import static dev.emporium.catalog.api.RelationKind.COMPLEMENTARY;
import static dev.emporium.catalog.api.RelationKind.CROSS_SELL;
import static dev.emporium.catalog.api.RelationKind.SIMILAR;
import static dev.emporium.catalog.api.RelationKind.UP_SELL;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Relations and suggestions on H2 and a real PostgreSQL. */
@RunWith(Parameterized.class)
public class CatalogRelationsTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private static final Outbox NO_EVENTS = (tx, topic, payload) -> 1;

    private final String engine;
    private DataSource ds;
    private CatalogService catalog;
    private CatalogRelations relations;

    public CatalogRelationsTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void wines() {
        ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "catalog");
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules().build();
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        catalog = new CatalogService(ds, NO_EVENTS, mapper);
        catalog.defineType(Wines.type());
        for (String sku : new String[] {"MARGAUX", "POMEROL", "RIOJA", "CHABLIS", "GRAND-CRU", "DRAFT"}) {
            catalog.create(Wines.wine(sku, sku + " wine", "red", "Merlot", 2018, "Bordeaux", "20.00"));
            if (!sku.equals("DRAFT")) {
                catalog.publish(sku);
            }
        }
        relations = new CatalogRelations(ds, catalog);
    }

    private static List<String> fields(ValidationException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    public void badRelationsAreRefusedByFieldAndChangeNothing() {
        relations.relate("POMEROL", new RelationInput(SIMILAR, "MARGAUX", "Another Bordeaux"));
        String[][] cases = {{"POMEROL", "self"}, {"NOPE", "unknown"}, {"MARGAUX", "duplicate"}};
        for (String[] c : cases) {
            try {
                relations.relate("POMEROL", new RelationInput(SIMILAR, c[0], null));
                fail(c[1]);
            } catch (ValidationException e) {
                assertEquals(c[1], List.of("sku"), fields(e));
            }
        }
        try {
            relations.relate("POMEROL", new RelationInput(null, "RIOJA", "r".repeat(501)));
            fail();
        } catch (ValidationException e) {
            assertEquals(List.of("kind", "reason"), fields(e));
        }
        try {
            relations.relate("NOPE", new RelationInput(SIMILAR, "RIOJA", null));
            fail();
        } catch (NotFoundException expected) {
            // no such product to relate
        }
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM catalog_relation"));
        assertEquals("the same pair under another kind is no duplicate",
                COMPLEMENTARY, relations.relate("POMEROL", new RelationInput(COMPLEMENTARY, "MARGAUX", null)).kind());
    }

    @Test
    public void theStorefrontSeesOnlyRelatedProductsOnSale() {
        relations.relate("POMEROL", new RelationInput(UP_SELL, "GRAND-CRU", "Its big brother"));
        relations.relate("POMEROL", new RelationInput(SIMILAR, "MARGAUX", "Another Bordeaux"));
        relations.relate("POMEROL", new RelationInput(COMPLEMENTARY, "DRAFT", "not on sale"));
        List<RelatedProduct> related = relations.related("POMEROL");
        assertEquals(List.of("MARGAUX", "GRAND-CRU"), related.stream().map(r -> r.product().sku()).toList());
        assertEquals("Its big brother", related.get(1).reason());
        assertEquals(3, relations.relationsOf("POMEROL").size());

        assertTrue(relations.unrelate("POMEROL", SIMILAR, "MARGAUX"));
        assertFalse(relations.unrelate("POMEROL", SIMILAR, "MARGAUX"));
        assertEquals(1, relations.related("POMEROL").size());
    }

    @Test
    public void aCartGetsComplementaryAndCrossSellsRankedThenUpSellsOnSaleOnly() {
        relations.relate("POMEROL", new RelationInput(COMPLEMENTARY, "CHABLIS", "A white for the starter"));
        relations.relate("MARGAUX", new RelationInput(CROSS_SELL, "CHABLIS", null));
        relations.relate("MARGAUX", new RelationInput(CROSS_SELL, "RIOJA", "Often bought together"));
        relations.relate("POMEROL", new RelationInput(UP_SELL, "GRAND-CRU", "Its big brother"));
        relations.relate("POMEROL", new RelationInput(COMPLEMENTARY, "DRAFT", "not on sale"));
        relations.relate("POMEROL", new RelationInput(CROSS_SELL, "MARGAUX", "in the cart already"));

        List<Suggestion> s = relations.suggestions(List.of("POMEROL", "MARGAUX"), 10);
        assertEquals(List.of("CHABLIS", "RIOJA", "GRAND-CRU"), s.stream().map(x -> x.product().sku()).toList());
        assertEquals(COMPLEMENTARY, s.get(0).kind());
        assertEquals("A white for the starter", s.get(0).reason());
        assertEquals(List.of("POMEROL", "MARGAUX"), s.get(0).from());
        assertEquals("Often bought together", s.get(1).reason());
        assertEquals(UP_SELL, s.get(2).kind());

        assertEquals(List.of("CHABLIS"), relations.suggestions(List.of("POMEROL", "MARGAUX"), 1).stream().map(x -> x.product().sku()).toList());
        assertEquals("a single product is a set too", List.of("CHABLIS", "MARGAUX", "GRAND-CRU"),
                relations.suggestions(List.of("POMEROL"), 10).stream().map(x -> x.product().sku()).toList());
        try {
            relations.suggestions(List.of(), 10);
            fail();
        } catch (ValidationException e) {
            assertEquals(List.of("skus"), fields(e));
        }
    }
}
