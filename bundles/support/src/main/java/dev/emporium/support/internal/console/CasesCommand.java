package dev.emporium.support.internal.console;

import dev.emporium.support.internal.SupportService;
import dev.emporium.support.internal.cases.ServiceCase;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code support:cases}: service cases, influential buyers first. */
@Service
@Command(scope = "support", name = "cases", description = "Lists service cases, flagged (influential) buyers first")
public class CasesCommand implements Action {

    @Option(name = "--status", description = "OPEN, RESOLVED or CLOSED (default: all)")
    String status;

    @Option(name = "--agent", description = "Only this agent's cases")
    String agent;

    @Reference
    SupportService support;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            ShellTable t = new ShellTable();
            t.column("Id").alignRight();
            t.column("Origin");
            t.column("Order");
            t.column("Order status");
            t.column("Status");
            t.column("Agent");
            t.column("Influence").alignRight();
            t.column("Flagged");
            t.column("Rating").alignRight();
            for (ServiceCase c : support.cases().list(status == null ? null : status.toUpperCase(java.util.Locale.ROOT), agent, null, 500)) {
                t.addRow().addContent(c.id(), c.origin(), Console.or(c.orderNumber()), Console.or(c.orderStatus()), c.status(),
                        Console.or(c.agent()), c.influence(), c.flagged() ? "yes" : "", Console.or(c.rating()));
            }
            t.print(System.out);
            return null;
        });
    }
}
