package dev.emporium.security.internal.console.realm;

import dev.emporium.security.api.AdminRoles;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Karaf roles from department roles. {@code admin} is Karaf's administrator (console, ssh, web console, every
 * command). Other roles keep their own name (for command ACLs by scope) and {@code viewer}, but not {@code ssh}:
 * Karaf ships no command ACL for the departments' scopes yet, so a console would let them run every command.
 */
public final class ConsoleRoles {

    static final List<String> KARAF_ADMIN = List.of("admin", "manager", "viewer", "systembundles", "ssh");

    private ConsoleRoles() {
    }

    public static Set<String> of(List<String> departmentRoles) {
        Set<String> out = new TreeSet<>(departmentRoles);
        if (departmentRoles.contains(AdminRoles.ADMIN)) {
            out.addAll(KARAF_ADMIN);
        } else if (!departmentRoles.isEmpty()) {
            out.add("viewer");
        }
        return out;
    }
}
