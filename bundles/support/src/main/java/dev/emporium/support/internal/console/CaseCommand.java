package dev.emporium.support.internal.console;

import dev.emporium.support.internal.SupportService;
import dev.emporium.support.internal.cases.CaseEntry;
import dev.emporium.support.internal.cases.CaseView;
import dev.emporium.support.internal.cases.SentNotification;
import dev.emporium.support.internal.cases.ServiceCase;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code support:case ID}: a case with its timers, steps and the messages sent to the buyer. */
@Service
@Command(scope = "support", name = "case", description = "Shows a service case with its timers, steps and notifications")
public class CaseCommand implements Action {

    @Argument(index = 0, name = "id", description = "The case id", required = true)
    long id;

    @Reference
    SupportService support;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            CaseView v = support.cases().view(id);
            ServiceCase c = v.serviceCase();
            System.out.println("Case " + c.id() + " (" + c.origin() + (c.orderNumber() == null ? "" : ", order " + c.orderNumber() + " " + c.orderStatus())
                    + "): " + c.status() + (c.agent() == null ? ", unassigned" : ", agent " + c.agent())
                    + (c.flagged() ? ", FLAGGED influence " + c.influence() : ""));
            System.out.println("First response: " + (c.firstResponseSeconds() == null ? "none yet" : c.firstResponseSeconds() + " s")
                    + (v.timers().firstResponseDue() == null ? "" : ", due " + v.timers().firstResponseDue() + (v.timers().firstResponseOverdue() ? " OVERDUE" : ""))
                    + "; resolution: " + (c.resolutionSeconds() == null ? "none yet" : c.resolutionSeconds() + " s")
                    + (v.timers().resolutionDue() == null ? "" : ", due " + v.timers().resolutionDue() + (v.timers().resolutionOverdue() ? " OVERDUE" : ""))
                    + (c.rating() == null ? "" : "; rated " + c.rating() + "/5"));
            ShellTable t = new ShellTable();
            t.column("When");
            t.column("Kind");
            t.column("By");
            t.column("Text").maxSize(80);
            for (CaseEntry e : v.entries()) {
                t.addRow().addContent(e.at(), e.kind(), e.by() + (e.author() == null ? "" : " " + e.author()), e.body());
            }
            t.print(System.out);
            ShellTable n = new ShellTable();
            n.column("Sent");
            n.column("To");
            n.column("Subject");
            for (SentNotification s : v.notifications()) {
                n.addRow().addContent(s.at(), Console.or(s.recipient()), s.subject());
            }
            n.print(System.out);
            return null;
        });
    }
}
