package dev.emporium.demo.internal;

import org.junit.Test;

import java.net.URI;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

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
}
