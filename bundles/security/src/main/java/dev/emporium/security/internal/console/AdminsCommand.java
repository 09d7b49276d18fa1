package dev.emporium.security.internal.console;

import dev.emporium.security.api.AdminAccount;
import dev.emporium.security.api.AdminAccounts;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.time.Instant;

/** {@code security:admins}: the admin accounts, their roles and state. */
@Service
@Command(scope = "security", name = "admins", description = "Lists the admin accounts with their roles and state")
public class AdminsCommand implements Action {

    @Reference
    AdminAccounts accounts;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            ShellTable table = new ShellTable();
            table.column("Username");
            table.column("Roles");
            table.column("State");
            table.column("Password expires");
            table.column("Last sign-in");
            Instant now = Instant.now();
            for (AdminAccount a : accounts.list()) {
                String state = !a.enabled() ? "disabled"
                        : a.lockedUntil() != null && now.isBefore(a.lockedUntil()) ? "locked until " + a.lockedUntil()
                        : a.mustChangePassword() ? "must change password" : "active";
                table.addRow().addContent(a.username(), String.join(",", a.roles()), state,
                        a.passwordExpiresAt() == null ? "never" : a.passwordExpiresAt(),
                        a.lastSignInAt() == null ? "never" : a.lastSignInAt());
            }
            table.print(System.out);
            return null;
        });
    }
}
