package dev.emporium.platform.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.emporium.platform.api.EventSubscriptions;
import dev.emporium.platform.internal.storage.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class NodeIdentityAndSubscriptionTest {

    @Test
    public void aConfiguredNodeIdWinsAndAGeneratedOneIsKeptAcrossRestarts() throws Exception {
        assertEquals("shop-1", NodeIdentity.resolve(" Shop 1 ", null, "root"));
        Path data = Files.createTempDirectory("karaf-data");
        String first = NodeIdentity.resolve("", data.toString(), "root");
        assertTrue(first, first.contains("-root-"));
        assertEquals("the same node after a restart", first, NodeIdentity.resolve(null, data.toString(), "root"));
        Path other = Files.createTempDirectory("karaf-data");
        assertFalse("another installation is another node", first.equals(NodeIdentity.resolve("", other.toString(), "root")));
    }

    @Test
    public void aHandlersServicePropertiesDescribeItsSubscription() {
        Subscription s = OutboxRelay.subscription(Map.of(EventSubscriptions.NAME, "support.cases",
                EventSubscriptions.SCOPE, EventSubscriptions.CLUSTER,
                EventSubscriptions.TOPICS, new String[] {"emporium/orders/*", "emporium/customers/CUSTOMER_ERASED"}));
        assertEquals(new Subscription("support.cases", false, List.of("emporium/orders/*", "emporium/customers/CUSTOMER_ERASED")), s);
        assertTrue(s.hears("emporium/orders/ORDER_PLACED"));
        assertTrue(s.hears("emporium/customers/CUSTOMER_ERASED"));
        assertFalse(s.hears("emporium/customers/CUSTOMER_CREATED"));
        assertFalse(s.hears("emporium/ordersx/ORDER_PLACED"));

        Subscription node = OutboxRelay.subscription(Map.of(EventSubscriptions.NAME, "catalog.search",
                EventSubscriptions.SCOPE, EventSubscriptions.NODE, EventSubscriptions.TOPICS, "emporium/catalog/*"));
        assertTrue(node.perNode());

        assertThrows(IllegalArgumentException.class, () -> OutboxRelay.subscription(Map.of(EventSubscriptions.NAME, "x.y",
                EventSubscriptions.TOPICS, "emporium/catalog/*")));
        assertThrows(IllegalArgumentException.class, () -> OutboxRelay.subscription(Map.of(EventSubscriptions.NAME, "x.y",
                EventSubscriptions.SCOPE, "everywhere", EventSubscriptions.TOPICS, "emporium/catalog/*")));
        assertThrows(IllegalArgumentException.class, () -> OutboxRelay.subscription(Map.of(EventSubscriptions.NAME, "x.y",
                EventSubscriptions.SCOPE, EventSubscriptions.NODE)));
        assertThrows(IllegalArgumentException.class, () -> OutboxRelay.subscription(Map.of(EventSubscriptions.NAME, "Bad Name",
                EventSubscriptions.SCOPE, EventSubscriptions.NODE, EventSubscriptions.TOPICS, "*")));
    }
}
