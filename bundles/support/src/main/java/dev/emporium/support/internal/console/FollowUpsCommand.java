package dev.emporium.support.internal.console;

import dev.emporium.support.internal.SupportService;
import dev.emporium.support.internal.sales.FollowUp;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code support:follow-ups}: sales follow-ups; {@code --sweep} looks at abandoned checkouts first. */
@Service
@Command(scope = "support", name = "follow-ups", description = "Lists sales follow-ups (abandoned checkouts, product questions)")
public class FollowUpsCommand implements Action {

    @Option(name = "--status", description = "OPEN, WON, LOST or CANCELLED (default: all)")
    String status;

    @Option(name = "--sweep", description = "Look at abandoned checkouts now, before listing")
    boolean sweep;

    @Reference
    SupportService support;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            if (sweep) {
                var r = support.sweep();
                System.out.println(r.idleCarts() + " idle cart(s): " + r.created() + " follow-up(s) created, " + r.withoutConsent() + " without consent");
            }
            ShellTable t = new ShellTable();
            t.column("Id").alignRight();
            t.column("Kind");
            t.column("Customer");
            t.column("Channel");
            t.column("Status");
            t.column("Agent");
            t.column("Order");
            t.column("Credited").alignRight();
            for (FollowUp f : support.followUps().list(status == null ? null : status.toUpperCase(java.util.Locale.ROOT), null, null, 500)) {
                t.addRow().addContent(f.id(), f.kind(), f.customerId(), f.channel(), f.status(), Console.or(f.agent()),
                        Console.or(f.orderNumber()), f.creditedTotal() == null ? "" : f.creditedTotal() + " to " + Console.or(f.creditedAgent()));
            }
            t.print(System.out);
            return null;
        });
    }
}
