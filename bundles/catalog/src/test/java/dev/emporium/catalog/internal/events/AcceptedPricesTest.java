package dev.emporium.catalog.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.internal.CatalogService;
import dev.emporium.catalog.internal.Wines;
import dev.emporium.platform.api.Outbox;
import dev.emporium.testing.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.event.Event;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.Map;

import static org.junit.Assert.assertEquals;

/** An accepted price proposal from inventory sets the product's price, once, and never switches its currency. */
public class AcceptedPricesTest {

    private static final Outbox NO_OUTBOX = (tx, topic, payload) -> 1;

    private DataSource ds;
    private CatalogService catalog;
    private AcceptedPrices listener;

    @Before
    public void setUp() {
        ds = TestDatabases.create(TestDatabases.H2);
        TestDatabases.migrate(ds, "catalog");
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules().build();
        mapper.configOverride(BigDecimal.class).setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forShape(
                com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING));
        catalog = new CatalogService(ds, NO_OUTBOX, mapper);
        catalog.defineType(Wines.type());
        catalog.defineCategory(new Category("wine", "Wine", null));
        catalog.create(Wines.wine("W-P1", "Priced", "red", "Merlot", 2018, "Bordeaux", "10.00"));
        listener = new AcceptedPrices(catalog);
    }

    @After
    public void tearDown() throws Exception {
        TestDatabases.drop(TestDatabases.H2, ds);
    }

    private static Event accepted(String sku, String amount, String currency) {
        return new Event("emporium/inventory/PRICE_ACCEPTED", Map.of("proposalId", 7L, "sku", sku, "amount", amount, "currency", currency));
    }

    @Test
    public void setsThePriceOnceAndKeepsTheRest() {
        long version = catalog.bySku("W-P1").orElseThrow().version();
        listener.handleEvent(accepted("W-P1", "12.99", "EUR"));
        Product p = catalog.bySku("W-P1").orElseThrow();
        assertEquals("12.99", p.price().amount().toPlainString());
        assertEquals(version + 1, p.version());
        assertEquals("Priced", p.name());
        listener.handleEvent(accepted("W-P1", "12.99", "EUR"));
        assertEquals("the same price again changes nothing", version + 1, catalog.bySku("W-P1").orElseThrow().version());
    }

    @Test
    public void anotherCurrencyOrAnUnknownProductChangesNothing() {
        listener.handleEvent(accepted("W-P1", "12.99", "USD"));
        listener.handleEvent(accepted("W-404", "12.99", "EUR"));
        listener.handleEvent(accepted("W-P1", "not money", "EUR"));
        assertEquals("10.00", catalog.bySku("W-P1").orElseThrow().price().amount().toPlainString());
    }
}
