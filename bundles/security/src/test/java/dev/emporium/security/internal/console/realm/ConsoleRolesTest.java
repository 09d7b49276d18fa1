package dev.emporium.security.internal.console.realm;

import org.junit.Test;

import java.util.List;
import java.util.Set;

import static org.junit.Assert.assertEquals;

/** Karaf roles from department roles, and the client host of Karaf's ssh and JMX principals. */
public class ConsoleRolesTest {

    @Test
    public void adminIsKarafsAdministratorOthersOnlyViewers() {
        assertEquals(Set.of("admin", "manager", "viewer", "systembundles", "ssh"), ConsoleRoles.of(List.of("admin")));
        assertEquals(Set.of("catalog-editor", "viewer"), ConsoleRoles.of(List.of("catalog-editor")));
        assertEquals(Set.of(), ConsoleRoles.of(List.of()));
    }

    @Test
    public void theHostOfAClientAddress() {
        assertEquals("127.0.0.1", AdminLoginModule.host("/127.0.0.1:53214"));
        assertEquals("0:0:0:0:0:0:0:1", AdminLoginModule.host("/0:0:0:0:0:0:0:1:53214"));
        assertEquals("::1", AdminLoginModule.host("[::1]:22"));
        assertEquals("10.1.2.3", AdminLoginModule.host("10.1.2.3"));
    }
}
