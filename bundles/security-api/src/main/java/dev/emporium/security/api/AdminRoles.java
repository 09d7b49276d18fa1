package dev.emporium.security.api;

import java.util.List;

/** The roles an admin account may hold; each grants one department's admin routes, {@code admin} grants them all. */
public final class AdminRoles {

    /** The security department's name, its path segment and its migrations folder. */
    public static final String DEPARTMENT = "security";

    public static final String ADMIN = "admin";
    public static final String CATALOG_EDITOR = "catalog-editor";
    public static final String INVENTORY_MANAGER = "inventory-manager";
    public static final String ORDER_MANAGER = "order-manager";
    public static final String CUSTOMER_SERVICE = "customer-service";
    public static final String SUPPORT_AGENT = "support-agent";
    public static final String SECURITY_ADMIN = "security-admin";

    /** Every role an account may be given. */
    public static final List<String> ALL = List.of(ADMIN, CATALOG_EDITOR, INVENTORY_MANAGER, ORDER_MANAGER,
            CUSTOMER_SERVICE, SUPPORT_AGENT, SECURITY_ADMIN);

    private AdminRoles() {
    }
}
