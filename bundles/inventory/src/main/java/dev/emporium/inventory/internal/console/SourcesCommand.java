package dev.emporium.inventory.internal.console;

import dev.emporium.inventory.internal.SupplierSources;
import dev.emporium.inventory.internal.stock.SyncReport;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code inventory:sources}: every configured feed with its last sync. */
@Service
@Command(scope = "inventory", name = "sources", description = "Lists the supplier and warehouse sources with their last sync")
public class SourcesCommand implements Action {

    @Reference
    SupplierSources sources;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            var list = sources.list();
            if (list.isEmpty()) {
                System.out.println("No inventory source is configured (etc/dev.emporium.inventory.source-<name>.cfg)");
                return null;
            }
            ShellTable table = new ShellTable();
            table.column("Source");
            table.column("Feed");
            table.column("Location");
            table.column("Every");
            table.column("Partial");
            table.column("Last sync");
            for (var s : list) {
                SyncReport r = s.lastReport();
                String last = r == null ? "never" : "#" + r.id() + " " + r.status() + " " + r.finishedAt();
                table.addRow().addContent(s.name(), s.format() + " " + s.url(), s.location(),
                        s.intervalSeconds() == 0 ? "on demand" : s.intervalSeconds() + " s", s.acceptPartial() ? "yes" : "no", last);
            }
            table.print(System.out);
            for (var s : list) {
                if (!s.configurationErrors().isEmpty()) {
                    System.out.println(s.name() + " is misconfigured: " + String.join("; ", s.configurationErrors()));
                }
            }
            return null;
        });
    }
}
