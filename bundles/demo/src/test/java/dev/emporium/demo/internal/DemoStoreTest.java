package dev.emporium.demo.internal;

import dev.emporium.customers.api.CompanyAccount;
import org.junit.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

public class DemoStoreTest {

    @Test
    public void theStoresOwnAddressComesFromTheAdvertisedEndpoint() {
        URI local = URI.create("http://127.0.0.1:8181/");
        assertEquals(local, DemoStore.endpoint("http://0.0.0.0:8181/"));
        assertEquals(local, DemoStore.endpoint(new String[] {"http://192.168.1.2:8181/", "http://10.0.0.1:8181/"}));
        assertEquals(local, DemoStore.endpoint(List.of("http://shop.example:8181/")));
        assertNull(DemoStore.endpoint(null));
        assertNull(DemoStore.endpoint("/"));
        assertNull(DemoStore.endpoint(new String[0]));
    }

    @Test
    public void demoBuyersHavePlainAsciiEmails() {
        List<String> emails = DemoBuyers.emails();
        assertEquals(12, emails.size());
        assertEquals("chloe.dubois@demo.emporium.example", emails.get(2));
        assertEquals(emails.size(), emails.stream().distinct().count());
    }

    @Test
    public void theRemovalKnowsTheDemosSkusAndNoOther() {
        WineCellar cellar = new WineCellar(40);
        assertTrue(cellar.products().stream().allMatch(p -> WineCellar.isDemoSku(p.sku())));
        assertTrue(WineCellar.isDemoSku("DEMO-W9999"));
        for (String own : new String[] {"OWN-1", "DEMO-W1", "DEMO-X01", "demo-w0001", "DEMO-W00011", "DEMO-G01-B", "MY-DEMO-G01", null}) {
            assertFalse(own, WineCellar.isDemoSku(own));
        }
    }

    @Test
    public void theCompanyHasThreeDemoBuyersWithEachRole() {
        Map<String, String> members = DemoCompany.members();
        assertEquals(List.of("ADMIN", "APPROVER", "BUYER"), List.copyOf(members.values()));
        assertTrue(DemoBuyers.emails().containsAll(members.keySet()));
        assertEquals("bruno.moreau@demo.emporium.example", members.keySet().iterator().next());
        assertTrue(DemoCompany.ours(new CompanyAccount("1", DemoCompany.NAME, DemoCompany.TAX_ID, "FR", null)));
        assertFalse("a company of the store's own under the demo's number", DemoCompany.ours(
                new CompanyAccount("1", "Bistrot du Coin", DemoCompany.TAX_ID, "FR", null)));
    }

    @Test
    public void theFrenchVatKeyOfTheDemoCompanyMatchesItsSiren() {
        long siren = Long.parseLong(DemoCompany.TAX_ID.substring(4));
        assertEquals((12 + 3 * (siren % 97)) % 97, Long.parseLong(DemoCompany.TAX_ID.substring(2, 4)));
    }
}
