package dev.emporium.itests;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import javax.inject.Inject;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

/**
 * The store on PostgreSQL, as production runs it: a real PostgreSQL started by the test JVM, and the Karaf's
 * {@code etc/org.ops4j.datasource-emporium.cfg} pointing at it before the first boot (the feature then keeps the
 * file as it is). Two hundred buyers for fifty bottles make fifty orders, and twenty checkouts with one key one.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OrdersOnPostgreSQLIT {

    private static final String DATASOURCE = "etc/org.ops4j.datasource-emporium.cfg";
    private static boolean described;

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        String url = StorePostgres.url();
        return OptionUtils.combine(StockKaraf.options(),
                editConfigurationFilePut(DATASOURCE, "osgi.jdbc.driver.class", "org.postgresql.Driver"),
                editConfigurationFilePut(DATASOURCE, "url", url),
                editConfigurationFilePut(DATASOURCE, "user", "postgres"),
                editConfigurationFilePut(DATASOURCE, "password", "postgres"),
                editConfigurationFilePut(DATASOURCE, "dataSourceName", "emporium"),
                editConfigurationFilePut(DATASOURCE, "pool", "dbcp2"),
                editConfigurationFilePut(DATASOURCE, "xa", "false"),
                editConfigurationFilePut(DATASOURCE, "jdbc.pool.maxTotal", "32"),
                editConfigurationFilePut(DATASOURCE, "jdbc.pool.maxIdle", "8"));
    }

    @Before
    public void openTheStore() throws Exception {
        Store.install(features, "emporium");
        Store.awaitHealth("\"product\":\"PostgreSQL", 60);
        Store.awaitHealth("\"name\":\"orders\",\"state\":\"UP\"", 60);
        Store.awaitHealth("\"name\":\"catalog\",\"state\":\"UP\"", 60);
        Store.awaitHealth("\"name\":\"inventory\",\"state\":\"UP\"", 60);
        if (!described) {
            TestCallers.register(context);
            StoreFront.describeWines();
            described = true;
        }
    }

    @Test
    public void twoHundredBuyersForFiftyBottlesMakeFiftyOrders() throws Exception {
        assertTrue(Http.get("/api/health").body().contains("PostgreSQL"));
        CheckoutCrowds.neverOversell("W-PG-CROWD", 200, 50);
    }

    @Test
    public void twentyCheckoutsAtOnceWithOneKeyMakeOneOrder() throws Exception {
        CheckoutCrowds.oneOrderForOneKey("W-PG-KEY", 20);
    }
}
