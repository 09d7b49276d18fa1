package dev.emporium.platform.internal.console;

import dev.emporium.platform.internal.OutboxRelay;
import dev.emporium.platform.internal.storage.SubscriptionDelivery;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code platform:subscriptions}: how far each outbox subscription got, on every node, and what holds one back. */
@Service
@Command(scope = "platform", name = "subscriptions",
        description = "Lists the outbox subscriptions of every node: how far each got, how far behind it is, its failures")
public class SubscriptionsCommand implements Action {

    @Reference
    OutboxRelay relay;

    @Override
    public Object execute() throws Exception {
        long last = relay.lastEventId();
        ShellTable table = new ShellTable();
        table.column("Subscription");
        table.column("Scope");
        table.column("Passed");
        table.column("Behind");
        table.column("Delivered");
        table.column("Here");
        table.column("Attempts");
        table.column("Retry at");
        table.column("Last error").maxSize(80);
        for (SubscriptionDelivery.State s : relay.subscriptions()) {
            boolean cluster = s.node().isEmpty();
            boolean mine = cluster || s.node().equals(relay.node());
            table.addRow().addContent(s.name(), cluster ? "cluster" : "node " + s.node(), s.passed(), Math.max(0, last - s.passed())
                            + (s.gaps() == null ? "" : " (+gaps)"), s.delivered(), mine && relay.handledHere(s.name()) ? "yes" : mine ? "no" : "-",
                    s.attempts() == 0 ? "" : s.attempts(), s.retryAt() == null ? "" : s.retryAt(),
                    s.lastError() == null ? "" : s.lastError());
        }
        System.out.println("This node: " + relay.node() + "; newest event: " + last);
        table.print(System.out);
        return null;
    }
}
