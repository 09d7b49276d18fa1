package dev.emporium.platform.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

public class CallerTest {

    private static final Caller CUSTOMER = new Caller("c-1", Access.CUSTOMER, Set.of());
    private static final Caller CATALOG_ADMIN = new Caller("a-1", Access.ADMIN, Set.of("catalog"));
    private static final Caller SUPERUSER = new Caller("a-2", Access.ADMIN, Set.of(Caller.SUPERUSER_ROLE));

    @Test
    public void everyoneMayCallPublicRoutes() {
        assertTrue(CUSTOMER.mayCall(Access.PUBLIC, null));
        assertTrue(CATALOG_ADMIN.mayCall(Access.PUBLIC, null));
        assertTrue(CATALOG_ADMIN.mayCall(Access.PUBLIC, "orders"));
    }

    @Test
    public void onlyCustomersMayCallCustomerRoutes() {
        assertTrue(CUSTOMER.mayCall(Access.CUSTOMER, null));
        assertFalse(CATALOG_ADMIN.mayCall(Access.CUSTOMER, null));
        assertFalse(SUPERUSER.mayCall(Access.CUSTOMER, null));
    }

    @Test
    public void anAdminNeedsTheRoutesRole() {
        assertTrue(CATALOG_ADMIN.mayCall(Access.ADMIN, "catalog"));
        assertFalse(CATALOG_ADMIN.mayCall(Access.ADMIN, "orders"));
        assertTrue("no role on the route: any admin", CATALOG_ADMIN.mayCall(Access.ADMIN, null));
        assertTrue(new Caller("a-3", Access.ADMIN, Set.of()).mayCall(Access.ADMIN, null));
        assertFalse(new Caller("a-3", Access.ADMIN, Set.of()).mayCall(Access.ADMIN, "catalog"));
    }

    @Test
    public void theSuperuserRoleGrantsEveryAdminRoute() {
        assertEquals("admin", Caller.SUPERUSER_ROLE);
        assertTrue(SUPERUSER.mayCall(Access.ADMIN, "catalog"));
        assertTrue(SUPERUSER.mayCall(Access.ADMIN, "orders"));
        assertTrue(SUPERUSER.mayCall(Access.ADMIN, null));
    }

    @Test
    public void aCustomerNeverPassesAnAdminRouteWhateverItsRoles() {
        Caller sneaky = new Caller("c-2", Access.CUSTOMER, Set.of("admin", "catalog"));
        assertFalse(sneaky.mayCall(Access.ADMIN, "catalog"));
        assertFalse(sneaky.mayCall(Access.ADMIN, null));
    }

    @Test
    public void rolesAreCopiedAndNullMeansNone() {
        Set<String> roles = new HashSet<>(Set.of("catalog"));
        Caller caller = new Caller("a-4", Access.ADMIN, roles);
        roles.add("orders");
        assertFalse(caller.mayCall(Access.ADMIN, "orders"));
        assertEquals(Set.of(), new Caller("a-5", Access.ADMIN, null).roles());
        assertThrows(NullPointerException.class, () -> new Caller(null, Access.ADMIN, Set.of()));
        assertThrows(NullPointerException.class, () -> new Caller("x", null, Set.of()));
    }
}
