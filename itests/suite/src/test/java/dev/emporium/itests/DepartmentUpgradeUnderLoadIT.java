package dev.emporium.itests;

import dev.emporium.bench.load.HotUpgrade;
import dev.emporium.testing.StoreProcess;
import org.junit.BeforeClass;
import org.junit.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The promise of DESIGN.md, on the store as integrators run it: the built distribution started as its own process, 16
 * storefront clients buying without pause, and an admin who, through the Karaf console over ssh, upgrades each
 * department's implementation to its rebuilt newer version (itests/next-versions) and rolls it back, then upgrades the
 * catalog to the version whose migration expands the schema and rolls that back too. One run ({@link HotUpgrade}, the
 * same as bench/hot-upgrade/run with shorter pauses); each method checks one part of the promise on it.
 */
public class DepartmentUpgradeUnderLoadIT {

    private static HotUpgrade.Outcome outcome;

    @BeforeClass
    public static void swapEveryDepartmentUnderLoad() throws Exception {
        HotUpgrade.Settings settings = new HotUpgrade.Settings(StoreProcess.assembly("../../distribution/target/assembly"),
                Path.of("target", "hot-upgrade", "karaf"), Path.of(System.getProperty("emporium.next.versions", "../next-versions/target")),
                16, Duration.ofSeconds(3), HotUpgrade.DEPARTMENTS);
        outcome = new HotUpgrade(settings).run();
        HotUpgrade.write(outcome, settings, Path.of("target", "hot-upgrade"), Path.of("target", "hot-upgrade", "HOT-UPGRADE.md"),
                "mvn -pl itests/suite verify -Dit.test=DepartmentUpgradeUnderLoadIT");
        System.out.println(HotUpgrade.json(outcome));
    }

    @Test
    public void everyDepartmentWasUpgradedAndRolledBackThenTheSchemaChangingCatalog() {
        List<String> swapped = outcome.swaps().stream().map(s -> s.department() + " " + s.from() + " -> " + s.to()).toList();
        assertEquals(swapped.toString(), 2 * HotUpgrade.DEPARTMENTS.size() + 2, swapped.size());
        for (int i = 0; i < HotUpgrade.DEPARTMENTS.size(); i++) {
            assertEquals(swapped.get(2 * i), HotUpgrade.DEPARTMENTS.get(i), outcome.swaps().get(2 * i).department());
            assertEquals(swapped.get(2 * i), "0.1.1", outcome.swaps().get(2 * i).to());
            assertEquals(swapped.get(2 * i + 1), "0.1.1", outcome.swaps().get(2 * i + 1).from());
        }
        assertEquals(swapped.toString(), "0.2.0", outcome.swaps().get(swapped.size() - 2).to());
        assertTrue(swapped.toString(), outcome.swaps().get(swapped.size() - 1).to().startsWith("0.1.0"));
    }

    @Test
    public void theOlderCatalogRunsOnTheSchemaTheNewerOneExpanded() {
        assertEquals("the catalog's recorded schema version after the rollback", 99, outcome.catalogSchemaAfterRollback());
    }

    @Test
    public void noStorefrontRequestFailedDuringTheSwaps() {
        assertTrue("too little load to show anything: " + outcome.requests(), outcome.requests() > 1000);
        assertEquals(outcome.byStatus() + " " + outcome.unexpected(), 0, outcome.failed());
    }

    @Test
    public void noAcknowledgedWriteWasLost() {
        assertTrue("too few orders to show anything: " + outcome.orders(), outcome.orders() > 50);
        assertEquals(List.of(), outcome.lostOrders());
        assertTrue("too few open carts: " + outcome.openLines(), outcome.openLines() > 10);
        assertEquals(List.of(), outcome.lostLines());
    }

    @Test
    public void noEventWasLost() {
        assertEquals("orders whose ORDER_PLACED never opened their support case", List.of(), outcome.ordersWithoutCase());
        assertTrue("too few signed-in orders: " + outcome.signedInOrders(), outcome.signedInOrders() > 20);
        assertEquals("customers whose buying habits miss an order", List.of(), outcome.habitsShort());
    }
}
