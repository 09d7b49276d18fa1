package dev.emporium.platform.api;

import java.util.Objects;
import java.util.Set;

/** The authenticated party behind a request. */
public record Caller(String id, Access kind, Set<String> roles) {

    /** The role that grants every admin route. */
    public static final String SUPERUSER_ROLE = "admin";

    public Caller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** True when this caller may use a route with the given access level and role. */
    public boolean mayCall(Access access, String role) {
        return switch (access) {
            case PUBLIC -> true;
            case CUSTOMER -> kind == Access.CUSTOMER;
            case ADMIN -> kind == Access.ADMIN
                    && (role == null || roles.contains(role) || roles.contains(SUPERUSER_ROLE));
        };
    }
}
