package dev.emporium.support.internal.console;

import dev.emporium.support.internal.AgentStats;
import dev.emporium.support.internal.SupportService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code support:stats}: per agent, response times, cases, satisfaction and sales credited. */
@Service
@Command(scope = "support", name = "stats", description = "Agent statistics: response times, closed sales, satisfaction")
public class StatsCommand implements Action {

    @Reference
    SupportService support;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            ShellTable t = new ShellTable();
            t.column("Agent");
            t.column("Chats").alignRight();
            t.column("Chat 1st resp. s").alignRight();
            t.column("Cases").alignRight();
            t.column("Resolved").alignRight();
            t.column("Case 1st resp. s").alignRight();
            t.column("Avg rating").alignRight();
            t.column("Sales").alignRight();
            t.column("Credited").alignRight();
            for (AgentStats.AgentFigures f : support.stats().all()) {
                t.addRow().addContent(f.agent(), f.chats(), Console.or(f.chatFirstResponseSeconds()), f.cases(), f.casesResolved(),
                        Console.or(f.caseFirstResponseSeconds()), Console.or(f.averageRating()), f.salesClosed(),
                        String.join(" ", f.salesCredited().stream().map(String::valueOf).toList()));
            }
            t.print(System.out);
            return null;
        });
    }
}
