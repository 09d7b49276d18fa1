package dev.emporium.inventory.internal.console;

import dev.emporium.inventory.internal.InventoryService;
import dev.emporium.inventory.internal.stock.PriceProposal;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code inventory:price-decide --reject ID} or {@code inventory:price-decide ID}: accepts (default) or rejects a proposal. */
@Service
@Command(scope = "inventory", name = "price-decide", description = "Accepts a proposed price (the catalog sets it), or rejects it with --reject")
public class PriceDecisionCommand implements Action {

    @Argument(index = 0, name = "id", description = "The proposal (see inventory:price-proposals)", required = true)
    long id;

    @Option(name = "--reject", description = "Reject instead of accept")
    boolean reject;

    @Reference
    InventoryService inventory;

    @Reference
    Session session;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            String actor = Console.actor(session);
            PriceProposal p = reject ? inventory.proposals().reject(id, actor) : inventory.proposals().accept(id, actor);
            System.out.println("Price proposal " + p.id() + ": " + p.sku() + " at " + p.price() + " " + p.currency() + " is " + p.status());
            return null;
        });
    }
}
