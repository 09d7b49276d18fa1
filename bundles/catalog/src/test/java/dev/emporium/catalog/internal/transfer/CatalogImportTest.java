package dev.emporium.catalog.internal.transfer;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.internal.CatalogService;
import dev.emporium.catalog.internal.Wines;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.testing.TestDatabases;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Supplier batches on H2 and a real PostgreSQL: whole or nothing, idempotent by SKU, dry runs, mappings, round trips. */
@RunWith(Parameterized.class)
public class CatalogImportTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    static final String HEADER = "sku,slug,name,brand,type,categories,price,currency,packPrices,shipping.weightGrams,"
            + "shipping.lengthMm,shipping.widthMm,shipping.heightMm,media,seo.keywords,attr.colour,attr.grape,attr.vintage,"
            + "attr.region,attr.alcohol,attr.organic,attr.bottled_on,attr.vineyard_story\n";
    static final String GOOD = HEADER
            + "W-1,pomerol-18,Château Pomerol 2018,Domaine P,wine,red-wine,24.90,EUR,6=149.40|12=273.90,1300,80,80,320,"
            + "https://img.example/w1.jpg Front label,merlot|pomerol,red,Merlot|Cabernet Franc,2018,Pomerol,13.5,true,2021-03-01,"
            + "\"{\"\"en\"\":\"\"Family vineyard, since 1890\"\"}\"\n"
            + "W-2,chablis-21,\"Chablis \"\"Vieilles Vignes\"\" 2021\",Domaine C,wine,wine,18.00,EUR,,,,,,,,white,Chardonnay,2021,Chablis,12.5,false,,\n"
            + "W-3,rose-22,Rosé 2022,,wine,,9.5,EUR,,,,,,,,rosé,Grenache|Cinsault,2022,Provence,,,,\n";

    private final String engine;
    private DataSource ds;
    private CatalogService catalog;
    private CatalogImport importer;
    private CatalogExport export;

    public CatalogImportTest(String engine) {
        this.engine = engine;
    }

    /** Records events in a table through the caller's connection, so a rolled-back batch leaves none. */
    private static final Outbox TABLE_OUTBOX = (tx, topic, payload) -> {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO test_event (topic, sku) VALUES (?, ?)")) {
            ps.setString(1, topic);
            ps.setString(2, String.valueOf(payload.get("sku")));
            ps.executeUpdate();
        }
        return 1;
    };

    /** The shared mapper's settings that matter here: strict reading, decimals as strings. */
    static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder().findAndAddModules().build();
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return m;
    }

    @Before
    public void freshCatalog() {
        ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "catalog");
        TestDatabases.execute(ds, "CREATE TABLE test_event (topic VARCHAR(200), sku VARCHAR(64))");
        ObjectMapper mapper = strictMapper();
        catalog = new CatalogService(ds, TABLE_OUTBOX, mapper);
        importer = new CatalogImport(ds, TABLE_OUTBOX, mapper);
        export = new CatalogExport(catalog, mapper);
        catalog.defineType(Wines.type());
        catalog.defineCategory(new Category("wine", "Wine", null));
        catalog.defineCategory(new Category("red-wine", "Red wine", "wine"));
    }

    private ImportReport csv(String text, boolean dryRun) {
        return importer.importBatch(() -> new StringReader(text), BatchFormat.CSV, ImportMapping.DEFAULT, dryRun);
    }

    private ImportReport json(String text) {
        return importer.importBatch(() -> new StringReader(text), BatchFormat.JSON, ImportMapping.DEFAULT, false);
    }

    private long products() {
        return TestDatabases.count(ds, "SELECT COUNT(*) FROM catalog_product");
    }

    /** Events of products with topics ending in {@code topicSuffix} (not the TYPE_DEFINED of the set-up's type). */
    private long events(String topicSuffix) {
        return TestDatabases.count(ds, "SELECT COUNT(*) FROM test_event WHERE topic LIKE '%" + topicSuffix + "' AND topic NOT LIKE '%TYPE_DEFINED'");
    }

    @Test
    public void aGoodBatchCreatesEveryProductTypedWithItsEvents() {
        ImportReport r = csv(GOOD, false);
        assertEquals(r.summary(), List.of(), r.badRows());
        assertTrue(r.applied());
        assertEquals(3, r.created());
        assertEquals(3, products());
        assertEquals(3, events("PRODUCT_CREATED"));
        Product p = catalog.bySku("W-1").orElseThrow();
        assertEquals(ProductStatus.DRAFT, p.status());
        assertEquals(List.of("Merlot", "Cabernet Franc"), p.attributes().get("grape"));
        assertEquals(2018L, p.attributes().get("vintage"));
        assertEquals(new BigDecimal("13.5"), p.attributes().get("alcohol"));
        assertEquals(Boolean.TRUE, p.attributes().get("organic"));
        assertEquals(Map.of("en", "Family vineyard, since 1890"), p.attributes().get("vineyard_story"));
        assertEquals("273.90", p.packPrices().get(1).price().amount().toPlainString());
        assertEquals(1300, p.shipping().weightGrams());
        assertEquals("Front label", p.media().get(0).alt());
        assertEquals(List.of("merlot", "pomerol"), p.seo().keywords());
        assertEquals("Chablis \"Vieilles Vignes\" 2021", catalog.bySku("W-2").orElseThrow().name());
        assertEquals("9.50", catalog.bySku("W-3").orElseThrow().price().amount().toPlainString());
    }

    @Test
    public void aBatchOfRequestSizeIsReadOnceAndItsCheckedProductsWritten() {
        int[] opened = {0};
        ImportReport r = importer.importBatch(() -> {
            opened[0]++;
            return new StringReader(GOOD);
        }, BatchFormat.CSV, ImportMapping.DEFAULT, false);
        assertTrue(r.summary(), r.applied());
        assertEquals(1, opened[0]);
        assertEquals(3, products());
        assertEquals(3, events("PRODUCT_CREATED"));
        assertEquals(List.of("Merlot", "Cabernet Franc"), catalog.bySku("W-1").orElseThrow().attributes().get("grape"));
    }

    @Test
    public void aBatchLongerThanWhatIsKeptIsReadAgainInsteadOfHeldWhole() {
        CatalogImport.Kept kept = new CatalogImport.Kept();
        ProductInput p = Wines.wine("W-9", "Any", "red", "Merlot", 2020, "Rioja", "9.90");
        for (int i = 0; i < CatalogImport.KEPT_ROWS; i++) {
            kept.add(p);
        }
        assertFalse(kept.tooLong);
        assertEquals(CatalogImport.KEPT_ROWS, kept.products.size());
        kept.add(p);
        assertTrue(kept.tooLong);
        assertEquals(0, kept.products.size());
        kept.add(p);
        assertEquals(0, kept.products.size());
    }

    /** {@code n} good wines W-n0.. as CSV rows, after the header. */
    private static String wines(int from, int n) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = from; i < from + n; i++) {
            b.append("W-n").append(i).append(",wine-n").append(i).append(",Wine ").append(i)
                    .append(",,wine,,10.00,EUR,,,,,,,,red,Merlot,2018,Bordeaux,,,,\n");
        }
        return b.toString();
    }

    @Test
    public void aBatchLongerThanWhatIsKeptIsReadOnceAndWrittenWhileItIsRead() {
        int[] opened = {0};
        String text = wines(0, CatalogImport.KEPT_ROWS + 1);
        ImportReport r = importer.importBatch(() -> {
            opened[0]++;
            return new StringReader(text);
        }, BatchFormat.CSV, ImportMapping.DEFAULT, false);
        assertTrue(r.summary(), r.applied());
        assertEquals("read once, not once per pass", 1, opened[0]);
        assertEquals(CatalogImport.KEPT_ROWS + 1, r.created());
        assertEquals(CatalogImport.KEPT_ROWS + 1, products());
        assertEquals(CatalogImport.KEPT_ROWS + 1, events("PRODUCT_CREATED"));
    }

    @Test
    public void aBadRowAfterChunksAlreadyWrittenLeavesNothingOfTheBatch() {
        // the first 600 rows are good and written (in the batch's transaction) before the bad ones are read
        String text = wines(0, 600)
                + "W-x1,wine-x1,Bad price,,wine,,ten,EUR,,,,,,,,red,Merlot,2018,Bordeaux,,,,\n"
                + "W-n5,wine-x2,Duplicate SKU,,wine,,10.00,EUR,,,,,,,,red,Merlot,2018,Bordeaux,,,,\n";
        ImportReport r = csv(text, false);
        assertFalse(r.applied());
        assertEquals(r.badRows().toString(), List.of(602, 603), r.badRows().stream().map(ImportReport.BadRow::line).toList());
        assertEquals(0, products());
        assertEquals(0, events(""));
        // and the same rows, good, go in whole afterwards: nothing of the refused batch holds a SKU or slug
        ImportReport again = csv(wines(0, 600), false);
        assertEquals(again.summary(), 600, again.created());
        assertEquals(600, products());
    }

    @Test
    public void reimportingTheSameFileChangesNothingAndAChangedRowUpdatesInPlace() {
        csv(GOOD, false);
        ImportReport again = csv(GOOD, false);
        assertEquals(again.summary(), 3, again.unchanged());
        assertEquals(0, again.created() + again.updated());
        assertEquals(3, events(""));
        assertEquals(1, catalog.bySku("W-1").orElseThrow().version());

        ImportReport changed = csv(GOOD.replace("Rosé 2022,,wine,,9.5", "Rosé 2022,,wine,,10.5"), false);
        assertEquals(1, changed.updated());
        assertEquals(2, changed.unchanged());
        assertEquals(1, events("PRODUCT_UPDATED"));
        Product rose = catalog.bySku("W-3").orElseThrow();
        assertEquals("10.50", rose.price().amount().toPlainString());
        assertEquals(2, rose.version());
        assertEquals(3, products());
    }

    @Test
    public void aBadBatchIsRefusedWithOneLinePerBadRowAndChangesNothing() {
        String bad = HEADER.replace("\n", ",attr.sweetness\n")
                + "W-10,ok-10,Good wine,,wine,,10.00,EUR,,,,,,,,red,Merlot,2018,Bordeaux,,,,,\n"
                + "W-11,bad-11,Wrong types,,wine,,ten,EUR,,,,,,,,red,Merlot,old,Bordeaux,,maybe,,,\n"
                + "W-12,bad-12,Unknown attribute,,wine,,10.00,EUR,,,,,,,,red,Merlot,2018,Bordeaux,,,,,dry\n"
                + "W-13,bad-13,Missing region,,wine,,10.00,EUR,,,,,,,,red,Merlot,2018,,,,,,\n"
                + "W-10,bad-14,Duplicate SKU,,wine,,10.00,EUR,,,,,,,,red,Merlot,2018,Bordeaux,,,,,\n"
                + "W-15,bad-15,Broken \"quoting,,wine,,10.00,EUR,,,,,,,,red,Merlot,2018,Bordeaux,,,,,\n"
                + "W-16,ok-10,Duplicate slug,,wine,,10.00,EUR,,,,,,,,red,Merlot,2018,Bordeaux,,,,,\n";
        ImportReport r = csv(bad, false);
        assertFalse(r.applied());
        assertEquals("6 of 7 rows are bad: nothing was imported", r.summary());
        assertEquals(r.badRows().toString(), List.of(3, 4, 5, 6, 7, 8), r.badRows().stream().map(ImportReport.BadRow::line).toList());
        String lines = String.join("\n", r.badRows().stream().map(ImportReport.BadRow::describe).toList());
        assertTrue(lines, lines.contains("line 3 (W-11): price: 'ten' is not a decimal amount"));
        assertTrue(lines, lines.contains("attributes.vintage: must be a whole number"));
        assertTrue(lines, lines.contains("attributes.organic: must be true or false"));
        assertTrue(lines, lines.contains("line 4 (W-12): attributes.sweetness: is not an attribute of product type wine"));
        assertTrue(lines, lines.contains("line 5 (W-13): attributes.region: is required"));
        assertTrue(lines, lines.contains("line 6 (W-10): sku: W-10 is also on line 2"));
        assertTrue(lines, lines.contains("line 7: csv: a quote inside unquoted field 3"));
        assertTrue(lines, lines.contains("line 8 (W-16): slug: 'ok-10' is also on line 2"));
        assertEquals(0, products());
        assertEquals(0, events(""));
    }

    @Test
    public void aSlugOfAnotherStoredProductIsABadRow() {
        csv(GOOD, false);
        ImportReport r = csv(HEADER + "W-9,pomerol-18,Other,,wine,,10.00,EUR,,,,,,,,red,Merlot,2018,Bordeaux,,,,\n", false);
        assertEquals("line 2 (W-9): slug: 'pomerol-18' is the slug of another product", r.badRows().get(0).describe());
        assertEquals(3, products());
    }

    @Test
    public void aDryRunReportsWhatWouldChangeAndWritesNothing() {
        ImportReport r = csv(GOOD, true);
        assertTrue(r.dryRun());
        assertFalse(r.applied());
        assertEquals(3, r.created());
        assertTrue(r.summary(), r.summary().startsWith("dry run, nothing written: would create 3"));
        assertEquals(0, products());
        assertEquals(0, events(""));
        csv(GOOD, false);
        ImportReport second = csv(GOOD.replace("Pomerol 2018,Domaine P", "Pomerol 2018,Domaine Q"), true);
        assertEquals(1, second.updated());
        assertEquals("Domaine P", catalog.bySku("W-1").orElseThrow().brand());
        assertEquals(3, events(""));
    }

    @Test
    public void aMappingRenamesColumnsSplitsListsAndAddsConstants() {
        ImportMapping mapping = importer.mapping("""
                {"columns": {"Artikel": "sku", "Bezeichnung": "name", "Farbe": "attributes.colour",
                             "Rebsorten": "attributes.grape", "Jahrgang": "attributes.vintage", "Preis": "price", "URL-Name": "slug"},
                 "constants": {"type": "wine", "currency": "EUR", "attributes.region": "Mosel"},
                 "ignore": ["Lager"], "listSeparator": ";"}""".getBytes());
        String supplier = "Artikel,URL-Name,Bezeichnung,Farbe,Rebsorten,Jahrgang,Preis,Lager\n"
                + "M-1,riesling-20,Riesling Kabinett 2020,white,Riesling; Silvaner,2020,12.90,140\n";
        ImportReport r = importer.importBatch(() -> new StringReader(supplier), BatchFormat.CSV, mapping, false);
        assertEquals(r.badRows().toString(), 1, r.created());
        Product p = catalog.bySku("M-1").orElseThrow();
        assertEquals(List.of("Riesling", "Silvaner"), p.attributes().get("grape"));
        assertEquals("Mosel", p.attributes().get("region"));
        assertEquals("EUR", p.price().currency());

        ImportReport unmapped = importer.importBatch(() -> new StringReader("sku,Lagerort\nX,1\n"), BatchFormat.CSV, ImportMapping.DEFAULT, true);
        assertEquals("line 1: header: column 'Lagerort' is not a product field nor attr.<code>: map it or ignore it",
                unmapped.badRows().get(0).describe());
        try {
            importer.mapping("{\"columns\": {\"A\": \"colour\"}, \"constants\": {\"kind\": 1}}".getBytes());
            fail("accepted");
        } catch (ProblemException e) {
            assertEquals(List.of("columns.A", "constants.kind"), e.errors().stream().map(x -> x.field()).sorted().toList());
        }
    }

    @Test
    public void jsonBatchesComeNestedOrFlatAndBadRowsNameTheirLine() {
        ImportReport r = json("""
                [
                  {"sku": "J-1", "slug": "j-1", "name": "Nested", "type": "wine", "price": {"amount": "11.00", "currency": "EUR"},
                   "attributes": {"colour": "red", "grape": ["Syrah"], "vintage": 2019, "region": "Rhône", "alcohol": 14.5}},
                  {"sku": "J-2", "slug": "j-2", "name": "Flat", "type": "wine", "price": "12.00", "currency": "EUR",
                   "attr.colour": "white", "attr.grape": ["Viognier"], "attr.region": "Condrieu", "attr.vintage": 2020}
                ]""");
        assertEquals(r.badRows().toString(), 2, r.created());
        assertEquals(new BigDecimal("14.5"), catalog.bySku("J-1").orElseThrow().attributes().get("alcohol"));
        assertEquals(2020L, catalog.bySku("J-2").orElseThrow().attributes().get("vintage"));

        ImportReport bad = json("""
                [
                  {"sku": "J-3", "slug": "j-3", "name": "Bad price", "type": "wine", "price": {"amount": "x", "currency": "EUR"},
                   "attributes": {"colour": "red", "grape": ["Syrah"], "region": "Rhône"}},
                  {"sku": "J-4", "slug": "j-4", "name": "Bad vintage", "type": "wine", "price": {"amount": "1.00", "currency": "EUR"},
                   "attributes": {"colour": "red", "grape": "Syrah", "region": "Rhône", "vintage": "old"}},
                  "not an object",
                  {"sku": "J-5", "slug": "j-5", "name": "Extra", "type": "wine", "colour": "red"}
                ]""");
        List<String> lines = bad.badRows().stream().map(ImportReport.BadRow::describe).toList();
        assertEquals(lines.toString(), List.of(2, 4, 6, 7), bad.badRows().stream().map(ImportReport.BadRow::line).toList());
        assertTrue(lines.get(0), lines.get(0).startsWith("line 2: price"));
        assertTrue(lines.get(1), lines.get(1).contains("attributes.grape: must be a list of texts; attributes.vintage: must be a whole number"));
        assertTrue(lines.get(3), lines.get(3).contains("colour: unknown field"));
        assertEquals(2, products());

        ImportReport broken = json("[{\"sku\": \"J-6\",\n \"name\": }]");
        assertEquals("line 2", broken.badRows().get(0).describe().substring(0, 6));
    }

    @Test
    public void anExportReimportedIsANoOpInJsonAndCsv() {
        csv(GOOD, false);
        catalog.publish("W-1");
        // what a CSV cell finds hard: line breaks, quotes, the list separator and a backslash inside values
        dev.emporium.catalog.api.ProductInput w = Wines.wine("W-4", "Hard, \"quoted\" name", "red", "Merlot | Malbec", 2019, "Cahors", "12.00");
        catalog.create(new dev.emporium.catalog.api.ProductInput(w.sku(), w.slug(), w.name(), "Line one\r\nline two\n", w.longDescription(),
                w.brand(), w.type(), w.attributes(), List.of("red-wine", "wine"), w.price(), w.packPrices(), w.shipping(),
                List.of(new dev.emporium.catalog.api.Media("https://img.example/a.jpg", "Front | back \\ side")), w.seo()));
        long before = events("");
        for (BatchFormat format : BatchFormat.values()) {
            StringWriter out = new StringWriter();
            assertEquals(4, export.export(out, format, null));
            ImportReport again = importer.importBatch(() -> new StringReader(out.toString()), format, ImportMapping.DEFAULT, false);
            assertEquals(format + ": " + again.badRows() + "\n" + out, 4, again.unchanged());
        }
        assertEquals(before, events(""));

        StringWriter published = new StringWriter();
        assertEquals(1, export.export(published, BatchFormat.CSV, ProductStatus.PUBLISHED));
        String[] lines = published.toString().split("\r\n");
        assertTrue(lines[0], lines[0].startsWith("sku,slug,name,") && lines[0].contains(",attr.colour,attr.grape,"));
        assertTrue(lines[1], lines[1].contains("Merlot|Cabernet Franc") && lines[1].contains("6=149.40|12=273.90")
                && lines[1].contains(",PUBLISHED,"));
        StringWriter json = new StringWriter();
        export.export(json, BatchFormat.JSON, ProductStatus.PUBLISHED);
        assertTrue(json.toString(), json.toString().contains("\"price\":{\"amount\":\"24.90\",\"currency\":\"EUR\"}")
                && json.toString().contains("\"vintage\":2018") && json.toString().contains("\"status\":\"PUBLISHED\""));
    }
}
