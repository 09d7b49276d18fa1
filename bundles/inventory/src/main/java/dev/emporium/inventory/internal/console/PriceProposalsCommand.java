package dev.emporium.inventory.internal.console;

import dev.emporium.inventory.internal.InventoryService;
import dev.emporium.inventory.internal.stock.PriceProposal;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.Locale;

/** {@code inventory:price-proposals}: the prices proposed from supplier costs, open ones by default. */
@Service
@Command(scope = "inventory", name = "price-proposals", description = "Lists price proposals made from supplier costs")
public class PriceProposalsCommand implements Action {

    @Option(name = "--status", description = "PROPOSED (default), ACCEPTED, REJECTED, SUPERSEDED or all")
    String status = "PROPOSED";

    @Reference
    InventoryService inventory;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            String s = status.equalsIgnoreCase("all") ? null : status.toUpperCase(Locale.ROOT);
            var list = inventory.proposals().list(s, 100);
            if (list.isEmpty()) {
                System.out.println("No price proposal" + (s == null ? "" : " " + s));
                return null;
            }
            ShellTable table = new ShellTable();
            for (String c : new String[] {"Id", "SKU", "Source", "Cost", "Price", "Currency", "Status", "Decided by"}) {
                table.column(c);
            }
            for (PriceProposal p : list) {
                table.addRow().addContent(p.id(), p.sku(), p.source(), p.cost(), p.price(), p.currency(), p.status(),
                        p.decidedBy() == null ? "" : p.decidedBy());
            }
            table.print(System.out);
            return null;
        });
    }
}
