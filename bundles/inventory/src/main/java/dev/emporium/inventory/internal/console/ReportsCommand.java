package dev.emporium.inventory.internal.console;

import dev.emporium.inventory.internal.InventoryService;
import dev.emporium.inventory.internal.stock.SyncReport;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code inventory:reports [SOURCE]} lists the latest syncs; {@code --id N} shows one with its rejected rows. */
@Service
@Command(scope = "inventory", name = "reports", description = "Shows the latest sync reports, or one report with its rejected rows")
public class ReportsCommand implements Action {

    @Argument(index = 0, name = "source", description = "Only this source's reports", required = false)
    String source;

    @Option(name = "--id", description = "Show this report with every rejected row")
    Long id;

    @Option(name = "--limit", aliases = "-n", description = "How many reports (default 10)")
    int limit = 10;

    @Reference
    InventoryService inventory;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            if (id != null) {
                inventory.report(id, Integer.MAX_VALUE).ifPresentOrElse(r -> print(r, Integer.MAX_VALUE),
                        () -> System.out.println("No sync report " + id));
                return null;
            }
            var reports = inventory.reports(source, limit);
            if (reports.isEmpty()) {
                System.out.println("No sync report yet" + (source == null ? "" : " for source " + source));
                return null;
            }
            ShellTable table = new ShellTable();
            for (String c : new String[] {"Id", "Source", "Status", "Finished", "Rows", "Added", "Changed", "Unchanged", "Discontinued", "Rejected", "Prices"}) {
                table.column(c);
            }
            for (SyncReport r : reports) {
                table.addRow().addContent(r.id(), r.source(), r.status(), r.finishedAt(), r.rows(), r.added(), r.changed(), r.unchanged(),
                        r.discontinued(), r.rejected(), r.priceProposals());
            }
            table.print(System.out);
            return null;
        });
    }

    static void print(SyncReport r, int maxRejections) {
        System.out.println("Sync " + r.id() + " of " + r.source() + ": " + r.status() + " (" + r.trigger() + ", " + r.finishedAt() + ")");
        System.out.println("  rows " + r.rows() + ", added " + r.added() + ", changed " + r.changed() + ", unchanged " + r.unchanged()
                + ", discontinued " + r.discontinued() + ", rejected " + r.rejected() + ", price proposals " + r.priceProposals());
        if (r.message() != null) {
            System.out.println("  " + r.message());
        }
        int shown = 0;
        for (SyncReport.Rejection x : r.rejections()) {
            if (shown++ == maxRejections) {
                System.out.println("  ... " + (r.rejections().size() - maxRejections) + " more: inventory:reports --id " + r.id());
                break;
            }
            System.out.println("  line " + x.line() + (x.sku() == null ? "" : " (" + x.sku() + ")") + ": " + x.reason());
        }
    }
}
