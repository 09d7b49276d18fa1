package dev.emporium.security.internal.console;

import dev.emporium.security.api.AdminAccounts;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code security:unlock USERNAME}: lifts a lockout after failed sign-ins. */
@Service
@Command(scope = "security", name = "unlock", description = "Lifts the lockout of an admin account")
public class UnlockCommand implements Action {

    @Argument(index = 0, name = "username", description = "The admin's username", required = true)
    String username;

    @Reference
    AdminAccounts accounts;

    @Reference
    Session session;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            accounts.unlock(username, Console.actor(session), "console");
            System.out.println("Unlocked " + username);
            return null;
        });
    }
}
